import { SIGNING_NAME_BY_PREFIX } from './signing-names.generated.js';

/**
 * The one table of host shapes -> (service, region) that host inference reads, refusals
 * included, each with its reason. Rows are tried in order; the first whose pattern matches
 * decides. Hosts are lower-cased, without port or trailing dot, before matching.
 */

const REGION = '(?<region>(?:[a-z]{2}|us-gov|us-iso[a-z]?|eu-iso[a-z]?)-[a-z]+-\\d{1,2})';
/** The DNS suffixes of AWS's partitions (commercial, China, the US ISO regions). */
const AWS = '(?:amazonaws\\.com(?:\\.cn)?|c2s\\.ic\\.gov|sc2s\\.sgov\\.gov)';

/** One row of the table, as host inference reads it. */
export interface HostRow {
  readonly pattern: RegExp;
  /** The signing name: fixed, or read from the pattern's named groups. */
  readonly service?: string | ((groups: Readonly<Record<string, string | undefined>>) => string);
  /**
   * `host` (default): captured as `region`. A region name: fixed (global endpoints).
   * `options`: the host does not say, the `region` option or AWS_REGION must (never guessed).
   */
  readonly region?: 'host' | 'options' | string;
  /** Set on refusals: why the host is not inferred. The caller must pass `service` (and `region`). */
  readonly refused?: string;
}

/** A row with what the README says of it. */
export interface HostShape extends HostRow {
  /** The shape as the README shows it. */
  readonly shape: string;
  /** What `service` gives, for the README, when it is read from the host. */
  readonly serviceDoc?: string;
}

const row = (source: string, rest: Omit<HostRow, 'pattern'>): HostRow => ({
  pattern: new RegExp(`^${source}$`),
  ...rest,
});

/**
 * Hosts without a region that sign in us-east-1: AWS's global and legacy us-east-1 endpoints,
 * `host:signing-name` where the two differ. First the global endpoints (partition endpoint
 * `aws-global`, credential scope us-east-1, in AWS's endpoint metadata, botocore's
 * endpoints.json), with STS's global endpoint (documented: it signs in us-east-1); then the
 * legacy us-east-1 endpoints without a region in the name (also inferred by aws4 / aws4fetch).
 */
const US_EAST_1_HOSTS: Readonly<Record<string, string>> = Object.fromEntries(
  'budgets cloudfront iam iam-fips:iam route53 route53-fips:route53 savingsplans waf waf-fips:waf global.health:health sts organizations globalaccelerator shield ec2 queue:sqs sdb'
    .split(' ')
    .map((entry) => {
      const [host = '', name = host] = entry.split(':');
      return [host, name];
    }),
);

/**
 * The signing name of an endpoint prefix, from AWS's service models (a FIPS host's `-fips` left
 * out): `api.ecr` signs as `ecr`, `pinpoint` as `mobiletargeting`, `sqs` as `sqs`.
 */
export function signingNameOf(prefix: string): string {
  const bare = prefix.endsWith('-fips') ? prefix.slice(0, -'-fips'.length) : prefix;
  return Object.hasOwn(SIGNING_NAME_BY_PREFIX, bare)
    ? (SIGNING_NAME_BY_PREFIX[bare] ?? bare)
    : bare;
}

const US_EAST_1 = Object.keys(US_EAST_1_HOSTS)
  .map((name) => name.replaceAll('.', '\\.'))
  .join('|');

/** The dotted endpoint prefixes of AWS's models (`api.ecr`, `runtime.sagemaker`, ...). */
const DOTTED_PREFIXES = Object.keys(SIGNING_NAME_BY_PREFIX)
  .filter((prefix) => prefix.includes('.'))
  .sort((a, b) => b.length - a.length)
  .map((prefix) => prefix.replaceAll('.', '\\.'))
  .join('|');

/** The reason of the last row, which the error message leaves out (it says as much already). */
export const NOT_AN_AWS_HOST = 'not an AWS endpoint name';

/**
 * The rows host inference tries, in order. What the README says of each row is in `HOST_SHAPES`
 * below, in the same order: a row added here gets its shape there (the README test checks both).
 */
