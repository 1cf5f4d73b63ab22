/**
 * Every error code `@sigv4/*` packages throw. Stable: match on `code`, not on the message.
 * What each means and how to fix it: docs/ERRORS.md.
 */
export type SigV4ErrorCode =
  /** The host is not an AWS host we recognise and no `service`/`region` was given. */
  | 'ERR_SIGV4_SCOPE_UNRESOLVED'
  /** No credentials could be found (option, environment, or default chain). */
  | 'ERR_SIGV4_CREDENTIALS_MISSING'
  /** The credentials resolved are malformed (missing key id or secret). */
  | 'ERR_SIGV4_CREDENTIALS_INVALID'
  /** The credentials have expired, or expire before a presigned URL would. */
  | 'ERR_SIGV4_CREDENTIALS_EXPIRED'
  /** The credential provider threw. `cause` holds what it threw. */
  | 'ERR_SIGV4_CREDENTIALS_PROVIDER_FAILED'
  /** A body is larger than the configured limit for buffering. */
  | 'ERR_SIGV4_BODY_TOO_LARGE'
  /** A body cannot be read (a locked or already-used stream, an unknown type). */
  | 'ERR_SIGV4_BODY_UNREADABLE'
  /** The URL cannot be parsed, is relative with no base, or has a scheme we cannot sign. */
  | 'ERR_SIGV4_INVALID_URL'
  /** A query still carries a raw `+`, which servers read either as a space or a plus. */
  | 'ERR_SIGV4_AMBIGUOUS_QUERY'
  /** A presigned URL's expiry is not a whole number of seconds in 1..604800. */
  | 'ERR_SIGV4_PRESIGN_EXPIRY_INVALID'
  /** An option has a value of the wrong type or out of range. */
  | 'ERR_SIGV4_INVALID_OPTION'
  /** A redirect would carry a signature to another origin. */
  | 'ERR_SIGV4_REDIRECT_BLOCKED'
  /**
   * A redirect cannot be followed: its `Location` is not a valid URL or not `http:`/`https:`,
   * the caller asked for `redirect: 'error'`, or `mode: 'same-origin'` and it leaves the origin.
   * Through `@sigv4/fetch` it is the `cause` of fetch's `TypeError`.
   */
  | 'ERR_SIGV4_REDIRECT_FAILED'
  /** More redirects than the hop limit (20, as fetch; axios's `maxRedirects`). */
  | 'ERR_SIGV4_TOO_MANY_REDIRECTS'
  /** The request, as configured, cannot be sent with a correct signature (e.g. axios `auth`). */
  | 'ERR_SIGV4_UNSIGNABLE_REQUEST';

export interface SigV4ErrorOptions {
  cause?: unknown;
  /** Method of the request being signed, for the message. */
  method?: string;
  /** URL of the request being signed. Only origin and path are shown; the query may hold a signature. */
  url?: string | URL;
}

import { redactText, redactUrl } from './redact.js';

const PREFIX = '[sigv4]';

/**
 * The one error class every `@sigv4/*` package throws. `code` says what went wrong; the
 * message says what to do about it. Messages never contain secret keys, session tokens or
 * signatures.
 */
export class SigV4Error extends Error {
  override readonly name = 'SigV4Error';
  readonly code: SigV4ErrorCode;
  readonly method: string | undefined;
  readonly url: string | undefined;
  /** The message without the prefix and the request it concerns. */
  readonly detail: string;

  constructor(code: SigV4ErrorCode, message: string, options: SigV4ErrorOptions = {}) {
    const where = describeTarget(options.method, options.url);
    // Redacted here, once, for every code: no query, token or signature in message or stack.
    const detail = redactText(message);
    super(
      `${PREFIX} ${where}${detail}`,
      options.cause === undefined ? {} : { cause: redactedCause(options.cause) },
    );
    this.code = code;
    this.detail = detail;
    this.method = options.method;
    this.url = where === '' ? undefined : safeUrl(options.url);
  }
}

/**
 * True for a `SigV4Error`, also one from another copy of the package or another realm
 * (checks `name` and `code`, not only `instanceof`).
 */
export function isSigV4Error(value: unknown, code?: SigV4ErrorCode): value is SigV4Error {
  if (value instanceof SigV4Error) return code === undefined || value.code === code;
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as { name?: unknown; code?: unknown };
  if (candidate.name !== 'SigV4Error' || typeof candidate.code !== 'string') return false;
  return code === undefined || candidate.code === code;
}

function describeTarget(method: string | undefined, url: string | URL | undefined): string {
  const shown = safeUrl(url);
  if (method === undefined && shown === undefined) return '';
  return `${[method?.toUpperCase(), shown].filter(Boolean).join(' ')}: `;
}

/**
 * The cause as it is, unless its message or one of its own string fields (a URL parser's
 * `input`) holds a query, a token or a signature: then a copy of the same class with those
 * redacted, so `util.inspect(error)` and loggers that print causes show no secret.
 */
function redactedCause(cause: unknown): unknown {
  if (!(cause instanceof Error)) return typeof cause === 'string' ? redactText(cause) : cause;
  const fields = Object.keys(cause) as Array<keyof Error & string>;
  const dirty =
    redactText(cause.message) !== cause.message ||
    fields.some((key) => {
      const value: unknown = (cause as unknown as Record<string, unknown>)[key];
      return typeof value === 'string' && redactText(value) !== value;
    });
  if (!dirty) return cause;
  const copy = Object.create(Object.getPrototypeOf(cause) as object) as Record<string, unknown>;
  for (const key of fields) {
    const value: unknown = (cause as unknown as Record<string, unknown>)[key];
    copy[key] = typeof value === 'string' ? redactText(value) : value;
  }
  const hidden = (key: string, value: unknown): void => {
    Object.defineProperty(copy, key, {
      value,
      writable: true,
      configurable: true,
      enumerable: false,
    });
  };
  hidden('message', redactText(cause.message));
  hidden('stack', redactText(cause.stack ?? ''));
  return copy;
}

/** Origin and path only: a query may carry X-Amz-Signature or X-Amz-Security-Token. */
function safeUrl(url: string | URL | undefined): string | undefined {
  return url === undefined ? undefined : redactUrl(url);
}

/**
 * Adds the request's URL (and method, unless it has one) to a `SigV4Error` thrown without a
 * URL, so the message says which request failed. Other errors are returned as they are.
 */
export function withRequestContext(error: unknown, method: string, url: string | URL): unknown {
  if (!(error instanceof SigV4Error) || error.url !== undefined) return error;
  return new SigV4Error(error.code, error.detail, {
    ...(error.cause === undefined ? {} : { cause: error.cause }),
    method: error.method ?? method,
    url,
  });
}
