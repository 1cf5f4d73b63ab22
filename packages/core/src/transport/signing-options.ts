import { checkSignerOptions } from '../check-signer-options.js';
import type { SignerOptions } from '../signer.js';
import { invalidOption } from './invalid-option.js';
import { checkKnownOptions } from './known-options.js';
import { type CrossOriginRedirect, MAX_REDIRECTS } from './redirect-mode.js';
import { type RetryOptions, type RetryPolicy, resolveRetry } from './retry-options.js';

/**
 * What a request looked like when it was signed, for logging and debugging 403s: no secret
 * key, no signature, and the session token in the canonical request is `[redacted]`.
 */
export interface SignedRequestInfo {
  readonly method: string;
  /** The URL sent (query in strict RFC 3986 form). */
  readonly url: string;
  /** The signing service of the credential scope (`execute-api`, `lambda`, ...). */
  readonly service: string;
  /** The region of the credential scope. */
  readonly region: string;
  /** The access key id signed with (an identifier, not a secret; AWS logs it). */
  readonly accessKeyId: string;
  readonly signedHeaders: readonly string[];
  /** The canonical request smithy signed, session token `[redacted]`. */
  readonly canonicalRequest: string;
  /** The string to sign (holds only a hash of the canonical request). */
  readonly stringToSign: string;
  /** 0 for the first attempt, then 1, 2, ... for clock-skew corrections, retries and redirects. */
  readonly attempt: number;
}

/**
 * The options vocabulary every adapter shares (`createSignedFetch`, `createSigV4Interceptor`,
 * the CLI): signing, then transport. Adapters extend it with what only they have.
 */
export interface SigningOptions extends SignerOptions {
  /**
   * Largest body, in bytes, that is buffered to be hashed (streams, FormData, Blobs included).
   * Bigger bodies fail with `ERR_SIGV4_BODY_TOO_LARGE` before anything is sent.
   * @default 10485760 (10 MiB, API Gateway's payload limit)
   * @example { maxBodyBytes: 6 * 1024 * 1024 } // Lambda's synchronous payload limit
   */
  maxBodyBytes?: number | undefined;
  /**
   * Retries: a number of attempts after the first (0-10), or finer options. Each attempt is
   * signed again. Only idempotent methods unless `methods` says otherwise.
   * @default 0 (no retries)
   * @example { retry: 2 }
   */
  retry?: number | RetryOptions | undefined;
  /**
   * When AWS answers 403 "Signature expired" / "Signature not yet current" with a readable
   * `Date`, correct the clock for that origin (at most 24 h), sign again and resend once. The
   * offset is kept for later requests to the same origin only.
   * @default true
   * @example { correctClockSkew: false }
   */
  correctClockSkew?: boolean | undefined;
  /**
   * What to do when a signed request is redirected to another origin (scheme, host or port).
   * `'follow-unsigned'`: follow it without any SigV4 header (`authorization`, `x-amz-date`,
   * `x-amz-security-token`, `x-amz-content-sha256`), as fetch drops `Authorization`.
   * `'error'`: reject with `ERR_SIGV4_REDIRECT_BLOCKED`. The signature never reaches the
   * other origin either way.
   * @default 'follow-unsigned'
   * @example { crossOriginRedirect: 'error' }
   */
  crossOriginRedirect?: CrossOriginRedirect | undefined;
  /**
   * Called after each signing with the canonical request and string to sign (never secrets).
   * @default undefined
   * @example { onSigned: (info) => console.debug(info.canonicalRequest) }
   */
  onSigned?: ((info: SignedRequestInfo) => void) | undefined;
}

/** The transport options with their defaults applied and checked. */
export interface TransportPolicy {
  readonly maxBodyBytes: number;
  readonly retry: RetryPolicy;
  readonly correctClockSkew: boolean;
  readonly crossOrigin: CrossOriginRedirect;
  readonly maxRedirects: number;
  readonly onSigned: ((info: SignedRequestInfo) => void) | undefined;
  readonly clock: () => Date;
}

/** Every key of `SigningOptions`: anything else an adapter does not add itself is refused. */
const SIGNING_OPTION_KEYS: readonly (keyof SigningOptions)[] = [
  'credentials',
  'service',
  'region',
  'clock',
  'contentSha256Header',
  'alwaysSignHeaders',
  'neverSignHeaders',
  'maxBodyBytes',
  'retry',
  'correctClockSkew',
  'crossOriginRedirect',
  'onSigned',
];

/** 10 MiB: API Gateway's payload limit. */
export const DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024;

/**
 * Checks every option of `SigningOptions` (types and ranges, sub-options included) and applies
 * the transport defaults; any other key, unless the adapter names it in `ownKeys`, is refused
 * (with the nearest known one). `owner` names the function in the message:
 * `[sigv4] option \`retry.methods\` of createSignedFetch must be ...`.
 *
 * @throws {SigV4Error} `ERR_SIGV4_INVALID_OPTION` naming the option.
 */
export function resolveSigningOptions(
  options: SigningOptions,
  owner: string,
  ownKeys: readonly string[] = [],
): TransportPolicy {
  const bad = (name: string, expected: string): never => {
    throw invalidOption(owner, name, expected);
  };
  if (typeof options !== 'object' || options === null) bad('options', 'an object or undefined');
  checkKnownOptions(options, new Set([...SIGNING_OPTION_KEYS, ...ownKeys]), owner);
  checkSignerOptions(options, owner);
  if (options.correctClockSkew !== undefined && typeof options.correctClockSkew !== 'boolean')
    bad('correctClockSkew', 'true or false');
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (typeof maxBodyBytes !== 'number' || !Number.isSafeInteger(maxBodyBytes) || maxBodyBytes < 0)
    bad('maxBodyBytes', 'a whole number of bytes, 0 or more');
  const crossOrigin = options.crossOriginRedirect ?? 'follow-unsigned';
  if (crossOrigin !== 'follow-unsigned' && crossOrigin !== 'error')
    bad('crossOriginRedirect', "'follow-unsigned' or 'error'");
  if (options.onSigned !== undefined && typeof options.onSigned !== 'function')
    bad('onSigned', 'a function');
  return {
    maxBodyBytes,
    retry: resolveRetry(options.retry, owner),
    correctClockSkew: options.correctClockSkew ?? true,
    crossOrigin,
    maxRedirects: MAX_REDIRECTS,
    onSigned: options.onSigned,
    clock: options.clock ?? (() => new Date()),
  };
}
