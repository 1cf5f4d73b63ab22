import { SigV4Error } from './errors.js';
import { toStrictQuery } from './strict-query.js';
import { toS3Segment } from './uri-escape.js';

const SIGNABLE_PROTOCOLS = new Set(['https:', 'http:', 'wss:', 'ws:']);

/** Parses and checks an absolute URL; the error says how to fix it. */
export function parseRequestUrl(url: string | URL, method?: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(typeof url === 'string' ? url : url.href);
  } catch (cause) {
    throw new SigV4Error(
      'ERR_SIGV4_INVALID_URL',
      `"${String(url).slice(0, 200)}" is not an absolute URL. Pass a full URL such as https://abc123.execute-api.eu-west-1.amazonaws.com/prod/items.`,
      { cause, ...(method ? { method } : {}) },
    );
  }
  checkSignableUrl(parsed, method);
  return parsed;
}

/** Checks a parsed URL can be signed: its protocol, and no user info. */
function checkSignableUrl(parsed: URL, method: string | undefined): void {
  if (!SIGNABLE_PROTOCOLS.has(parsed.protocol)) {
    throw new SigV4Error(
      'ERR_SIGV4_INVALID_URL',
      `cannot sign a ${parsed.protocol} URL: only https:, http:, wss: and ws: URLs can be signed.`,
      { ...(method ? { method } : {}) },
    );
  }
  if (parsed.username !== '' || parsed.password !== '') {
    throw new SigV4Error(
      'ERR_SIGV4_INVALID_URL',
      'the URL has user info (user:password@); remove it, SigV4 carries the credentials.',
      {
        ...(method ? { method } : {}),
      },
    );
  }
}

/**
 * The wire form of a URL as fetch, undici, browsers and Node's http send it: the WHATWG path,
 * and the query rewritten into strict RFC 3986 form (see `toStrictQuery`).
 *
 * A `URL` that is already in wire form (the usual case: a strict query, no fragment) is
 * checked and returned as it is, not parsed again: `url` is then the caller's object, to be
 * read, never changed (copy it first). A string, or a `URL` that needs rewriting, gives a new
 * `URL`.
 */
export function toWireUrl(
  url: string | URL,
  method?: string,
): { url: URL; href: string; host: string; path: string; query: string } {
  let parsed: URL;
  if (url instanceof URL) {
    checkSignableUrl(url, method);
    parsed = url;
  } else parsed = parseRequestUrl(url, method);
  const search = parsed.search;
  const query = search === '' ? '' : toStrictQuery(search);
  const rewrite = query !== search.slice(1);
  if (rewrite || parsed.hash !== '') {
    if (parsed === url) parsed = new URL(parsed.href);
    if (rewrite) parsed.search = query === '' ? '' : `?${query}`;
    if (parsed.hash !== '') parsed.hash = '';
  }
  return { url: parsed, href: parsed.href, host: parsed.host, path: parsed.pathname, query };
}

/** The path as sent to an S3-rules service: each segment as S3 computes it (`%41` is `A`). */
export function toS3WirePath(path: string): string {
  return path.split('/').map(toS3Segment).join('/');
}
