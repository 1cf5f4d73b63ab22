import { SigV4Error } from './errors.js';

/** The service name and region a request is signed for (the middle of the credential scope). */
export interface SigningScope {
  /** Signing name of the service: `execute-api`, `lambda`, `s3`, ... */
  readonly service: string;
  /** AWS region: `us-east-1`, ... */
  readonly region: string;
}

export interface ScopeOverrides {
  /** Signing service name; wins over what the host says. */
  service?: string | undefined;
  /** Region; wins over what the host says. */
  region?: string | undefined;
  /**
   * Where to read `AWS_REGION` / `AWS_DEFAULT_REGION` when the host names no region.
   * @default globalThis.process?.env (nothing in browsers)
   */
  env?: Readonly<Record<string, string | undefined>> | undefined;
}

const REGION = '((?:[a-z]{2}|us-gov|us-iso[a-z]?|eu-iso[a-z]?)-[a-z]+-\\d{1,2})';
const REGION_RE = new RegExp(`^${REGION}$`);
const AWS_SUFFIX = '(?:amazonaws\\.com(?:\\.cn)?|c2s\\.ic\\.gov|sc2s\\.sgov\\.gov)';

interface HostRule {
  readonly pattern: RegExp;
  /** Fixed signing name, or `undefined` to take it from capture group `service`. */
  readonly service?: string;
  /** Fixed region for global endpoints. */
  readonly region?: string;
}

// Order matters: specific product hosts before the generic `{service}.{region}` rule.
const RULES: readonly HostRule[] = [
  // API Gateway: {id}.execute-api.{region}.amazonaws.com[.cn], private alias {id}-{vpce}.execute-api...
  {
    pattern: new RegExp(`^[^.]+\\.execute-api\\.${REGION}\\.${AWS_SUFFIX}$`),
    service: 'execute-api',
  },
  // API Gateway private API through the VPC endpoint's DNS name (caller sends x-apigw-api-id).
  {
    pattern: new RegExp(`^vpce-[^.]+\\.execute-api\\.${REGION}\\.vpce\\.${AWS_SUFFIX}$`),
    service: 'execute-api',
  },
  // Lambda function URL: {url-id}.lambda-url.{region}.on.aws
  { pattern: new RegExp(`^[^.]+\\.lambda-url\\.${REGION}\\.on\\.aws$`), service: 'lambda' },
  // AppSync GraphQL and real-time endpoints.
  {
    pattern: new RegExp(`^[^.]+\\.appsync-(?:api|realtime-api)\\.${REGION}\\.${AWS_SUFFIX}$`),
    service: 'appsync',
  },
  // OpenSearch Service domains and OpenSearch Serverless collections.
  { pattern: new RegExp(`^[^.]+\\.${REGION}\\.es\\.${AWS_SUFFIX}$`), service: 'es' },
  { pattern: new RegExp(`^[^.]+\\.${REGION}\\.aoss\\.${AWS_SUFFIX}$`), service: 'aoss' },
  // S3: bucket.s3.{region}, s3.{region}, s3.dualstack.{region}, bucket.s3-{region} (legacy dash form).
  {
    pattern: new RegExp(`^(?:.+\\.)?s3(?:-fips)?(?:\\.dualstack)?\\.${REGION}\\.${AWS_SUFFIX}$`),
    service: 's3',
  },
  { pattern: new RegExp(`^(?:.+\\.)?s3-${REGION}\\.${AWS_SUFFIX}$`), service: 's3' },
  { pattern: /^(?:.+\.)?s3(?:-external-1)?\.amazonaws\.com$/, service: 's3', region: 'us-east-1' },
  // IoT data plane: {prefix}-ats.iot.{region}.amazonaws.com
  { pattern: new RegExp(`^[^.]+\\.iot\\.${REGION}\\.${AWS_SUFFIX}$`), service: 'iotdata' },
  // Global endpoints.
  {
    pattern:
      /^(?:sts|iam|route53|cloudfront|organizations|globalaccelerator|shield)\.amazonaws\.com$/,
    region: 'us-east-1',
  },
  { pattern: /^iam\.us-gov\.amazonaws\.com$/, service: 'iam', region: 'us-gov-west-1' },
  // Generic regional endpoints: {service}[-fips].{region}.amazonaws.com[.cn] and dual-stack {service}.{region}.api.aws
  {
    pattern: new RegExp(
      `^(?<service>[a-z0-9-]+|runtime\\.sagemaker|runtime\\.lex|streams\\.dynamodb|data(?:-ats)?\\.iot)\\.${REGION}\\.(?:${AWS_SUFFIX}|api\\.aws)$`,
    ),
  },
];

