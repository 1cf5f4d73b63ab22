import { SigV4Error } from '../errors.js';
import { raceSignal } from './abort.js';
import { bodyTooLarge, createByteCollector } from './byte-collector.js';

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
  context.signal?.throwIfAborted();
  if (typeof Blob !== 'undefined' && body instanceof Blob) {
    checkSize(body.size, context);
    return raceSignal(body.arrayBuffer(), context.signal).then((buffer) => ({
      bytes: new Uint8Array(buffer),
      contentType: body.type || undefined,
    }));
  }
  if (typeof FormData !== 'undefined' && body instanceof FormData)
    return readFormData(body, context);
  if (typeof ReadableStream !== 'undefined' && body instanceof ReadableStream) {
    return readStream(body as ReadableStream<unknown>, context);
  }
  if (isAsyncIterable(body)) return readIterable(body, context);
  throw new SigV4Error(
    'ERR_SIGV4_BODY_UNREADABLE',
    `cannot sign a body of type ${describe(body)}. Pass a string, ArrayBuffer, typed array, DataView, Blob, FormData, URLSearchParams or ReadableStream.`,
    { method: context.method, url: context.url },
  );
}

/** A copy of the bytes a view covers (a `Buffer`'s `slice` would be a view, not a copy). */
export function copyView(view: ArrayBufferView): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(view.byteLength);
  out.set(new Uint8Array(view.buffer, view.byteOffset, view.byteLength));
  return out;
}

/**
 * Reads a stream into bytes: cancels it past the limit, or when the signal aborts (a stalled
 * stream does not hold the call).
 */
export async function readStream(
  stream: ReadableStream<unknown>,
  context: ReadBodyContext,
): Promise<ReadBody> {
  if (stream.locked) {
    throw new SigV4Error(
      'ERR_SIGV4_BODY_UNREADABLE',
      'the body stream is locked (already being read, or already read). Pass a fresh stream, or the bytes.',
      { method: context.method, url: context.url },
    );
  }
  const { signal } = context;
  signal?.throwIfAborted();
  const reader = stream.getReader();
  const cancel = (reason?: unknown): void => {
    reader.cancel(reason).catch(() => undefined);
  };
  const collected = createByteCollector(context);
  try {
    for (;;) {
      const { done, value } = await raceSignal(reader.read(), signal, cancel);
      if (done) break;
      collected.add(value);
    }
  } catch (error) {
    if (signal?.aborted !== true) cancel();
    throw error;
  }
  reader.releaseLock();
  return { bytes: collected.bytes(), contentType: undefined };
}

async function readIterable(
  body: AsyncIterable<unknown>,
  context: ReadBodyContext,
): Promise<ReadBody> {
  const { signal } = context;
  const iterator = body[Symbol.asyncIterator]();
  const stop = (): void => {
    Promise.resolve(iterator.return?.()).catch(() => undefined);
  };
  const collected = createByteCollector(context);
  for (;;) {
    const { done, value } = await raceSignal(iterator.next(), signal, stop);
    if (done) break;
    try {
      collected.add(value);
    } catch (error) {
      stop();
      throw error;
    }
  }
  return { bytes: collected.bytes(), contentType: undefined };
}

/** FormData serialised once, by the runtime, boundary and all: these bytes are hashed and sent. */
async function readFormData(body: FormData, context: ReadBodyContext): Promise<ReadBody> {
  const response = new Response(body);
  const contentType = response.headers.get('content-type') ?? undefined;
  const { bytes } = await readStream(response.body as ReadableStream<Uint8Array>, context);
  return { bytes, contentType };
}

function sized(bytes: Uint8Array<ArrayBuffer>, context: ReadBodyContext): ReadBody {
  checkSize(bytes.byteLength, context);
  return { bytes, contentType: undefined };
}

function checkSize(size: number, context: ReadBodyContext): void {
  if (size > context.limit) throw bodyTooLarge(size, context);
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === 'function'
  );
}

function describe(value: unknown): string {
  if (value === null || typeof value !== 'object') return typeof value;
  return (value as object).constructor?.name ?? 'object';
}
