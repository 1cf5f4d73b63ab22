import { SigV4Error } from '@sigv4/core';
import axios, { type AxiosAdapter, type InternalAxiosRequestConfig } from 'axios';

/** The adapter configuration of a request (a name, a function, or a list of them). */
export type AdapterConfig = InternalAxiosRequestConfig['adapter'];

const DEFAULT_ADAPTERS: AdapterConfig = ['xhr', 'http', 'fetch'];

/** How a signed request is sent so that nothing but this package follows a redirect. */
export interface AxiosTransport {
  /** The axios adapter that sends each hop. */
  readonly adapter: AxiosAdapter;
  /** Config fields that make the adapter hand a redirect back instead of following it. */
  readonly noFollow: {
    readonly maxRedirects: 0;
    readonly fetchOptions: NonNullable<InternalAxiosRequestConfig['fetchOptions']>;
  };
  /** Whether the pipeline follows redirects (else the 3xx is the caller's answer). */
  readonly follow: boolean;
  /** The hop limit when `follow`: axios's `maxRedirects`, else the pipeline's (20, as fetch). */
  readonly maxRedirects: number | undefined;
  /** True for the fetch adapter, whose redirect answer is opaque in a browser (status 0). */
  readonly isFetch: boolean;
  /** True for the Node http adapter (follow-redirects' hooks, `Host`, proxies). */
  readonly isHttp: boolean;
}

/** The adapter axios itself would use for `config`, for a request sent as it is. */
export function plainAdapter(
  configured: AdapterConfig,
  config: InternalAxiosRequestConfig,
): AxiosAdapter {
  return axios.getAdapter(configured ?? DEFAULT_ADAPTERS, config);
}

function adapterName(adapter: AxiosAdapter): unknown {
  return (adapter as { adapterName?: unknown }).adapterName;
}

function fetchAdapter(config: InternalAxiosRequestConfig): AxiosAdapter | undefined {
  try {
    return axios.getAdapter('fetch', config);
  } catch {
    return undefined; // axios < 1.7, or no fetch in this runtime
  }
}

/**
 * The transport for a request whose configured adapter is `configured`. Every adapter is told
 * not to follow redirects (`maxRedirects: 0`, and `redirect: 'manual'` for fetch), so that the
 * pipeline follows them: a same-origin hop is signed again and no hop to another origin carries a SigV4 header, on every
 * axios of the peer range (the http adapter's `sensitiveHeaders` exists only from axios 1.18).
 * XHR cannot be kept from following a redirect, to any origin, with every header: a request
 * whose adapter resolves to XHR (axios's default in a browser) goes through axios's fetch
 * adapter instead (axios 1.7 and later).
 *
 * @throws {SigV4Error} `ERR_SIGV4_UNSIGNABLE_REQUEST` when the adapter is XHR and this axios has
 *   no fetch adapter (axios 1.6).
 */
export function transportFor(
  configured: AdapterConfig,
  config: InternalAxiosRequestConfig,
  context: { readonly method: string; readonly url: string },
): AxiosTransport {
  let adapter = axios.getAdapter(configured ?? DEFAULT_ADAPTERS, config);
  // axios names its http and xhr adapters; its fetch adapter is made per environment, unnamed.
  const name = adapterName(adapter);
  const fetch = name === 'http' ? undefined : fetchAdapter(config);
  if (name === 'xhr') {
    if (fetch === undefined) {
      throw new SigV4Error(
        'ERR_SIGV4_UNSIGNABLE_REQUEST',
        "axios's XHR adapter (its default in a browser) follows redirects to any origin with every header, so the signature and session token could leak, and this axios has no fetch adapter to send through instead (it came with axios 1.7). Upgrade axios to 1.7 or later, or use @sigv4/fetch.",
        context,
      );
    }
    adapter = fetch;
  }
  const isFetch = adapter === fetch || adapterName(adapter) === 'fetch';
  const asked = (config.fetchOptions as { redirect?: unknown } | undefined)?.redirect;
  const follow = config.maxRedirects !== 0 && (asked === undefined || asked === 'follow');
  const redirect = asked === 'error' ? 'error' : 'manual';
  return {
    adapter,
    noFollow: {
      maxRedirects: 0,
      fetchOptions: { ...(config.fetchOptions as object | undefined), redirect },
    },
    follow,
    maxRedirects: config.maxRedirects,
    isFetch,
    isHttp: adapterName(adapter) === 'http',
  };
}
