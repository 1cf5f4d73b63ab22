import type { AxiosResponse, InternalAxiosRequestConfig } from 'axios';

/**
 * Puts the caller's config back where axios keeps one (`response.config`, `error.config`,
 * `error.response.config`) in place of the hop's (absolute URL, params emptied, timeout 0,
 * redirects off): `axios.request(error.config)` then follows redirects, has its timeout and is
 * signed afresh, as with plain axios. The caller's config never held a signature.
 */
export function withCallerConfig<T>(value: T, config: InternalAxiosRequestConfig): T {
  const target = value as { config?: unknown; response?: { config?: unknown } } | null;
  if (typeof target !== 'object' || target === null || !('config' in target)) return value;
  target.config = config;
  if (target.response?.config !== undefined) target.response.config = config;
  return value;
}

/**
 * The final URL where follow-redirects would have left it (`response.request.res.responseUrl`)
 * when redirects were followed here instead: axios's Node http adapter only.
 */
export function setResponseUrl(response: AxiosResponse, url: string): void {
  const res = (response.request as { res?: { responseUrl?: unknown } } | undefined)?.res;
  if (typeof res === 'object' && res !== null && res.responseUrl === undefined) {
    res.responseUrl = url;
  }
}
