import { SigV4Error } from '../errors.js';

/**
 * The body errors both the code every request runs (bodies that are already bytes) and the
 * code loaded on first use (streams, Blobs, FormData) throw: in a module of their own, so that a
 * page's bundler shares only these between its entry and the lazy chunk, not the readers.
 */

/** Where a body came from (for messages) and how much of it may be buffered. */
export interface BodyContext {
  readonly method: string;
  readonly url: string | URL;
  /** Largest body, in bytes, that may be buffered for signing (`maxBodyBytes`). */
  readonly limit: number;
}

/** `ERR_SIGV4_BODY_TOO_LARGE` for a body of (at least) `size` bytes. */
export function bodyTooLarge(size: number, context: BodyContext): SigV4Error {
  return new SigV4Error(
    'ERR_SIGV4_BODY_TOO_LARGE',
    `the body is over maxBodyBytes (${context.limit} bytes; read ${size}): raise it, or send less.`,
    { method: context.method, url: context.url },
  );
}

/** `ERR_SIGV4_BODY_TOO_LARGE` when `size` is past the limit. */
export function checkSize(size: number, context: BodyContext): void {
  if (size > context.limit) throw bodyTooLarge(size, context);
}

/** What a value is, for a message: its constructor's name, or its `typeof`. */
export function describe(value: unknown): string {
  if (value === null || typeof value !== 'object') return typeof value;
  const name = (value as { constructor?: { name?: unknown } }).constructor?.name;
  return typeof name === 'string' && name !== '' ? name : 'object';
}
