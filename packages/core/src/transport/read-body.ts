import { SigV4Error } from '../errors.js';
import { checkSize, describe } from './body-errors.js';

/** A body reduced to what is hashed and sent: a string (sent as UTF-8), bytes, or nothing. */
export type BodyBytes = string | Uint8Array<ArrayBuffer> | null;

/** The exact bytes of a body and the `content-type` fetch would add for it, if any. */
export interface ReadBody {
  readonly bytes: BodyBytes;
  /** The `content-type` fetch sets on its own for this body type (FormData: with its boundary). */
  readonly contentType: string | undefined;
}

/** Where a body came from (for messages), how much may be buffered, and the caller's signal. */
export interface ReadBodyContext {
  readonly method: string;
  readonly url: string | URL;
  /** Largest body, in bytes, that may be buffered for signing (`maxBodyBytes`). */
  readonly limit: number;
  /** Stops reading (and cancels a stream) when it aborts; the read rejects with its reason. */
  readonly signal?: AbortSignal | undefined;
}

const UTF8 = new TextEncoder();
const TEXT = 'text/plain;charset=UTF-8';
const FORM = 'application/x-www-form-urlencoded;charset=UTF-8';

/**
 * Turns any web body (string, any `ArrayBufferView` including a Node `Buffer`, `ArrayBuffer`,
 * `Blob`/`File`, `FormData`, `URLSearchParams`, `ReadableStream`, async iterable) into the
 * exact bytes that are hashed and sent, and the content-type fetch would add. Bytes are
 * *copied at call time*: reusing the caller's buffer right after the call cannot change what
 * is sent. Streams are buffered up to `limit` and stop when `signal` aborts. Returns the result
 * itself for bodies that are already bytes (no extra microtask), a promise otherwise: `await` it.
 *
 * @throws {SigV4Error} `ERR_SIGV4_BODY_TOO_LARGE` past the limit; `ERR_SIGV4_BODY_UNREADABLE`
 *   for a locked or used stream or a body type fetch does not take. The signal's reason on abort.
 */
export function readBody(body: unknown, context: ReadBodyContext): ReadBody | Promise<ReadBody> {
  if (body === null || body === undefined) return { bytes: null, contentType: undefined };
  if (typeof body === 'string') {
    checkSize(body.length * 3 > context.limit ? UTF8.encode(body).length : 0, context);
    return { bytes: body, contentType: TEXT };
  }
  if (ArrayBuffer.isView(body)) return sized(copyView(body), context);
  if (body instanceof ArrayBuffer) return sized(new Uint8Array(body.slice(0)), context);
  if (typeof URLSearchParams !== 'undefined' && body instanceof URLSearchParams) {
    const text = body.toString();
    checkSize(text.length, context);
    return { bytes: text, contentType: FORM };
  }
  if (!isAsyncBody(body)) {
    throw new SigV4Error(
      'ERR_SIGV4_BODY_UNREADABLE',
      `cannot sign a body of type ${describe(body)}. Pass a string, bytes, Blob, FormData, URLSearchParams or a stream.`,
      { method: context.method, url: context.url },
    );
  }
  // Blobs, FormData, streams and async iterables: read by a module loaded on first use (a page
  // that only sends strings and bytes never loads it).
  return import('../rare-paths.js').then((lazy) => lazy.readAsyncBody(body, context));
}

/** A body `readAsyncBody` reads: `Blob`/`File`, `FormData`, `ReadableStream`, async iterable. */
function isAsyncBody(body: unknown): boolean {
  return (
    (typeof Blob !== 'undefined' && body instanceof Blob) ||
    (typeof FormData !== 'undefined' && body instanceof FormData) ||
    (typeof ReadableStream !== 'undefined' && body instanceof ReadableStream) ||
    (typeof body === 'object' &&
      body !== null &&
      typeof (body as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === 'function')
  );
}

/** A copy of the bytes a view covers (a `Buffer`'s `slice` would be a view, not a copy). */
export function copyView(view: ArrayBufferView): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(view.byteLength);
  out.set(new Uint8Array(view.buffer, view.byteOffset, view.byteLength));
  return out;
}

function sized(bytes: Uint8Array<ArrayBuffer>, context: ReadBodyContext): ReadBody {
  checkSize(bytes.byteLength, context);
  return { bytes, contentType: undefined };
}
