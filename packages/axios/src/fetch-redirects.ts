import { SigV4Error } from '@sigv4/core';
import axios, {
  type AxiosAdapter,
  AxiosHeaders,
  type AxiosResponse,
  type InternalAxiosRequestConfig,
} from 'axios';

/** Redirect statuses fetch follows (300 and 304 are answers). */
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
/** Headers that describe a body, dropped with it when a redirect turns a request into a GET. */
const BODY_HEADERS = ['content-type', 'content-length', 'content-encoding', 'content-language'];

/**
 * True when the signing adapter must follow redirects itself: `real` is axios's fetch adapter
 * (which would let fetch follow a redirect to any origin with `x-amz-security-token` and the
 * other `x-amz-*` headers, as fetch only drops `authorization`), and the caller left redirects
 * to be followed (`maxRedirects` not 0, no `fetchOptions.redirect` of their own).
 */
export function followsRedirectsItself(
  real: AxiosAdapter,
  config: InternalAxiosRequestConfig,
): boolean {
  if (config.maxRedirects === 0) return false;
  // axios names its http and xhr adapters: those two are known not to be fetch, without a lookup.
  const name = (real as { adapterName?: unknown }).adapterName;
  if (name === 'http' || name === 'xhr') return false;
  const asked = (config.fetchOptions as { redirect?: unknown } | undefined)?.redirect;
  if (asked !== undefined && asked !== 'follow') return false;
  try {
    return real === axios.getAdapter('fetch', config);
  } catch {
    return false;
  }
}

/** What the signing adapter needs to send a request again. */
export interface Resend {
  /** Signs and sends `config` (the signing adapter itself). */
  readonly send: (config: InternalAxiosRequestConfig) => Promise<AxiosResponse>;
  /** The config the hop was signed from, the headers and exact body it sent, and its URL. */
  readonly config: InternalAxiosRequestConfig;
  readonly headers: AxiosHeaders;
  readonly body: ArrayBuffer | undefined;
  readonly method: string;
  readonly url: string;
}

/**
 * Handles the answer to a request sent with `redirect: 'manual'`: anything but a redirect is
 * returned (or its error rethrown) as is; a redirect to the same origin is signed again and
 * followed, with fetch's rules for the method and body (303, and 301/302 after POST, become a
 * body-less GET); a redirect to another origin rejects with `ERR_SIGV4_REDIRECT_BLOCKED`, so the
 * signature and session token never leave the origin they were made for.
 */
export function afterManualRedirect(
  response: AxiosResponse | undefined,
  error: unknown,
  hop: Resend,
): Promise<AxiosResponse> {
  const location = response && REDIRECTS.has(response.status) ? response.headers?.location : null;
  if (response === undefined || typeof location !== 'string' || location === '') {
    return error === undefined ? Promise.resolve(response as AxiosResponse) : Promise.reject(error);
  }
  const from = new URL(hop.url);
  const target = new URL(location, from);
  if (target.origin !== from.origin) {
    return Promise.reject(
      new SigV4Error(
        'ERR_SIGV4_REDIRECT_BLOCKED',
        `the server redirected a signed request to another origin (${target.origin}); it was not followed, so the signature and session token stay with ${from.origin}. Send the request to the final URL, or set maxRedirects: 0 to get the redirect response.`,
        { method: hop.method, url: hop.url },
      ),
    );
  }
  const left = (hop.config.maxRedirects ?? 21) - 1;
  if (left < 0) return error === undefined ? Promise.resolve(response) : Promise.reject(error);
  const status = response.status;
  const toGet =
    (status === 303 && hop.method !== 'GET' && hop.method !== 'HEAD') ||
    ((status === 301 || status === 302) && hop.method === 'POST');
  const headers = new AxiosHeaders(hop.headers);
  if (toGet) for (const name of BODY_HEADERS) headers.delete(name);
  const next: InternalAxiosRequestConfig = {
    ...hop.config,
    url: target.href,
    method: toGet ? 'get' : hop.method.toLowerCase(),
    headers,
    data: toGet ? undefined : hop.body,
    maxRedirects: left,
  };
  delete next.baseURL;
  delete next.params;
  delete next.paramsSerializer;
  return hop.send(next);
}
