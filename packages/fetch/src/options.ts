import type { SigningOptions } from '@sigv4/core';
import { SigV4Error } from '@sigv4/core/internal';

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
   * `'sign'`: SigV4 in headers. `'presign'`: SigV4 in the query, each hop's URL presigned
   * (`host` and the body's hash signed, valid 300 s, no `Authorization` header), for servers
   * or proxies that drop it; `onSigned` and the header options are refused with it.
   * `'content-sha256'`: only add `x-amz-content-sha256` (hex
   * SHA-256 of the body) and sign nothing, for a Lambda function URL behind CloudFront origin
   * access control, where CloudFront signs and Lambda refuses its `UNSIGNED-PAYLOAD` for
   * POST/PUT when the viewer sent no hash. No
   * credentials are resolved in that mode.
   * @default 'sign'
   * @example { mode: 'content-sha256' }
   */
  mode?: 'sign' | 'presign' | 'content-sha256' | undefined;
}

/** Checks the one option only fetch has (core checks the rest, `mode` included). */
export function checkFetchOptions(options: SignedFetchOptions, owner: string): void {
  if (
    typeof options === 'object' &&
    options !== null &&
    options.fetch !== undefined &&
    typeof options.fetch !== 'function'
  )
    throw new SigV4Error(
      'ERR_SIGV4_INVALID_OPTION',
      `option \`fetch\` of ${owner} must be a fetch function.`,
    );
}
