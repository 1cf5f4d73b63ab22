import type { SigV4ErrorCode } from '@sigv4/core';
import { isSigV4Error } from '@sigv4/core/internal';

/**
 * What fetch itself refuses, refused the same way: a `TypeError`, thrown before anything else
 * (an aborted signal included), as the `Request` constructor and fetch do. Our own code, when
 * there is one, is the `cause`.
 */

/** Methods fetch refuses to send (the fetch standard's forbidden methods). */
const FORBIDDEN_METHODS: ReadonlySet<string> = new Set(['CONNECT', 'TRACE', 'TRACK']);
/** An HTTP token (RFC 9110), the only form a method may take. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** Throws fetch's `TypeError` for a method fetch would not send. */
export function checkMethod(method: string): void {
  if (!TOKEN.test(method)) throw new TypeError(`'${method}' is not a valid HTTP method.`);
  if (FORBIDDEN_METHODS.has(method.toUpperCase()))
    throw new TypeError(`'${method}' HTTP method is unsupported.`);
}

/** Throws fetch's `TypeError` for `mode: 'navigate'`, which only a browser may set. */
export function checkMode(mode: unknown): void {
  if (mode === 'navigate')
    throw new TypeError(
      "Cannot construct a Request with a RequestInit whose mode member is set as 'navigate'.",
    );
}

let duplexRequired: boolean | undefined;

/**
 * Throws the runtime's own `TypeError` when it requires `duplex: 'half'` for a stream body
 * (Node and Chromium do; some runtimes do not) and the caller gave none. Asked of the runtime
 * once, with an empty stream.
 */
export function checkDuplex(body: unknown, duplex: unknown): void {
  if (duplex !== undefined || !(body instanceof ReadableStream)) return;
  if (duplexRequired === false) return;
  try {
    new Request('http://localhost/', { method: 'POST', body: new ReadableStream() });
    duplexRequired = false;
  } catch (error) {
    duplexRequired = true;
    throw error;
  }
}

/** Our codes for input fetch itself refuses with a `TypeError`. */
const FETCH_TYPE_ERRORS: ReadonlySet<SigV4ErrorCode> = new Set<SigV4ErrorCode>([
  'ERR_SIGV4_INVALID_URL',
  'ERR_SIGV4_BODY_UNREADABLE',
  'ERR_SIGV4_REDIRECT_FAILED',
  'ERR_SIGV4_TOO_MANY_REDIRECTS',
]);

/**
 * The error fetch would give: a `SigV4Error` for something fetch itself refuses (a bad URL, an
 * unreadable body, a redirect it would not follow) becomes a `TypeError` with the same message
 * and the `SigV4Error` as its `cause`; anything else is returned as it is.
 */
export function asFetchError(error: unknown): unknown {
  if (!isSigV4Error(error) || !FETCH_TYPE_ERRORS.has(error.code)) return error;
  return new TypeError(error.message, { cause: error });
}
