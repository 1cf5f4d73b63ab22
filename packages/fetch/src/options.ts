import type { CredentialsInput } from '@sigv4/core';
import { SigV4Error } from '@sigv4/core';

/** When and how often a failed request is sent again. Every attempt is signed afresh. */
export interface RetryOptions {
  /**
   * Attempts after the first.
   * @default 2 when `retry` is an object, 0 when `retry` is absent
   * @example { retry: { limit: 3 } }
   */
  limit?: number | undefined;
  /**
   * Methods that may be retried. Non-idempotent methods (POST, PATCH) are retried only when listed here.
   * @default ['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']
   * @example { retry: { methods: ['GET', 'POST'] } }
   */
  methods?: readonly string[] | undefined;
  /**
   * Response statuses that are retried (network errors are retried too; aborts never).
   * @default [408, 429, 500, 502, 503, 504]
   * @example { retry: { statusCodes: [503] } }
   */
  statusCodes?: readonly number[] | undefined;
  /**
   * Milliseconds to wait before retry number `attempt` (1-based). A `Retry-After` in seconds
   * is honoured up to 30 s.
   * @default (attempt) => Math.min(300 * 2 ** (attempt - 1), 5000)
   * @example { retry: { delay: () => 0 } }
   */
  delay?: ((attempt: number) => number) | undefined;
}

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
  /** 0 for the first attempt, then 1, 2, ... for clock-skew corrections, retries and redirects. */
  readonly attempt: number;
}

/** Options of `createSignedFetch`. None is required. */
export interface SignedFetchOptions {
  /**
   * Credentials: a value, or a (possibly async) provider such as the AWS SDK's `fromIni()`.
   * Resolved on the first request and cached until 5 minutes before they expire, with one
   * provider call in flight at a time.
   * @default the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, as
   *   Lambda sets them), then in Node the AWS SDK default chain, loaded only when needed
   * @example { credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' } }
   */
  credentials?: CredentialsInput | undefined;
  /**
   * Signing service name. Inferred from the host (`execute-api`, `lambda`, ...) when absent.
   * @default inferred from the host
   * @example { service: 'execute-api' } // for a custom domain in front of API Gateway
   */
  service?: string | undefined;
  /**
   * Region. Inferred from the host when absent, then from AWS_REGION / AWS_DEFAULT_REGION for
   * hosts that name none. Never silently us-east-1.
   * @default inferred from the host
   * @example { region: 'eu-west-1' }
   */
  region?: string | undefined;
  /**
   * The fetch that sends the signed request.
   * @default the global `fetch`, looked up at each call (so msw and other wrappers see it)
   * @example { fetch: undiciFetch }
   */
  fetch?: typeof globalThis.fetch | undefined;
  /**
   * `'sign'`: SigV4 in headers. `'content-sha256'`: only add `x-amz-content-sha256` (hex
   * SHA-256 of the body) and sign nothing, for a Lambda function URL behind CloudFront origin
   * access control, where CloudFront signs and Lambda refuses POST/PUT without the hash. No
   * credentials are resolved in that mode.
   * @default 'sign'
   * @example { mode: 'content-sha256' }
   */
  mode?: 'sign' | 'content-sha256' | undefined;
  /**
   * Largest body, in bytes, that is buffered to be hashed. Bigger bodies fail with
   * `ERR_SIGV4_BODY_TOO_LARGE` before anything is sent.
   * @default 10485760 (10 MiB, API Gateway's payload limit)
   * @example { maxBodyBytes: 6 * 1024 * 1024 } // Lambda's synchronous payload limit
   */
  maxBodyBytes?: number | undefined;
  /**
   * Retries: a number of attempts after the first, or finer options. Each attempt is signed
   * again. Only idempotent methods unless `methods` says otherwise.
   * @default 0 (no retries)
   * @example { retry: 2 }
   */
  retry?: number | RetryOptions | undefined;
  /**
   * When AWS answers 403 "Signature expired" or "Signature not yet current", correct the clock
   * from the response (its `Date` header, else the time in the message), sign again and retry
   * once. The offset is kept for later requests.
   * @default true
   * @example { correctClockSkew: false }
   */
  correctClockSkew?: boolean | undefined;
  /**
   * What to do when a signed request is redirected to another origin (scheme, host or port).
   * `'follow-unsigned'`: follow it as fetch follows a request with an `Authorization` header,
   * minus every SigV4 header (`authorization`, `x-amz-date`, `x-amz-security-token`,
   * `x-amz-content-sha256`). `'error'`: reject with `ERR_SIGV4_REDIRECT_BLOCKED`. The
   * signature never reaches the other origin either way.
   * @default 'follow-unsigned'
   * @example { crossOriginRedirect: 'error' }
   */
  crossOriginRedirect?: 'follow-unsigned' | 'error' | undefined;
  /**
   * The clock used for `x-amz-date`. Tests pass a fixed date.
   * @default () => new Date()
   * @example { clock: () => new Date('2024-01-01T00:00:00Z') }
   */
  clock?: (() => Date) | undefined;
  /**
   * Called after each signing, with the canonical request and string to sign (never secrets).
   * @default undefined
   * @example { onSigned: (info) => console.debug(info.canonicalRequest) }
   */
  onSigned?: ((info: SignedRequestInfo) => void) | undefined;
}

