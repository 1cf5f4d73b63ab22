import type { CredentialsInput } from '@sigv4/core';
import { SigV4Error } from '@sigv4/core';

/**
 * What a request looked like when it was signed, for logging and debugging 403s. No secret key,
 * no signature, and the session token in the canonical request is `[redacted]`.
 */
export interface SignedRequestInfo {
  readonly method: string;
  /** The URL sent (query in strict RFC 3986 form). */
  readonly url: string;
  readonly signedHeaders: readonly string[];
  readonly canonicalRequest: string;
  readonly stringToSign: string;
}

/** Options of `createSigV4Interceptor` and `addSigV4Interceptor`. None is required. */
export interface SigV4InterceptorOptions {
  /**
   * Credentials: a value, or a (possibly async) provider such as the AWS SDK's `fromIni()`.
   * Resolved on the first request and cached until 5 minutes before they expire, with one
   * provider call in flight at a time.
   * @default the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN), then
   *   in Node the AWS SDK default chain, loaded only when needed
   * @example { credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' } }
   */
  credentials?: CredentialsInput | undefined;
  /**
   * Signing service name. Inferred from the host (`execute-api`, `lambda`, ...) when absent.
   * @default inferred from the host
   * @example { service: 'execute-api' } // a custom domain in front of API Gateway
   */
  service?: string | undefined;
  /**
   * Region. Inferred from the host when absent, then from AWS_REGION / AWS_DEFAULT_REGION.
   * Never silently us-east-1.
   * @default inferred from the host
   * @example { region: 'eu-west-1' }
   */
  region?: string | undefined;
  /**
   * Largest body, in bytes, that is buffered to be hashed (streams, FormData, Blobs included).
   * Bigger bodies fail with `ERR_SIGV4_BODY_TOO_LARGE` before anything is sent.
   * @default 10485760 (10 MiB, API Gateway's payload limit)
   * @example { maxBodyBytes: 6 * 1024 * 1024 } // Lambda's synchronous payload limit
   */
  maxBodyBytes?: number | undefined;
  /**
   * Send `x-amz-content-sha256` and sign it. Lambda function URLs refuse POST/PUT without it.
   * @default true
   * @example { contentSha256Header: false }
   */
  contentSha256Header?: boolean | undefined;
  /**
   * Header names to sign although they are left unsigned by default.
   * `content-length` is then set by the interceptor to the exact body length.
   * @default []
   * @example { alwaysSignHeaders: ['content-length'] }
   */
  alwaysSignHeaders?: readonly string[] | undefined;
  /**
   * Header names never to sign (a proxy on the way rewrites them, for example).
   * @default []
   * @example { neverSignHeaders: ['x-request-id'] }
   */
  neverSignHeaders?: readonly string[] | undefined;
  /**
   * The clock used for `x-amz-date`. Tests pass a fixed date.
   * @default () => new Date()
   * @example { clock: () => new Date('2024-01-01T00:00:00Z') }
   */
  clock?: (() => Date) | undefined;
  /**
   * Called after each signing with the canonical request and string to sign (never secrets).
   * @default undefined
   * @example { onSigned: (info) => console.debug(info.canonicalRequest) }
   */
  onSigned?: ((info: SignedRequestInfo) => void) | undefined;
  /**
   * When AWS answers 403 "Signature expired" / "Signature not yet current" (the local clock is
   * more than 5 minutes off), correct the signing clock from the response's `Date` (or the time
   * in AWS's message), sign again and resend once. The offset is kept for later requests.
   * @default true
   * @example { correctClockSkew: false }
   */
  correctClockSkew?: boolean | undefined;
  /**
   * What to do when a signed request is redirected to another origin (scheme, host or port),
   * with every adapter and every axios of the peer range. `'follow-unsigned'`: follow it without
   * any SigV4 header (`authorization`, `x-amz-date`, `x-amz-security-token`,
   * `x-amz-content-sha256`), and every later hop too. `'error'`: reject with
   * `ERR_SIGV4_REDIRECT_BLOCKED`. The signature never reaches the other origin either way.
   * @default 'follow-unsigned'
   * @example { crossOriginRedirect: 'error' }
   */
  crossOriginRedirect?: 'follow-unsigned' | 'error' | undefined;
}

/** The options this package adds, with defaults applied. */
export interface ResolvedOptions {
  readonly maxBodyBytes: number;
  readonly signContentLength: boolean;
  readonly onSigned: ((info: SignedRequestInfo) => void) | undefined;
  readonly correctClockSkew: boolean;
  readonly crossOriginRedirect: 'follow-unsigned' | 'error';
}

/** 10 MiB: API Gateway's payload limit. */
export const DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024;

/** Applies the defaults and checks the options this package adds; the error names the option. */
export function resolveOptions(options: SigV4InterceptorOptions): ResolvedOptions {
  const bad = (name: string, expected: string): never => {
    throw new SigV4Error(
      'ERR_SIGV4_INVALID_OPTION',
      `option \`${name}\` of createSigV4Interceptor must be ${expected}.`,
    );
  };
  if (typeof options !== 'object' || options === null) bad('options', 'an object or undefined');
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (!Number.isSafeInteger(maxBodyBytes) || maxBodyBytes < 0)
    bad('maxBodyBytes', 'a whole number of bytes, 0 or more');
  if (options.onSigned !== undefined && typeof options.onSigned !== 'function')
    bad('onSigned', 'a function');
  if (options.correctClockSkew !== undefined && typeof options.correctClockSkew !== 'boolean')
    bad('correctClockSkew', 'true or false');
  const crossOriginRedirect = options.crossOriginRedirect ?? 'follow-unsigned';
  if (crossOriginRedirect !== 'follow-unsigned' && crossOriginRedirect !== 'error')
    bad('crossOriginRedirect', "'follow-unsigned' or 'error'");
  for (const name of ['alwaysSignHeaders', 'neverSignHeaders'] as const) {
    const list = options[name];
    if (list !== undefined && (!Array.isArray(list) || list.some((h) => typeof h !== 'string')))
      bad(name, 'an array of header names');
  }
  const lower = (list: readonly string[] | undefined): string[] =>
    (list ?? []).map((name) => name.toLowerCase());
  return {
    maxBodyBytes,
    signContentLength:
      lower(options.alwaysSignHeaders).includes('content-length') &&
      !lower(options.neverSignHeaders).includes('content-length'),
    onSigned: options.onSigned,
    correctClockSkew: options.correctClockSkew ?? true,
    crossOriginRedirect,
  };
}
