import type { SigningOptions, TransportPolicy } from '@sigv4/core/internal';
import { invalidOption, resolveSigningOptions } from '@sigv4/core/internal';

/**
 * Options of `createSignedFetch`: core's `SigningOptions` (credentials, scope, clock, headers to
 * sign, body limit, retries, clock skew, redirects, `onSigned`), plus the two that only fetch
 * has. None is required.
 */
export interface SignedFetchOptions extends SigningOptions {
  /**
   * The fetch that sends the signed request.
   * @default the global `fetch`, looked up at each call (so msw and other wrappers see it)
   * @example { fetch: undiciFetch }
   */
  fetch?: typeof globalThis.fetch | undefined;
  /**
   * `'sign'`: SigV4 in headers. `'content-sha256'`: only add `x-amz-content-sha256` (hex
   * SHA-256 of the body) and sign nothing, for a Lambda function URL behind CloudFront origin
   * access control, where CloudFront signs and Lambda refuses its `UNSIGNED-PAYLOAD` for
   * POST/PUT when the viewer sent no hash. No
   * credentials are resolved in that mode.
   * @default 'sign'
   * @example { mode: 'content-sha256' }
   */
  mode?: 'sign' | 'content-sha256' | undefined;
}

/** Options with defaults applied, as the implementation uses them. */
export interface ResolvedOptions {
  readonly mode: 'sign' | 'content-sha256';
  readonly policy: TransportPolicy;
}

const OWNER = 'createSignedFetch';

/** Applies the defaults and checks every option (core's and fetch's); the error names the option. */
export function resolveOptions(options: SignedFetchOptions): ResolvedOptions {
  const policy = resolveSigningOptions(options, OWNER);
  if (options.fetch !== undefined && typeof options.fetch !== 'function')
    throw invalidOption(OWNER, 'fetch', 'a fetch function');
  const mode = options.mode ?? 'sign';
  if (mode !== 'sign' && mode !== 'content-sha256')
    throw invalidOption(OWNER, 'mode', "'sign' or 'content-sha256'");
  return { mode, policy: mode === 'sign' ? policy : { ...policy, correctClockSkew: false } };
}