// Endpoint prefixes whose signing name differs from the host name.
const SIGNING_NAME_BY_PREFIX: Readonly<Record<string, string>> = {
  email: 'ses',
  'bedrock-runtime': 'bedrock',
  'bedrock-agent': 'bedrock',
  'bedrock-agent-runtime': 'bedrock',
  'runtime.sagemaker': 'sagemaker',
  'runtime.lex': 'lex',
  'runtime-v2-lex': 'lex',
  'streams.dynamodb': 'dynamodb',
  'data-ats.iot': 'iotdata',
  'data.iot': 'iotdata',
};

/** Lower-cases a host and drops a port and a trailing dot. */
export function normalizeHost(host: string): string {
  let h = host.trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(0, h.indexOf(']') + 1); // IPv6 literal
  const colon = h.lastIndexOf(':');
  if (colon !== -1) h = h.slice(0, colon);
  return h.endsWith('.') ? h.slice(0, -1) : h;
}

/**
 * Tells the service and region a host belongs to, from the host alone, or `undefined` when
 * the host is not an AWS endpoint it recognises. Never guesses a region.
 */
export function inferScopeFromHost(host: string): SigningScope | undefined {
  const h = normalizeHost(host);
  for (const rule of RULES) {
    const match = rule.pattern.exec(h);
    if (!match) continue;
    const region =
      rule.region ??
      match.find((group, i) => i > 0 && group !== undefined && REGION_RE.test(group));
    let service = rule.service ?? match.groups?.service ?? h.slice(0, h.indexOf('.'));
    service = SIGNING_NAME_BY_PREFIX[service] ?? service;
    if (service.endsWith('-fips')) service = service.slice(0, -'-fips'.length);
    if (region === undefined) continue;
    return { service, region };
  }
  return undefined;
}

function processEnv(): Readonly<Record<string, string | undefined>> | undefined {
  const proc = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process;
  return proc?.env;
}

/**
 * Resolves the service and region to sign a request to `url` for. Explicit `service` and
 * `region` always win; otherwise both come from the host (`{id}.execute-api.{region}.amazonaws.com`
 * gives `execute-api`, `{id}.lambda-url.{region}.on.aws` gives `lambda`, and so on). For a host
 * that is not an AWS endpoint (a custom domain, localhost), `service` must be given, and the region
 * may come from `AWS_REGION` / `AWS_DEFAULT_REGION`. It never falls back to `us-east-1` silently.
 *
 * @throws {SigV4Error} `ERR_SIGV4_SCOPE_UNRESOLVED` naming the option to pass, or
 *   `ERR_SIGV4_INVALID_URL`.
 * @example
 * resolveSigningScope('https://abc123.execute-api.eu-west-1.amazonaws.com/prod/items')
 * // { service: 'execute-api', region: 'eu-west-1' }
 * resolveSigningScope('https://api.example.com/items', { service: 'execute-api', region: 'eu-west-1' })
 */
export function resolveSigningScope(
  url: string | URL,
  overrides: ScopeOverrides = {},
): SigningScope {
  const host = hostOf(url);
  const { service, region } = overrides;
  if (service !== undefined && region !== undefined) return { service, region };
  const inferred = inferScopeFromHost(host);
  const env = overrides.env ?? processEnv();
  const envRegion = env?.AWS_REGION || env?.AWS_DEFAULT_REGION || undefined;
  const finalService = service ?? inferred?.service;
  const finalRegion =
    region ?? inferred?.region ?? (finalService !== undefined ? envRegion : undefined);
  if (finalService !== undefined && finalRegion !== undefined) {
    return { service: finalService, region: finalRegion };
  }
  const missing = [
    finalService === undefined ? "service (for example 'execute-api' or 'lambda')" : undefined,
    finalRegion === undefined ? "region (for example 'eu-west-1', or set AWS_REGION)" : undefined,
  ].filter(Boolean);
  throw new SigV4Error(
    'ERR_SIGV4_SCOPE_UNRESOLVED',
    `cannot tell which AWS ${finalService === undefined ? 'service and region' : 'region'} host "${normalizeHost(host)}" belongs to. ` +
      `Pass the ${missing.join(' and ')} in the options.`,
  );
}

function hostOf(url: string | URL): string {
  if (typeof url !== 'string') return url.host;
  try {
    return new URL(url).host;
  } catch (cause) {
    throw new SigV4Error(
      'ERR_SIGV4_INVALID_URL',
      'the URL cannot be parsed. Pass an absolute URL such as https://abc123.execute-api.us-east-1.amazonaws.com/prod/.',
      { cause },
    );
  }
}
