/**
 * `RequestInit` with what only a signed fetch reads: this request's own service and region.
 * A plain fetch ignores the extra key; the signed fetch never passes it on.
 */
export interface SignedRequestInit extends RequestInit {
  /**
   * This request's own signing service and region (smithy's `signingService` /
   * `signingRegion`): they win over the `service` and `region` options and over the host, for
   * every hop of this request.
   * @default the options, else the host
   * @example await signedFetch(url, { sigv4: { service: 'lambda', region: 'us-east-1' } })
   */
  sigv4?: { service?: string | undefined; region?: string | undefined } | undefined;
}
