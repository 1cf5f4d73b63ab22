import { SigV4Error } from '../errors.js';
import { raceSignal } from './abort.js';
import { checkSize } from './body-errors.js';
import { createByteCollector } from './byte-collector.js';
import type { ReadBody, ReadBodyContext } from './read-body.js';

/**
 * The bodies `readBody` reads asynchronously (`Blob`/`File`, `FormData`, `ReadableStream`,
 * async iterables): loaded on first use (through `rare-paths.ts`), so that a page sending only
 * strings and bytes never loads it.
 */

/** `readBody` of a `Blob`, `FormData`, `ReadableStream` or async iterable (`isAsyncBody`). */
export function readAsyncBody(body: unknown, context: ReadBodyContext): Promise<ReadBody> {
  if (context.signal?.aborted) {
    // Aborted while this module loaded: a stream is cancelled with the reason, as fetch cancels
    // the body of a request it aborts (and as `readStream` does when the abort comes later).
    if (typeof ReadableStream !== 'undefined' && body instanceof ReadableStream && !body.locked)
      body.cancel(context.signal.reason).catch(() => undefined);
    context.signal.throwIfAborted();
  }
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
  return readIterable(body as AsyncIterable<unknown>, context);
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
