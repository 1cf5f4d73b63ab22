import type { ScopeChoice } from '@sigv4/core';

declare module 'axios' {
  interface AxiosRequestConfig {
    /**
     * This request's own signing service and region (smithy's `signingService` /
     * `signingRegion`): they win over the interceptor's `service` and `region` and over the
     * host, for every hop of this request. Read by the `@sigv4/axios` interceptor only.
     * @default the interceptor's options, else the host
     * @example await api.get(url, { sigv4: { service: 'lambda', region: 'us-east-1' } })
     */
    sigv4?: ScopeChoice | undefined;
  }
}

/** What a request's `sigv4` config holds: its own service and region. */
export type RequestScope = ScopeChoice;

/** The request's `sigv4`, as axios merged it into the config. */
export function requestScope(config: { sigv4?: unknown }): ScopeChoice | undefined {
  return config.sigv4 as ScopeChoice | undefined;
}
