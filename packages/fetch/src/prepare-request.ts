import { normalizeMethod, parseRequestUrl } from '@sigv4/core/internal';
import { checkDuplex, checkMethod, checkMode } from './fetch-refusals.js';
import type { SignedRequestInit } from './signed-request-init.js';

/** A request reduced to what signing needs, before its body is read. */
export interface PreparedRequest {
  /**
   * The method as fetch sends it, and so as it is signed: `DELETE`, `GET`, `HEAD`, `OPTIONS`,
   * `POST`, `PUT` upper-cased whatever their case, any other exactly as given (`patch`).
   */
  readonly method: string;
  readonly url: URL;
  /** A fresh copy of the caller's headers; the caller's own object is never touched. */
  readonly headers: Headers;
  /** The body as the caller gave it (read later), or the `Request` whose body is to be read. */
  readonly body: unknown;
  readonly bodyFromRequest: Request | undefined;
  /** What the caller asked of redirects. */
  readonly redirect: RequestRedirect;
  /** `init.sigv4`: this request's own service and region (never passed on to fetch). */
  readonly scope: SignedRequestInit['sigv4'];
  /** Everything else of the caller's `Request` and `init` (signal, cache, mode, ...), to carry over. */
  readonly carry: RequestInit;
}

/**
 * The `Request` fields carried over, with the value a `Request` has when nobody set it: only
 * values that differ are passed on, so runtimes that do not implement a field (Workers and
 * `cache`, say) are not handed it.
 */
const REQUEST_DEFAULTS: Readonly<Record<string, unknown>> = {
  cache: 'default',
  credentials: 'same-origin',
  integrity: '',
  keepalive: false,
  mode: 'cors',
  redirect: 'follow',
  referrer: 'about:client',
  referrerPolicy: '',
  priority: 'auto',
};
const REQUEST_FIELDS = Object.keys(REQUEST_DEFAULTS);
/** Methods that `checkMethod` accepts and `normalizeMethod` returns unchanged. */
const USUAL_METHODS: ReadonlySet<string> = new Set([
  'GET',
  'POST',
  'PUT',
  'DELETE',
  'HEAD',
  'OPTIONS',
  'PATCH',
]);

/** The document's URL in browsers, to resolve relative URLs as fetch does; undefined elsewhere. */
export function baseUrl(): string | undefined {
  return (globalThis as { location?: { href?: string } }).location?.href;
}

/** Resolves `input` to an absolute URL as fetch would, or throws `ERR_SIGV4_INVALID_URL`. */
export function resolveUrl(input: RequestInfo | URL, method?: string): URL {
  if (typeof input !== 'string' && !(input instanceof URL)) return new URL(input.url);
  try {
    return new URL(input, baseUrl());
  } catch {
    return parseRequestUrl(String(input), method); // throws core's ERR_SIGV4_INVALID_URL
  }
}

/**
 * Turns fetch's arguments into one request description, without reading the body and
 * without touching `input` or `init`. `init` wins over a `Request`, as in `new Request(input, init)`.
 */
export function prepareRequest(
  input: RequestInfo | URL,
  init: RequestInit | undefined,
): PreparedRequest {
  const request = typeof input === 'object' && !(input instanceof URL) ? input : undefined;
  const given = init?.method ?? request?.method ?? 'GET';
  let method = given;
  // The usual methods, upper-case already, are valid and normalised as they are.
  if (!USUAL_METHODS.has(given)) {
    checkMethod(given);
    method = normalizeMethod(given);
  }
  checkMode(init?.mode);
  const url = resolveUrl(input, method);
  if (url.username !== '' || url.password !== '')
    throw new TypeError('Request cannot be constructed from a URL that includes credentials.');
  checkDuplex(init?.body, (init as { duplex?: unknown } | undefined)?.duplex);
  const headers = new Headers(init?.headers ?? request?.headers);
  const carry: Record<string, unknown> = {};
  if (request) {
    carry.signal = request.signal;
    for (const field of REQUEST_FIELDS) {
      const value = (request as unknown as Record<string, unknown>)[field];
      if (value === undefined || value === REQUEST_DEFAULTS[field] || value === 'navigate')
        continue;
      carry[field] = value;
    }
  }
  if (init) {
    for (const key of Object.keys(init)) {
      if (
        key !== 'method' &&
        key !== 'headers' &&
        key !== 'body' &&
        key !== 'duplex' &&
        key !== 'sigv4'
      )
        carry[key] = (init as Record<string, unknown>)[key];
    }
  }
  const hasInitBody = init !== undefined && init.body !== undefined && init.body !== null;
  const bodyFromRequest = !hasInitBody && request?.body ? request : undefined;
  if ((hasInitBody || bodyFromRequest) && (method === 'GET' || method === 'HEAD')) {
    throw new TypeError('Request with GET/HEAD method cannot have body.');
  }
  return {
    method,
    url,
    headers,
    body: hasInitBody ? init.body : undefined,
    bodyFromRequest,
    redirect: (carry.redirect as RequestRedirect | undefined) ?? 'follow',
    scope: (init as SignedRequestInit | undefined)?.sigv4,
    carry: carry as RequestInit,
  };
}
