import { SigV4Error } from '@sigv4/core';
import {
  AxiosError,
  AxiosHeaders,
  type AxiosResponse,
  type InternalAxiosRequestConfig,
} from 'axios';
import { SIGV4_HEADERS } from './wire-headers.js';

/** What to do with a redirect of a signed request to another origin. */
export type CrossOriginRedirect = 'follow-unsigned' | 'error';

/** One request of a call: the first, or one that follows a redirect. */
export interface Hop {
  readonly method: string;
  /** Absolute URL. */
  readonly url: string;
  /** The headers to send, without any SigV4 header (added when the hop is signed). */
  readonly headers: AxiosHeaders;
  /** The exact body bytes, or `null`. */
  readonly bytes: Uint8Array | null;
  /** False once the call has left the origin it was signed for: sent without a signature. */
  readonly signed: boolean;
}

/** Statuses fetch follows (300 and 304 are answers). */
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
/** Headers that describe a body, dropped with it when a redirect turns a request into a GET. */
const BODY_HEADERS = ['content-type', 'content-length', 'content-encoding', 'content-language'];

function locationOf(response: AxiosResponse): string | undefined {
  const headers = response.headers as { get?: (name: string) => unknown; location?: unknown };
  const location = typeof headers.get === 'function' ? headers.get('location') : headers.location;
  return typeof location === 'string' && location !== '' ? location : undefined;
}

/**
 * The hop that follows `response`, by fetch's rules, or `undefined` when the response is the
 * answer (not a redirect status, or no `Location`):
 * - only `http:` / `https:` targets (`file:`, `data:`, ... are refused);
 * - 303 turns anything but GET/HEAD into a body-less GET, 301/302 do so for POST;
 * - more than `maxRedirects` hops fail as axios's http adapter fails (`ERR_FR_TOO_MANY_REDIRECTS`);
 * - another origin: `'error'` rejects with `ERR_SIGV4_REDIRECT_BLOCKED`; `'follow-unsigned'`
 *   goes on without any SigV4 header, and every later hop too.
 */
export function nextHop(
  response: AxiosResponse,
  current: Hop,
  hops: number,
  policy: { readonly crossOrigin: CrossOriginRedirect; readonly maxRedirects: number },
  config: InternalAxiosRequestConfig,
): Hop | undefined {
  const location = REDIRECTS.has(response.status) ? locationOf(response) : undefined;
  if (location === undefined) return undefined;
  const from = new URL(current.url);
  let target: URL;
  try {
    target = new URL(location, from);
  } catch {
    throw new AxiosError(
      'Redirected request failed: the Location is not a valid URL',
      'ERR_FR_REDIRECTION_FAILURE',
      config,
      undefined,
      response,
    );
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:') {
    throw new AxiosError(
      `Redirected request failed: a redirect to a ${target.protocol} URL is not followed (only http: and https:)`,
      'ERR_FR_REDIRECTION_FAILURE',
      config,
      undefined,
      response,
    );
  }
  if (hops >= policy.maxRedirects) {
    throw new AxiosError(
      'Maximum number of redirects exceeded',
      'ERR_FR_TOO_MANY_REDIRECTS',
      config,
      undefined,
      response,
    );
  }
  target.hash = '';
  const crossOrigin = target.origin !== from.origin;
  if (crossOrigin && current.signed && policy.crossOrigin === 'error') {
    throw new SigV4Error(
      'ERR_SIGV4_REDIRECT_BLOCKED',
      `the server redirected a signed request to another origin (${target.origin}); it was not followed, so the signature and session token stay with ${from.origin}. Pass crossOriginRedirect: 'follow-unsigned' to follow without the signature, or maxRedirects: 0 to get the redirect response.`,
      { method: current.method, url: `${from.origin}${from.pathname}` },
    );
  }
  const toGet =
    (response.status === 303 && current.method !== 'GET' && current.method !== 'HEAD') ||
    ((response.status === 301 || response.status === 302) && current.method === 'POST');
  const headers = new AxiosHeaders(current.headers);
  for (const name of SIGV4_HEADERS) headers.delete(name);
  if (crossOrigin) headers.delete('host');
  if (toGet) for (const name of BODY_HEADERS) headers.delete(name);
  return {
    method: toGet ? 'GET' : current.method,
    url: target.href,
    headers,
    bytes: toGet ? null : current.bytes,
    signed: current.signed && !crossOrigin,
  };
}