/** Retry options with their defaults applied. */
export interface ResolvedRetry {
  readonly limit: number;
  readonly methods: readonly string[];
  readonly statusCodes: readonly number[];
  readonly delay: (attempt: number) => number;
}

/** Options with defaults applied, as the implementation uses them. */
export interface ResolvedOptions {
  readonly mode: 'sign' | 'content-sha256';
  readonly maxBodyBytes: number;
  readonly retry: ResolvedRetry;
  readonly correctClockSkew: boolean;
  readonly crossOriginRedirect: 'follow-unsigned' | 'error';
}

const DEFAULT_RETRY: ResolvedRetry = {
  limit: 0,
  methods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE'],
  statusCodes: [408, 429, 500, 502, 503, 504],
  delay: (attempt) => Math.min(300 * 2 ** (attempt - 1), 5000),
};

/** Applies the defaults and checks every option this package adds; the error names the option. */
export function resolveOptions(options: SignedFetchOptions): ResolvedOptions {
  const bad = (name: string, expected: string): never => {
    throw new SigV4Error('ERR_SIGV4_INVALID_OPTION', `option \`${name}\` must be ${expected}.`);
  };
  if (options.fetch !== undefined && typeof options.fetch !== 'function')
    bad('fetch', 'a fetch function');
  const mode = options.mode ?? 'sign';
  if (mode !== 'sign' && mode !== 'content-sha256') bad('mode', "'sign' or 'content-sha256'");
  const maxBodyBytes = options.maxBodyBytes ?? 10 * 1024 * 1024;
  if (!Number.isSafeInteger(maxBodyBytes) || maxBodyBytes < 0)
    bad('maxBodyBytes', 'a whole number of bytes, 0 or more');
  const cross = options.crossOriginRedirect ?? 'follow-unsigned';
  if (cross !== 'follow-unsigned' && cross !== 'error')
    bad('crossOriginRedirect', "'follow-unsigned' or 'error'");
  const given = options.retry;
  const retry: ResolvedRetry =
    typeof given === 'number'
      ? { ...DEFAULT_RETRY, limit: given }
      : given === undefined
        ? DEFAULT_RETRY
        : {
            limit: given.limit ?? 2,
            methods: (given.methods ?? DEFAULT_RETRY.methods).map((m) => m.toUpperCase()),
            statusCodes: given.statusCodes ?? DEFAULT_RETRY.statusCodes,
            delay: given.delay ?? DEFAULT_RETRY.delay,
          };
  if (!Number.isSafeInteger(retry.limit) || retry.limit < 0 || retry.limit > 10)
    bad('retry', 'a whole number from 0 to 10, or { limit, methods, statusCodes, delay }');
  if (options.onSigned !== undefined && typeof options.onSigned !== 'function')
    bad('onSigned', 'a function');
  return {
    mode,
    maxBodyBytes,
    retry,
    correctClockSkew: options.correctClockSkew ?? true,
    crossOriginRedirect: cross,
  };
}