export const HOST_ROWS: readonly HostRow[] = [
  row(`[^.]+\\.execute-api\\.${REGION}\\.${AWS}`, {
    service: 'execute-api',
  }),
  row(`vpce-[^.]+\\.execute-api\\.${REGION}\\.vpce\\.${AWS}`, { service: 'execute-api' }),
  row(`[^.]+\\.lambda-url\\.${REGION}\\.on\\.aws`, {
    service: 'lambda',
  }),
  // RFC 6761 loopback names: the same inference as the AWS host, so that unchanged code reaches a
  // local emulator by its URL alone (browsers and most resolvers send *.localhost to loopback).
  row(`[^.]+\\.execute-api\\.${REGION}\\.localhost`, { service: 'execute-api' }),
  row(`[^.]+\\.lambda-url\\.${REGION}\\.localhost`, { service: 'lambda' }),
  row(`[^.]+\\.appsync-(?:api|realtime-api)\\.${REGION}\\.${AWS}`, { service: 'appsync' }),
  row(`[^.]+\\.${REGION}\\.es\\.${AWS}`, {
    service: 'es',
  }),
  row(`[^.]+\\.${REGION}\\.aoss\\.${AWS}`, { service: 'aoss' }),
  row(`[^.]+\\.[^.]+\\.vpc-lattice-svcs\\.${REGION}\\.on\\.aws`, { service: 'vpc-lattice-svcs' }),
  row(`[^.]+\\.${REGION}\\.cloudsearch\\.${AWS}`, { service: 'cloudsearch' }),
  row(`.+\\.${REGION}\\.neptune\\.${AWS}`, { service: 'neptune-db' }),
  // S3
  row(`(?:.+\\.)?s3(?:-fips)?(?:\\.dualstack)?\\.${REGION}\\.${AWS}`, { service: 's3' }),
  row(`(?:.+\\.)?s3-${REGION}\\.${AWS}`, {
    service: 's3',
  }),
  row(`[^.]+\\.s3-accesspoint(?:-fips)?(?:\\.dualstack)?\\.${REGION}\\.${AWS}`, { service: 's3' }),
  row(`[^.]+\\.s3-object-lambda(?:-fips)?\\.${REGION}\\.${AWS}`, { service: 's3-object-lambda' }),
  row(`\\d{12}\\.s3-control(?:-fips)?(?:\\.dualstack)?\\.${REGION}\\.${AWS}`, { service: 's3' }),
  row(
    '[^.]+(?:\\.[^.]+)*\\.s3-accelerate(?:\\.dualstack)?\\.amazonaws\\.com',
    // An accelerated request is signed for the bucket's region, which the host does not name;
    // us-east-1 (what aws4fetch assumes) is refused by a bucket elsewhere.
    { service: 's3', region: 'options' },
  ),
  row('(?:.+\\.)?s3(?:-external-1)?\\.amazonaws\\.com', {
    service: 's3',
    region: 'us-east-1',
  }),
  // Legacy regional SQS hosts: {region}.queue.amazonaws.com.
  row(`${REGION}\\.queue\\.amazonaws\\.com`, {
    service: 'sqs',
  }),
  row(`(?<global>${US_EAST_1})\\.amazonaws\\.com`, {
    service: (groups) => US_EAST_1_HOSTS[groups.global ?? ''] ?? '',
    region: 'us-east-1',
  }),
  row('iam\\.us-gov\\.amazonaws\\.com', {
    service: 'iam',
    region: 'us-gov-west-1',
  }),
  // The sandbox endpoint of the mturk-requester service (AWS's endpoint metadata).
  row(`mturk-requester-sandbox\\.${REGION}\\.amazonaws\\.com`, { service: 'mturk-requester' }),
  // Endpoint prefixes of AWS's models: {prefix}[-fips].{region}.amazonaws.com[.cn] and
  // dual-stack {prefix}.{region}.api.aws, a dotted prefix (api.ecr, runtime.sagemaker) only when a
  // model has it.
  row(`(?<prefix>${DOTTED_PREFIXES}|[a-z0-9-]+)(?:-fips)?\\.${REGION}\\.(?:${AWS}|api\\.aws)`, {
    service: (groups) => signingNameOf(groups.prefix ?? ''),
  }),
  // IoT data plane: {prefix}-ats.iot.{region}, data.iot.{region} (AWS's endpoint metadata).
  row(`[^.]+\\.iot(?:-fips)?\\.${REGION}\\.${AWS}`, { service: 'iotdata' }),
  // Refusals: what other signers infer and this table does not, each with its reason.
  row(`.+\\.[^.]+\\.${REGION}\\.${AWS}`, {
    // A dotted prefix's signing name is not its last label (data.jobs.iot signs as
    // iot-jobs-data, participant.connect as execute-api): no guess.
    refused: 'no AWS service model has this endpoint prefix',
  }),
  row(`[^.]+\\.${AWS}`, {
    // Only a few global and legacy endpoints sign in us-east-1 without naming a region.
    refused: 'the host names no region, and us-east-1 would be a guess',
  }),
  row('.+\\.elb\\.amazonaws\\.com', {
    refused: 'a load balancer: the host does not say which service checks the signature',
  }),
  row(`.+\\.${AWS}`, {
    refused: 'an AWS domain, but a host shape this table does not know',
  }),
  row('.*', { refused: NOT_AN_AWS_HOST }),
];

