import { type SignedRequestInfo, type SigningOptions, SigV4Error } from '@sigv4/core';
import { createPipeline, type Pipeline, type TransportPolicy } from '@sigv4/core/internal';

export type { SignedRequestInfo };

/**
 * Options of `createSigV4Interceptor` and `addSigV4Interceptor`: the options every sigv4
 * adapter shares (`SigningOptions` of `@sigv4/core`: credentials, service, region, clock,
 * `contentSha256Header`, `alwaysSignHeaders`, `neverSignHeaders`, `maxBodyBytes`, `retry`,
 * `correctClockSkew`, `crossOriginRedirect`, `onSigned`). None is required. axios's own
 * `timeout`, `signal`, `cancelToken` and `maxRedirects` apply per request, as in axios.
 *
 * @example
 * addSigV4Interceptor(api, { region: 'eu-west-1', crossOriginRedirect: 'error', retry: 2 });
 */
export interface SigV4InterceptorOptions extends SigningOptions {
  /**
   * Sign in the query instead of headers (as aws4-axios's `signQuery`): each request (each
   * redirect hop, each retry) goes to a presigned URL (`X-Amz-Signature` and the rest in the
   * query, `host` and the body's hash signed, valid 300 s), with no `Authorization` header.
   * For servers or proxies that drop or rewrite `Authorization`. `onSigned` and the header
   * options cannot take effect then, and are refused.
   * @default false
   * @example addSigV4Interceptor(api, { signQuery: true })
   */
  signQuery?: boolean | undefined;
}

/** The options with their defaults applied and checked, and core's pipeline built from them. */
export interface ResolvedOptions {
  /** Core's one call: signs, sends, corrects clock skew, retries, follows redirects. */
  readonly pipeline: Pipeline;
  /** The pipeline's policy (body limit, retries, clock skew, redirects, onSigned, clock). */
  readonly policy: TransportPolicy;
  /** `content-length` is signed (`alwaysSignHeaders`), so the interceptor sets it. */
  readonly signContentLength: boolean;
}

/**
 * Checks every option, sub-options included (`retry.methods`, ...), with core's shared rules
 * (the error names the option), and builds the pipeline every request of the interceptor goes
 * through (credentials cache, signer, clock-skew store: once).
 *
 * @throws {SigV4Error} `ERR_SIGV4_INVALID_OPTION`.
 */
export function resolveOptions(options: SigV4InterceptorOptions): ResolvedOptions {
  const owner = 'createSigV4Interceptor';
  if (options?.signQuery !== undefined && typeof options.signQuery !== 'boolean')
    throw new SigV4Error(
      'ERR_SIGV4_INVALID_OPTION',
      `option \`signQuery\` of ${owner} must be true or false.`,
    );
  const pipeline = createPipeline(options, {
    owner,
    mode: options?.signQuery ? 'presign' : 'sign',
    ownKeys: ['signQuery'],
  });
  const lower = (list: readonly string[] | undefined): string[] =>
    (list ?? []).map((name) => name.toLowerCase());
  return {
    pipeline,
    policy: pipeline.policy,
    signContentLength:
      lower(options.alwaysSignHeaders).includes('content-length') &&
      !lower(options.neverSignHeaders).includes('content-length'),
  };
}
