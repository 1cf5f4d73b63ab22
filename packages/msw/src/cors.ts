/**
 * CORS for the local server, as API Gateway HTTP APIs and Lambda function URLs do it when CORS is
 * configured: preflights are answered by the front door without any signature check, and
 * responses to an allowed origin carry `Access-Control-Allow-Origin` (refusals included).
 */
import type { IamEmulatorCorsOptions, RawRequest, RecordedPreflight } from './contract.js';
import { invalidOption } from './emulator-error.js';

/** Headers a SigV4 client sends from a browser; always allowed in a preflight answer. */
export const SIGV4_ALLOW_HEADERS = [
  'authorization',
  'content-type',
  'x-amz-date',
  'x-amz-security-token',
  'x-amz-content-sha256',
  'x-amz-user-agent',
] as const;
/** Response headers a page needs to read an AWS refusal and correct its clock. */
export const AWS_EXPOSE_HEADERS = ['x-amzn-ErrorType', 'x-amzn-RequestId', 'date'] as const;
const ALLOW_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
const DEFAULT_MAX_AGE_SECONDS = 600;
/** At most this many names are echoed from `Access-Control-Request-Headers`. */
const MAX_REQUESTED_HEADERS = 64;
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** An Origin that can be echoed in a header: visible ASCII only. */
const ECHOABLE = /^[\x21-\x7e]+$/;

/** What the server does for CORS, resolved once from the `cors` option. */
export interface CorsPolicy {
  /** A preflight (OPTIONS with Origin and Access-Control-Request-Method), else undefined. */
  preflight(
    raw: RawRequest,
  ): { readonly headers: Record<string, string>; readonly recorded: RecordedPreflight } | undefined;
  /** `headers` plus the CORS headers for the request's origin (none when it is not allowed). */
  decorate(
    requestHeaders: RawRequest['headers'],
    headers: Readonly<Record<string, string>>,
  ): Record<string, string>;
}

function header(headers: RawRequest['headers'], name: string): string | undefined {
  return headers.find(([n]) => n.toLowerCase() === name)?.[1];
}

function tokens(option: string, names: readonly string[] | undefined): string[] {
  for (const name of names ?? []) {
    if (!TOKEN.test(name)) {
      invalidOption(option, `has ${JSON.stringify(name)}`, 'List header names such as x-trace-id.');
    }
  }
  return [...(names ?? [])];
}

function canonicalOrigin(origin: string): string {
  if (origin === '*') return origin;
  let url: URL | undefined;
  try {
    url = new URL(origin);
  } catch {
    url = undefined;
  }
  if (url === undefined || url.origin === 'null' || `${url.origin}/` !== url.href.toLowerCase()) {
    invalidOption(
      'cors.origins',
      `has ${JSON.stringify(origin)}, which is not an origin`,
      "Give scheme, host and port only, e.g. 'http://localhost:5173', or '*' for any origin.",
    );
  }
  return url.origin;
}

const unique = (names: readonly string[]): string[] => {
  const seen = new Set<string>();
  return names.filter((n) => !seen.has(n.toLowerCase()) && seen.add(n.toLowerCase()));
};

/** Resolves the `cors` option; undefined when CORS is off. Throws on a bad option. */
export function corsPolicy(
  option: boolean | IamEmulatorCorsOptions | undefined,
): CorsPolicy | undefined {
  if (option === undefined || option === false) return undefined;
  const config: IamEmulatorCorsOptions = option === true ? { origins: ['*'] } : option;
  if (!Array.isArray(config.origins) || config.origins.length === 0) {
    invalidOption(
      'cors.origins',
      'is empty',
      'List the page origins, or pass `cors: true` for any.',
    );
  }
  const origins = new Set(config.origins.map(canonicalOrigin));
  const allowHeaders =
    config.allowHeaders === undefined
      ? undefined
      : tokens('cors.allowHeaders', config.allowHeaders);
  const expose = unique([
    ...AWS_EXPOSE_HEADERS,
    ...tokens('cors.exposeHeaders', config.exposeHeaders),
  ]);
  const maxAge = config.maxAgeSeconds ?? DEFAULT_MAX_AGE_SECONDS;
  if (!Number.isSafeInteger(maxAge) || maxAge < 0) {
    invalidOption(
      'cors.maxAgeSeconds',
      `is ${maxAge}`,
      'Use a whole number of seconds, 0 or more.',
    );
  }
  const allowed = (origin: string | undefined): origin is string =>
    origin !== undefined && ECHOABLE.test(origin) && (origins.has('*') || origins.has(origin));

  return {
    preflight(raw) {
      const origin = header(raw.headers, 'origin');
      const requestMethod = header(raw.headers, 'access-control-request-method');
      if (raw.method !== 'OPTIONS' || origin === undefined || requestMethod === undefined) {
        return undefined;
      }
      const requestHeaders = (header(raw.headers, 'access-control-request-headers') ?? '')
        .split(',')
        .slice(0, MAX_REQUESTED_HEADERS)
        .map((name) => name.trim().toLowerCase())
        .filter((name) => TOKEN.test(name));
      const recorded = { raw, origin, allowed: allowed(origin), requestMethod, requestHeaders };
      if (!recorded.allowed) return { headers: {}, recorded };
      const methods = TOKEN.test(requestMethod)
        ? unique([...ALLOW_METHODS, requestMethod])
        : ALLOW_METHODS;
      return {
        headers: {
          'access-control-allow-origin': origin,
          'access-control-allow-methods': methods.join(', '),
          'access-control-allow-headers': unique([
            ...SIGV4_ALLOW_HEADERS,
            ...(allowHeaders ?? requestHeaders),
          ]).join(', '),
          'access-control-max-age': String(maxAge),
          vary: 'Origin',
        },
        recorded,
      };
    },
    decorate(requestHeaders, headers) {
      const origin = header(requestHeaders, 'origin');
      if (!allowed(origin)) return { ...headers };
      // The front door's CORS headers replace the backend's, as API Gateway HTTP APIs do.
      const out: Record<string, string> = {};
      const vary: string[] = [];
      for (const [name, value] of Object.entries(headers)) {
        const lower = name.toLowerCase();
        if (lower === 'vary') vary.push(...value.split(',').map((v) => v.trim()));
        else if (!lower.startsWith('access-control-')) out[name] = value;
      }
      out['access-control-allow-origin'] = origin;
      out['access-control-expose-headers'] = expose.join(', ');
      out.vary = unique([...vary.filter((v) => v !== ''), 'Origin']).join(', ');
      return out;
    },
  };
}
