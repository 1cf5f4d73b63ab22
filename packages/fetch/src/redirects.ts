import { SIGV4_HEADERS } from '@sigv4/core/internal';

/** Statuses fetch follows. 304 and 300 are answers, not redirects. */
export function isRedirectStatus(status: number): boolean {
  return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}

/** The most redirects fetch follows before failing. */
export const MAX_REDIRECTS = 20;

/** Headers that describe a body, dropped with it when a redirect turns a request into a GET. */
const BODY_HEADERS = ['content-encoding', 'content-language', 'content-location', 'content-type'];

/** Headers this package adds when signing: none of them may follow a request to another origin. */
export const SIGNING_HEADERS: readonly string[] = SIGV4_HEADERS;

/**
 * The method and body of the request that follows a redirect, as the fetch spec says: 303
 * turns anything but GET/HEAD into a body-less GET; 301 and 302 do so for POST; 307 and 308
 * keep both. Returns fresh headers (body headers dropped when the body is).
 */
export function followRedirect<B>(
  status: number,
  method: string,
  headers: Headers,
  body: B | null,
): { method: string; headers: Headers; body: B | null } {
  const toGet =
    (status === 303 && method !== 'GET' && method !== 'HEAD') ||
    ((status === 301 || status === 302) && method === 'POST');
  const next = new Headers(headers);
  if (!toGet) return { method, headers: next, body };
  for (const name of BODY_HEADERS) next.delete(name);
  return { method: 'GET', headers: next, body: null };
}
