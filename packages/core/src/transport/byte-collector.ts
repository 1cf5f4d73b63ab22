import { SigV4Error } from '../errors.js';
import { bodyTooLarge, describe } from './body-errors.js';

/** Where a body came from (for messages) and how much of it may be buffered. */
export interface CollectContext {
  readonly method: string;
  readonly url: string | URL;
  /** Largest body, in bytes, that may be buffered for signing (`maxBodyBytes`). */
  readonly limit: number;
}

/** Gathers a streamed body's chunks into one exact copy, refusing it past the limit. */
export interface ByteCollector {
  /**
   * Adds a chunk (bytes of any view, an `ArrayBuffer`, or a string as UTF-8), copied now: a
   * source that reuses its buffer afterwards cannot change what is signed and sent.
   * @throws {SigV4Error} `ERR_SIGV4_BODY_TOO_LARGE` past the limit; `ERR_SIGV4_BODY_UNREADABLE`
   *   for a chunk that is not bytes.
   */
  add(chunk: unknown): void;
  /** Bytes added so far. */
  readonly size: number;
  /** The whole body, in one buffer. */
  bytes(): Uint8Array<ArrayBuffer>;
}

const UTF8 = new TextEncoder();

/**
 * The one place where streamed request bodies (web streams and async iterables in core, Node
 * streams in @sigv4/axios) become bytes: every chunk copied, the size checked as it grows.
 */
export function createByteCollector(context: CollectContext): ByteCollector {
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let size = 0;
  return {
    add(chunk) {
      const bytes = copyChunk(chunk, context);
      size += bytes.byteLength;
      if (size > context.limit) throw bodyTooLarge(size, context);
      chunks.push(bytes);
    },
    get size() {
      return size;
    },
    bytes() {
      if (chunks.length === 1 && chunks[0] !== undefined) return chunks[0];
      const out = new Uint8Array(size);
      let offset = 0;
      for (const chunk of chunks) {
        out.set(chunk, offset);
        offset += chunk.byteLength;
      }
      return out;
    },
  };
}

function copyChunk(value: unknown, context: CollectContext): Uint8Array<ArrayBuffer> {
  if (typeof value === 'string') return UTF8.encode(value) as Uint8Array<ArrayBuffer>;
  if (ArrayBuffer.isView(value))
    return new Uint8Array(value.buffer, value.byteOffset, value.byteLength).slice();
  if (value instanceof ArrayBuffer) return new Uint8Array(value.slice(0));
  throw new SigV4Error(
    'ERR_SIGV4_BODY_UNREADABLE',
    `the body stream yielded a ${describe(value)}, not bytes or a string.`,
    { method: context.method, url: context.url },
  );
}
