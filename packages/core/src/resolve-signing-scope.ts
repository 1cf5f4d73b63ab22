import { SigV4Error } from './errors.js';
import { HOST_ROWS, NOT_AN_AWS_HOST } from './host-scope-table.js';

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
  const match = matchHost(host);
  return match.service !== undefined && match.region !== undefined
    ? { service: match.service, region: match.region }
    : undefined;
}

/** What the host table says of a host: a service, a region, or why it says nothing. */
export interface HostMatch {
  readonly service?: string | undefined;
  readonly region?: string | undefined;
  /** Set when the host is refused: why it is not inferred. */
  readonly refused?: string | undefined;
}

/** The first row of the host table (`host-scope-table.ts`) that matches `host`. */
export function matchHost(host: string): HostMatch {
  const h = normalizeHost(host);
  for (const shape of HOST_ROWS) {
    const match = shape.pattern.exec(h);
    if (match === null) continue;
    if (shape.refused !== undefined) return { refused: shape.refused };
    const groups = match.groups ?? {};
    const service = typeof shape.service === 'function' ? shape.service(groups) : shape.service;
    const region =
      shape.region === 'options'
        ? undefined
        : shape.region === undefined || shape.region === 'host'
          ? groups.region
          : shape.region;
    return { service: service || undefined, region };
  }
  return {};
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
  const inferred = matchHost(host);
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
    `cannot tell which AWS ${finalService === undefined ? 'service and region' : 'region'} host "${normalizeHost(host)}" belongs to${inferred.refused === undefined || inferred.refused === NOT_AN_AWS_HOST ? '' : ` (${inferred.refused})`}. ` +
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