/**
 * The rows with what the README shows of each (the shape, and for a service read from the host
 * what it gives), in the order of `HOST_ROWS`: for the README's table and its test. A bundle
 * that only infers scopes leaves these strings out.
 */
export const HOST_SHAPES: readonly HostShape[] = /* @__PURE__ */ withDocs();

function withDocs(): HostShape[] {
  const docs: [shape: string, serviceDoc?: string][] = [
    ['{api-id}.execute-api.{region}.amazonaws.com'],
    ['vpce-{id}.execute-api.{region}.vpce.amazonaws.com (send x-apigw-api-id)'],
    ['{url-id}.lambda-url.{region}.on.aws'],
    ['{api-id}.execute-api.{region}.localhost (a local emulator)'],
    ['{url-id}.lambda-url.{region}.localhost (a local emulator)'],
    ['{id}.appsync-api.{region}.amazonaws.com, {id}.appsync-realtime-api...'],
    ['{domain}.{region}.es.amazonaws.com (OpenSearch Service)'],
    ['{collection}.{region}.aoss.amazonaws.com (OpenSearch Serverless)'],
    ['{service-id}.{id}.vpc-lattice-svcs.{region}.on.aws (VPC Lattice)'],
    ['{domain}.{region}.cloudsearch.amazonaws.com (CloudSearch domain)'],
    ['{cluster}.cluster-{id}.{region}.neptune.amazonaws.com (Neptune IAM auth)'],
    ['{bucket}.s3[-fips][.dualstack].{region}.amazonaws.com, s3.{region}...'],
    ['{bucket}.s3-{region}.amazonaws.com (legacy dash form)'],
    ['{access-point}-{account}.s3-accesspoint[.dualstack].{region}.amazonaws.com'],
    ['{access-point}-{account}.s3-object-lambda.{region}.amazonaws.com'],
    ['{account}.s3-control[.dualstack].{region}.amazonaws.com'],
    ['{bucket}.s3-accelerate[.dualstack].amazonaws.com (Transfer Acceleration)'],
    ['{bucket}.s3.amazonaws.com, s3.amazonaws.com, s3-external-1...'],
    ['{region}.queue.amazonaws.com (legacy SQS)'],
    [
      `{${Object.keys(US_EAST_1_HOSTS).join(', ')}}.amazonaws.com (global and legacy endpoints)`,
      'the name (`queue` signs as `sqs`, `global.health` as `health`, `-fips` left out)',
    ],
    ['iam.us-gov.amazonaws.com'],
    ['mturk-requester-sandbox.us-east-1.amazonaws.com'],
    [
      '{prefix}[-fips].{region}.amazonaws.com, {prefix}.{region}.api.aws',
      "the prefix's signing name in AWS's service models (`api.ecr`: `ecr`, `pinpoint`: `mobiletargeting`)",
    ],
    ['{endpoint}-ats.iot.{region}.amazonaws.com, data.iot[-fips].{region}... (IoT data plane)'],
    ['{a}.{b}.{region}.amazonaws.com, any other dotted prefix'],
    ['{service}.amazonaws.com, any other service without a region'],
    ['{name}.{region}.elb.amazonaws.com (a load balancer)'],
    ['any other host under an AWS domain'],
    ['localhost, 127.0.0.1, a custom domain'],
  ];
  return HOST_ROWS.map((hostRow, index) => {
    const [shape, serviceDoc] = docs[index] ?? [''];
    return serviceDoc === undefined ? { ...hostRow, shape } : { ...hostRow, shape, serviceDoc };
  });
}
