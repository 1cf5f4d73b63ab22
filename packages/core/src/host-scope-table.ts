import { SIGNING_NAME_BY_PREFIX } from './signing-names.generated.js';

/**
 * The one table of host shapes -> (service, region) that host inference reads, refusals
 * included, each with its reason. Rows are tried in order; the first whose pattern matches
 * decides. Hosts are lower-cased, without port or trailing dot, before matching.
 */

const REGION = '(?<region>(?:[a-z]{2}|us-gov|us-iso[a-z]?|eu-iso[a-z]?)-[a-z]+-\\d{1,2})';
/** The DNS suffixes of AWS's partitions (commercial, China, the US ISO regions). */
const AWS = '(?:amazonaws\\.com(?:\\.cn)?|c2s\\.ic\\.gov|sc2s\\.sgov\\.gov)';

export interface HostShape {
  /** The shape as the README shows it. */
  readonly shape: string;
  readonly pattern: RegExp;
  /** The signing name: fixed, or read from the pattern's named groups. */
  readonly service?: string | ((groups: Readonly<Record<string, string | undefined>>) => string);
  /**
   * `host` (default): captured as `region`. A region name: fixed (global endpoints).
   * `options`: the host does not say, the `region` option or AWS_REGION must (never guessed).
   */
  readonly region?: 'host' | 'options' | string;
  /** What `service` gives, for the README, when it is read from the host. */
  readonly serviceDoc?: string;
  /** Set on refusals: why the host is not inferred. The caller must pass `service` (and `region`). */
  readonly refused?: string;
}

const row = (shape: string, source: string, rest: Omit<HostShape, 'shape' | 'pattern'>) =>
  ({ shape, pattern: new RegExp(`^${source}$`), ...rest }) satisfies HostShape;

/** Hosts without a region that sign in us-east-1: AWS's global and legacy us-east-1 endpoints. */
const US_EAST_1_HOSTS: Readonly<Record<string, string>> = {
  // Global endpoints (partition endpoint `aws-global`, credential scope us-east-1, in AWS's
  // endpoint metadata, botocore's endpoints.json).
  budgets: 'budgets',
  cloudfront: 'cloudfront',
  iam: 'iam',
  'iam-fips': 'iam',
  route53: 'route53',
  'route53-fips': 'route53',
  savingsplans: 'savingsplans',
  waf: 'waf',
  'waf-fips': 'waf',
  'global.health': 'health',
  // STS's global endpoint (documented: it signs in us-east-1).
  sts: 'sts',
  organizations: 'organizations',
  globalaccelerator: 'globalaccelerator',
  shield: 'shield',
  // Legacy us-east-1 endpoints without a region in the name (also inferred by aws4 / aws4fetch).
  ec2: 'ec2',
  queue: 'sqs',
  sdb: 'sdb',
};

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

