import { SigV4Error } from '../errors.js';
import { redactUrl } from './redact.js';

/** What the caller asked of redirects, as fetch's `redirect`. */
export type RedirectMode = 'follow' | 'manual' | 'error';

/**
 * A redirect of a signed request to another origin: `'follow-unsigned'` follows it without any
 * SigV4 header (as fetch drops `Authorization`), `'error'` refuses with
 * `ERR_SIGV4_REDIRECT_BLOCKED`.
 */
export type CrossOriginRedirect = 'follow-unsigned' | 'error';

/** The most redirects followed before the call fails, as fetch. */
export const MAX_REDIRECTS = 20;

/** Headers this pipeline adds when signing: none of them may follow a request to another origin. */
export const SIGNING_HEADERS: readonly string[] = [
  'authorization',
  'x-amz-date',
  'x-amz-security-token',
  'x-amz-content-sha256',
];

/** Headers that describe a body, dropped with it when a redirect turns a request into a GET. */
const BODY_HEADERS = ['content-encoding', 'content-language', 'content-location', 'content-type'];

/** Statuses fetch follows. 304 and 300 are answers, not redirects. */
export function isRedirectStatus(status: number): boolean {
  return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}

/** One hop of a request, as the redirect policy sees it. */
export interface Hop<B> {
  readonly method: string;
  readonly url: URL;
  readonly headers: Headers;
  readonly body: B | null;
}

/** The request that follows a redirect, and whether it leaves the origin it was signed for. */
export interface NextHop<B> extends Hop<B> {
  readonly crossOrigin: boolean;
}

/**
 * The request that follows a redirect response, by fetch's rules, or `undefined` when the
 * response is to be returned (not a redirect status, or no `Location`).
 * - only `http:` / `https:` targets: anything else (`file:`, `data:`, `javascript:`) or an
 *   unparsable Location is a network error, a `TypeError` as fetch gives;
 * - 303 turns anything but GET/HEAD into a body-less GET; 301 and 302 do so for POST; 307 and
 *   308 keep both (body headers go with the body);
 * - more than `maxRedirects` hops: a `TypeError`;
 * - another origin: `'error'` throws `ERR_SIGV4_REDIRECT_BLOCKED`, `'follow-unsigned'`
 *   returns the hop with every SigV4 header removed and `crossOrigin: true`.
 * The headers returned are a fresh copy.
 */
export function nextHop<B>(
  status: number,
  location: string | null | undefined,
  current: Hop<B>,
  hops: number,
  policy: { readonly crossOrigin: CrossOriginRedirect; readonly maxRedirects: number },
): NextHop<B> | undefined {
  if (!isRedirectStatus(status) || location === null || location === undefined) return undefined;
  let target: URL;
  try {
    target = new URL(location, current.url);
  } catch {
    throw new TypeError('fetch failed: the redirect Location is not a valid URL.');
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:') {
    throw new TypeError(
      `fetch failed: a redirect to a ${target.protocol} URL is not followed (only http: and https:).`,
    );
  }
  if (hops >= policy.maxRedirects) {
    throw new TypeError(`fetch failed: more than ${policy.maxRedirects} redirects.`);
  }
  target.hash = '';
  const crossOrigin = target.origin !== current.url.origin;
  if (crossOrigin && policy.crossOrigin === 'error') {
    throw new SigV4Error(
      'ERR_SIGV4_REDIRECT_BLOCKED',
      `the server redirected a signed request to another origin (${target.origin}); it was not followed, so the signature and session token stay with ${current.url.origin}. Pass crossOriginRedirect: 'follow-unsigned' to follow without the signature, or redirect: 'manual' to handle it yourself.`,
      { method: current.method, url: redactUrl(current.url) },
    );
  }
  const toGet =
    (status === 303 && current.method !== 'GET' && current.method !== 'HEAD') ||
    ((status === 301 || status === 302) && current.method === 'POST');
  const headers = new Headers(current.headers);
  if (crossOrigin) for (const name of SIGNING_HEADERS) headers.delete(name);
  if (!toGet)
    return { method: current.method, url: target, headers, body: current.body, crossOrigin };
  for (const name of BODY_HEADERS) headers.delete(name);
  return { method: 'GET', url: target, headers, body: null, crossOrigin };
}
