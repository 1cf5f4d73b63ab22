import { SigV4Error } from '@sigv4/core';

/** A body reduced to what is hashed and sent: a string (sent as UTF-8) or bytes, or nothing. */
export type BodyBytes = string | Uint8Array<ArrayBuffer> | null;

/** The exact bytes of a body and the `content-type` fetch would add for it, if any. */
export interface ReadBody {
  readonly bytes: BodyBytes;
  /** The `content-type` fetch sets on its own for this body type (FormData: with its boundary). */
  readonly contentType: string | undefined;
}

/** Where a body came from, for error messages. */
export interface BodyContext {
  readonly method: string;
  readonly url: string;
  /** Largest body, in bytes, that may be buffered for signing. */
  readonly limit: number;
}

const UTF8 = new TextEncoder();
const TEXT = 'text/plain;charset=UTF-8';
const FORM = 'application/x-www-form-urlencoded;charset=UTF-8';

/**
 * Turns any body `fetch` accepts into the bytes that go on the wire and the content-type
 * fetch would add. Array buffers and views are copied at once, so a caller who reuses the
 * buffer while the request is being signed cannot make the bytes sent differ from the bytes
 * signed. Streams are buffered up to `context.limit`.
 *
 * @throws {SigV4Error} `ERR_SIGV4_BODY_TOO_LARGE` past the limit; `ERR_SIGV4_BODY_UNREADABLE`
 *   for a locked or used stream or a body type fetch does not take.
 */
export function readBody(body: unknown, context: BodyContext): ReadBody | Promise<ReadBody> {
  if (body === null || body === undefined) return { bytes: null, contentType: undefined };
  if (typeof body === 'string') {
    checkSize(body.length * 3 > context.limit ? UTF8.encode(body).length : 0, context);
    return { bytes: body, contentType: TEXT };
  }
  if (body instanceof Uint8Array) return sized(body.slice(), context);
  if (ArrayBuffer.isView(body)) {
    const view = new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
    return sized(view.slice(), context);
  }
  if (body instanceof ArrayBuffer) return sized(new Uint8Array(body.slice(0)), context);
  if (typeof URLSearchParams !== 'undefined' && body instanceof URLSearchParams) {
    const text = body.toString();
    checkSize(text.length, context);
    return { bytes: text, contentType: FORM };
  }
  if (typeof Blob !== 'undefined' && body instanceof Blob) {
    checkSize(body.size, context);
    return body
      .arrayBuffer()
      .then((buffer) => ({ bytes: new Uint8Array(buffer), contentType: body.type || undefined }));
  }
  if (typeof FormData !== 'undefined' && body instanceof FormData)
    return readFormData(body, context);
  if (typeof ReadableStream !== 'undefined' && body instanceof ReadableStream) {
    return readStream(body as ReadableStream<Uint8Array>, context);
  }
  if (isAsyncIterable(body)) return readIterable(body, context);
  throw new SigV4Error(
    'ERR_SIGV4_BODY_UNREADABLE',
    `cannot sign a body of type ${describe(body)}. Pass a string, ArrayBuffer, typed array, DataView, Blob, FormData, URLSearchParams or ReadableStream.`,
    { method: context.method, url: context.url },
  );
}

/** Reads a stream into bytes, cancelling it once it passes the limit. */
export async function readStream(
  stream: ReadableStream<Uint8Array>,
  context: BodyContext,
): Promise<ReadBody> {
  if (stream.locked) {
    throw new SigV4Error(
      'ERR_SIGV4_BODY_UNREADABLE',
      'the body stream is locked (already being read, or already read). Pass a fresh stream, or the bytes.',
      { method: context.method, url: context.url },
    );
  }
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    const chunk = toChunk(value, context);
    total += chunk.byteLength;
    if (total > context.limit) {
      await reader.cancel().catch(() => undefined);
      tooLarge(total, context);
    }
    chunks.push(chunk);
  }
  reader.releaseLock();
  return { bytes: concat(chunks, total), contentType: undefined };
}

async function readIterable(body: AsyncIterable<unknown>, context: BodyContext): Promise<ReadBody> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const value of body) {
    const chunk = toChunk(value, context);
    total += chunk.byteLength;
    if (total > context.limit) tooLarge(total, context);
    chunks.push(chunk);
  }
  return { bytes: concat(chunks, total), contentType: undefined };
}

/** FormData serialised once, by the runtime, boundary and all: these bytes are hashed and sent. */
async function readFormData(body: FormData, context: BodyContext): Promise<ReadBody> {
  const response = new Response(body);
  const contentType = response.headers.get('content-type') ?? undefined;
  const bytes = new Uint8Array(await response.arrayBuffer());
  checkSize(bytes.byteLength, context);
  return { bytes, contentType };
}

function toChunk(value: unknown, context: BodyContext): Uint8Array {
  if (value instanceof Uint8Array) return value;
  if (typeof value === 'string') return UTF8.encode(value);
  if (ArrayBuffer.isView(value))
    return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  throw new SigV4Error(
    'ERR_SIGV4_BODY_UNREADABLE',
    `the body stream yielded a ${describe(value)}; a body stream must yield Uint8Array chunks.`,
    { method: context.method, url: context.url },
  );
}

function sized(bytes: Uint8Array<ArrayBuffer>, context: BodyContext): ReadBody {
  checkSize(bytes.byteLength, context);
  return { bytes, contentType: undefined };
}

function checkSize(size: number, context: BodyContext): void {
  if (size > context.limit) tooLarge(size, context);
}

function tooLarge(size: number, context: BodyContext): never {
  throw new SigV4Error(
    'ERR_SIGV4_BODY_TOO_LARGE',
    `the body is larger than maxBodyBytes (${context.limit} bytes; read ${size} so far). It has to be buffered to be hashed: raise maxBodyBytes, or send a smaller body.`,
    { method: context.method, url: context.url },
  );
}

function concat(chunks: Uint8Array[], total: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
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
