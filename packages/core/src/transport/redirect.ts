import { SigV4Error } from '../errors.js';
import { redactUrl } from '../redact.js';
import { SIGV4_HEADERS } from '../sigv4-headers.js';
import { type CrossOriginRedirect, isRedirectStatus } from './redirect-mode.js';
import type { RedirectStep, TransportResponse } from './send-signed.js';

export * from './redirect-mode.js';

/**
 * Headers that never follow a request to another origin: every SigV4 header, and what fetch
 * (undici's `httpRedirectFetch`) and axios (follow-redirects) drop: the caller's credentials for
 * the first origin and its `Host`.
 */
const CROSS_ORIGIN_DROPPED: readonly string[] = [
  ...SIGV4_HEADERS,
  'proxy-authorization',
  'cookie',
  'host',
];

/** Headers that describe a body, dropped with it when a redirect turns a request into a GET. */
const BODY_HEADERS = ['content-encoding', 'content-language', 'content-location', 'content-type'];

/** The referrer policies a `Referrer-Policy` header may set (the fetch standard's list). */
const REFERRER_POLICIES: ReadonlySet<string> = new Set([
  'no-referrer',
  'no-referrer-when-downgrade',
  'same-origin',
  'origin',
  'strict-origin',
  'origin-when-cross-origin',
  'strict-origin-when-cross-origin',
  'unsafe-url',
]);

/** One hop of a request, as the redirect policy sees it. */
export interface Hop<B> {
  readonly method: string;
  readonly url: URL;
  readonly headers: Headers;
  readonly body: B | null;
  /** The referrer policy a redirect response set for the hops after it (fetch only uses it). */
  readonly referrerPolicy?: string | undefined;
}

/** The request that follows a redirect, and whether it leaves the origin it was signed for. */
export interface NextHop<B> extends Hop<B> {
  readonly crossOrigin: boolean;
}

/** What the redirect policy reads of a redirect response. */
export interface RedirectResponse {
  readonly status: number;
  /** The raw `Location` header (a byte string: each char one byte, as HTTP clients give it). */
  readonly location: string | null | undefined;
  /** The raw `Referrer-Policy` header, if any. */
  readonly referrerPolicy?: string | null | undefined;
}

/** The redirect rules a call follows. */
export interface RedirectPolicy {
  readonly crossOrigin: CrossOriginRedirect;
  readonly maxRedirects: number;
  /** fetch's `mode: 'same-origin'`: a redirect to another origin is a network error. */
  readonly sameOriginOnly?: boolean | undefined;
}

/**
 * The request that follows a redirect response, by the fetch standard's "HTTP-redirect fetch",
 * or `undefined` when the response is to be returned (not a redirect status, or no `Location`).
 * - the `Location` bytes are read as UTF-8 (as undici does), then parsed against the current URL;
 * - only `http:` / `https:` targets: anything else (`file:`, `data:`, `javascript:`) or an
 *   unparsable Location fails with `ERR_SIGV4_REDIRECT_FAILED`;
 * - more than `maxRedirects` hops: `ERR_SIGV4_TOO_MANY_REDIRECTS`;
 * - 303 turns anything but GET/HEAD into a body-less GET; 301 and 302 do so for POST; 307 and
 *   308 keep both (body headers go with the body);
 * - another origin: `sameOriginOnly` fails with `ERR_SIGV4_REDIRECT_FAILED`, `'error'` with
 *   `ERR_SIGV4_REDIRECT_BLOCKED`; `'follow-unsigned'` returns the hop without any SigV4 header,
 *   `Authorization`, `Proxy-Authorization`, `Cookie` or `Host`, and `crossOrigin: true`;
 * - a valid `Referrer-Policy` on the response becomes the hop's `referrerPolicy`.
 * The headers returned are a fresh copy.
 */