export const HOST_SHAPES: readonly HostShape[] = [
  row('{api-id}.execute-api.{region}.amazonaws.com', `[^.]+\\.execute-api\\.${REGION}\\.${AWS}`, {
    service: 'execute-api',
  }),
  row(
    'vpce-{id}.execute-api.{region}.vpce.amazonaws.com (send x-apigw-api-id)',
    `vpce-[^.]+\\.execute-api\\.${REGION}\\.vpce\\.${AWS}`,
    { service: 'execute-api' },
  ),
  row('{url-id}.lambda-url.{region}.on.aws', `[^.]+\\.lambda-url\\.${REGION}\\.on\\.aws`, {
    service: 'lambda',
  }),
  // RFC 6761 loopback names: the same inference as the AWS host, so that unchanged code reaches a
  // local emulator by its URL alone (browsers and most resolvers send *.localhost to loopback).
  row(
    '{api-id}.execute-api.{region}.localhost (a local emulator)',
    `[^.]+\\.execute-api\\.${REGION}\\.localhost`,
    { service: 'execute-api' },
  ),
  row(
    '{url-id}.lambda-url.{region}.localhost (a local emulator)',
    `[^.]+\\.lambda-url\\.${REGION}\\.localhost`,
    { service: 'lambda' },
  ),
  row(
    '{id}.appsync-api.{region}.amazonaws.com, {id}.appsync-realtime-api...',
    `[^.]+\\.appsync-(?:api|realtime-api)\\.${REGION}\\.${AWS}`,
    { service: 'appsync' },
  ),
  row(
    '{domain}.{region}.es.amazonaws.com (OpenSearch Service)',
    `[^.]+\\.${REGION}\\.es\\.${AWS}`,
    {
      service: 'es',
    },
  ),
  row(
    '{collection}.{region}.aoss.amazonaws.com (OpenSearch Serverless)',
    `[^.]+\\.${REGION}\\.aoss\\.${AWS}`,
    { service: 'aoss' },
  ),
  row(
    '{service-id}.{id}.vpc-lattice-svcs.{region}.on.aws (VPC Lattice)',
    `[^.]+\\.[^.]+\\.vpc-lattice-svcs\\.${REGION}\\.on\\.aws`,
    { service: 'vpc-lattice-svcs' },
  ),
  row(
    '{domain}.{region}.cloudsearch.amazonaws.com (CloudSearch domain)',
    `[^.]+\\.${REGION}\\.cloudsearch\\.${AWS}`,
    { service: 'cloudsearch' },
  ),
  row(
    '{cluster}.cluster-{id}.{region}.neptune.amazonaws.com (Neptune IAM auth)',
    `.+\\.${REGION}\\.neptune\\.${AWS}`,
    { service: 'neptune-db' },
  ),
  // S3
  row(
    '{bucket}.s3[-fips][.dualstack].{region}.amazonaws.com, s3.{region}...',
    `(?:.+\\.)?s3(?:-fips)?(?:\\.dualstack)?\\.${REGION}\\.${AWS}`,
    { service: 's3' },
  ),
  row('{bucket}.s3-{region}.amazonaws.com (legacy dash form)', `(?:.+\\.)?s3-${REGION}\\.${AWS}`, {
    service: 's3',
  }),
  row(
    '{access-point}-{account}.s3-accesspoint[.dualstack].{region}.amazonaws.com',
    `[^.]+\\.s3-accesspoint(?:-fips)?(?:\\.dualstack)?\\.${REGION}\\.${AWS}`,
    { service: 's3' },
  ),
  row(
    '{access-point}-{account}.s3-object-lambda.{region}.amazonaws.com',
    `[^.]+\\.s3-object-lambda(?:-fips)?\\.${REGION}\\.${AWS}`,
    { service: 's3-object-lambda' },
  ),
  row(
    '{account}.s3-control[.dualstack].{region}.amazonaws.com',
    `\\d{12}\\.s3-control(?:-fips)?(?:\\.dualstack)?\\.${REGION}\\.${AWS}`,
    { service: 's3' },
  ),
  row(
    '{bucket}.s3-accelerate[.dualstack].amazonaws.com (Transfer Acceleration)',
    '[^.]+(?:\\.[^.]+)*\\.s3-accelerate(?:\\.dualstack)?\\.amazonaws\\.com',
    // An accelerated request is signed for the bucket's region, which the host does not name;
    // us-east-1 (what aws4fetch assumes) is refused by a bucket elsewhere.
    { service: 's3', region: 'options' },
  ),
  row(
    '{bucket}.s3.amazonaws.com, s3.amazonaws.com, s3-external-1...',
    '(?:.+\\.)?s3(?:-external-1)?\\.amazonaws\\.com',
    {
      service: 's3',
      region: 'us-east-1',
    },
  ),
  // Legacy regional SQS hosts: {region}.queue.amazonaws.com.
  row('{region}.queue.amazonaws.com (legacy SQS)', `${REGION}\\.queue\\.amazonaws\\.com`, {
    service: 'sqs',
  }),
  row(
    `{${Object.keys(US_EAST_1_HOSTS).join(', ')}}.amazonaws.com (global and legacy endpoints)`,
    `(?<global>${US_EAST_1})\\.amazonaws\\.com`,
    {
      service: (groups) => US_EAST_1_HOSTS[groups.global ?? ''] ?? '',
      serviceDoc:
        'the name (`queue` signs as `sqs`, `global.health` as `health`, `-fips` left out)',
      region: 'us-east-1',
    },
  ),
  row('iam.us-gov.amazonaws.com', 'iam\\.us-gov\\.amazonaws\\.com', {
    service: 'iam',
    region: 'us-gov-west-1',
  }),
  // The sandbox endpoint of the mturk-requester service (AWS's endpoint metadata).
  row(
    'mturk-requester-sandbox.us-east-1.amazonaws.com',
    `mturk-requester-sandbox\\.${REGION}\\.amazonaws\\.com`,
    { service: 'mturk-requester' },
  ),
  // Endpoint prefixes of AWS's models: {prefix}[-fips].{region}.amazonaws.com[.cn] and
  // dual-stack {prefix}.{region}.api.aws, a dotted prefix (api.ecr, runtime.sagemaker) only when a
  // model has it.
  row(
    '{prefix}[-fips].{region}.amazonaws.com, {prefix}.{region}.api.aws',
    `(?<prefix>${DOTTED_PREFIXES}|[a-z0-9-]+)(?:-fips)?\\.${REGION}\\.(?:${AWS}|api\\.aws)`,
    {
      service: (groups) => signingNameOf(groups.prefix ?? ''),
      serviceDoc:
        "the prefix's signing name in AWS's service models (`api.ecr`: `ecr`, `pinpoint`: `mobiletargeting`)",
    },
  ),
  // IoT data plane: {prefix}-ats.iot.{region}, data.iot.{region} (AWS's endpoint metadata).
  row(
    '{endpoint}-ats.iot.{region}.amazonaws.com, data.iot[-fips].{region}... (IoT data plane)',
    `[^.]+\\.iot(?:-fips)?\\.${REGION}\\.${AWS}`,
    { service: 'iotdata' },
  ),
  // Refusals: what other signers infer and this table does not, each with its reason.
  row(
    '{a}.{b}.{region}.amazonaws.com, any other dotted prefix',
    `.+\\.[^.]+\\.${REGION}\\.${AWS}`,
    {
      refused:
        'no AWS service model has this endpoint prefix, and the signing name of a dotted prefix is not its last label (data.jobs.iot signs as iot-jobs-data, participant.connect as execute-api)',
    },
  ),
  row('{service}.amazonaws.com, any other service without a region', `[^.]+\\.${AWS}`, {
    refused:
      'only a few global and legacy endpoints sign in us-east-1 without naming a region; for any other, us-east-1 would be a guess',
  }),
  row('{name}.{region}.elb.amazonaws.com (a load balancer)', '.+\\.elb\\.amazonaws\\.com', {
    refused:
      'a load balancer forwards to whatever is behind it: the host does not say which service verifies the signature',
  }),
  row('any other host under an AWS domain', `.+\\.${AWS}`, {
    refused: 'an AWS domain, but a host shape this table does not know',
  }),
  row('localhost, 127.0.0.1, a custom domain', '.*', { refused: NOT_AN_AWS_HOST }),
];