export function nextHop<B>(
  response: RedirectResponse,
  current: Hop<B>,
  hops: number,
  policy: RedirectPolicy,
): NextHop<B> | undefined {
  const { status, location } = response;
  if (!isRedirectStatus(status) || location === null || location === undefined) return undefined;
  const where = { method: current.method, url: redactUrl(current.url) };
  let target: URL;
  try {
    target = new URL(utf8FromByteString(location), current.url);
  } catch {
    throw new SigV4Error(
      'ERR_SIGV4_REDIRECT_FAILED',
      'the redirect Location is not a valid URL, so it was not followed (fetch fails the same way).',
      where,
    );
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:') {
    throw new SigV4Error(
      'ERR_SIGV4_REDIRECT_FAILED',
      `a redirect to a ${target.protocol} URL is not followed (only http: and https:, as fetch).`,
      where,
    );
  }
  if (hops >= policy.maxRedirects) {
    throw new SigV4Error(
      'ERR_SIGV4_TOO_MANY_REDIRECTS',
      `more than ${policy.maxRedirects} redirects; the last one was not followed.`,
      where,
    );
  }
  target.hash = '';
  const crossOrigin = target.origin !== current.url.origin;
  if (crossOrigin && policy.sameOriginOnly) {
    throw new SigV4Error(
      'ERR_SIGV4_REDIRECT_FAILED',
      `the request has mode "same-origin" and the server redirected it to another origin (${target.origin}); it was not followed, as fetch.`,
      where,
    );
  }
  if (crossOrigin && policy.crossOrigin === 'error') {
    throw new SigV4Error(
      'ERR_SIGV4_REDIRECT_BLOCKED',
      `the server redirected a signed request to another origin (${target.origin}); it was not followed, so the signature and session token stay with ${current.url.origin}. Pass crossOriginRedirect: 'follow-unsigned' to follow without the signature, or redirect: 'manual' to handle it yourself.`,
      where,
    );
  }
  const toGet =
    (status === 303 && current.method !== 'GET' && current.method !== 'HEAD') ||
    ((status === 301 || status === 302) && current.method === 'POST');
  const headers = new Headers(current.headers);
  if (crossOrigin) for (const name of CROSS_ORIGIN_DROPPED) headers.delete(name);
  const referrerPolicy = parseReferrerPolicy(response.referrerPolicy) ?? current.referrerPolicy;
  if (!toGet)
    return {
      method: current.method,
      url: target,
      headers,
      body: current.body,
      crossOrigin,
      referrerPolicy,
    };
  for (const name of BODY_HEADERS) headers.delete(name);
  return { method: 'GET', url: target, headers, body: null, crossOrigin, referrerPolicy };
}

/**
 * A header value as HTTP clients hand it over (one char per byte) read as UTF-8, as undici does
 * for `Location`; left as it is when it has no byte over 0x7f or is not valid UTF-8.
 */
function utf8FromByteString(value: string): string {
  let high = false;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code > 0xff) return value;
    if (code > 0x7f) high = true;
  }
  if (!high) return value;
  const bytes = Uint8Array.from(value, (char) => char.charCodeAt(0));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return value;
  }
}

/** The last valid token of a `Referrer-Policy` header (the fetch standard's parse), if any. */
function parseReferrerPolicy(header: string | null | undefined): string | undefined {
  if (!header) return undefined;
  let found: string | undefined;
  for (const token of header.split(',')) {
    const name = token.trim().toLowerCase();
    if (REFERRER_POLICIES.has(name)) found = name;
  }
  return found;
}

/**
 * Follows a redirect response of `sendSigned` (loaded on first use: a call that is not
 * redirected never loads this module): a browser's opaque redirect fails with
 * `ERR_SIGV4_REDIRECT_BLOCKED`; a redirect status without `Location` is the answer (returns
 * `undefined`); otherwise the response's body is released, `redirect: 'error'` fails with
 * `ERR_SIGV4_REDIRECT_FAILED`, and the next hop (`nextHop`) is returned after the caller's
 * `beforeRedirect` saw it.
 */
export async function followRedirect<R, B>(
  response: TransportResponse<R>,
  current: Hop<B>,
  hops: number,
  mode: 'follow' | 'error',
  policy: RedirectPolicy,
  beforeRedirect: ((step: RedirectStep<R>) => void | Promise<void>) | undefined,
): Promise<NextHop<B> | undefined> {
  if (response.opaqueRedirect) {
    throw new SigV4Error(
      'ERR_SIGV4_REDIRECT_BLOCKED',
      'the server redirected a signed request, and this runtime (a browser) hides where to. It is not followed, so the signature cannot reach another origin. Have the server answer with the final URL, or pass redirect: "manual" to get the redirect response.',
      { method: current.method, url: redactUrl(current.url) },
    );
  }
  const location = isRedirectStatus(response.status) ? response.header('location') : null;
  if (location === null) return undefined;
  await response.discard();
  if (mode === 'error') {
    throw new SigV4Error(
      'ERR_SIGV4_REDIRECT_FAILED',
      `the server answered ${response.status} (a redirect) and the request has redirect: "error".`,
      { method: current.method, url: redactUrl(current.url) },
    );
  }
  const next = nextHop(
    { status: response.status, location, referrerPolicy: response.header('referrer-policy') },
    current,
    hops,
    policy,
  );
  if (next === undefined) return undefined;
  await beforeRedirect?.({
    status: response.status,
    response: response.value,
    from: current.url,
    url: next.url,
    method: next.method,
    headers: next.headers,
    crossOrigin: next.crossOrigin,
  });
  return next;
}
