import { SigV4Error } from '@sigv4/core';

/** The exact bytes a request body becomes on the wire, and the content-type that goes with them. */
export interface WireBody {
  /** `null` when nothing is sent. */
  readonly bytes: Uint8Array | null;
  /**
   * The content-type the body type implies. `replace`: it must win over the configured one
   * (a multipart boundary); otherwise it is only used when none is configured.
   */
  readonly contentType?: { readonly value: string; readonly replace: boolean } | undefined;
}

/** Where a body came from, for error messages, and how much of it may be buffered. */
export interface BodyContext {
  readonly method: string;
  readonly url: string;
  readonly limit: number;
}

const UTF8 = new TextEncoder();
const FORM_URLENCODED = 'application/x-www-form-urlencoded;charset=utf-8';

/** An old-style or `stream.Readable` Node stream, seen only through its methods. */
interface NodeStreamLike {
  pipe(...args: unknown[]): unknown;
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  resume?: () => unknown;
  destroy?: (error?: Error) => unknown;
}

/** The `form-data` package's FormData (a Node stream with its boundary). */
interface FormDataPackageLike extends NodeStreamLike {
  getHeaders(): Record<string, string>;
  getBoundary(): string;
}

/**
 * Turns the body axios is about to send (after `transformRequest`) into the bytes that go on
 * the wire. Array buffers and views are copied, so the bytes sent are the bytes signed even if
 * the caller reuses a buffer. FormData is serialised once, with its boundary; Blobs, streams
 * (Node and web) and the `form-data` package are read up to `context.limit` bytes.
 *
 * @throws {SigV4Error} `ERR_SIGV4_BODY_TOO_LARGE` past the limit, `ERR_SIGV4_BODY_UNREADABLE`
 *   for a body type axios cannot send or a stream that fails.
 */
export async function readWireBody(data: unknown, context: BodyContext): Promise<WireBody> {
  if (data === null || data === undefined || data === '') return { bytes: null };
  if (typeof data === 'string') return { bytes: sized(UTF8.encode(data), context) };
  if (data instanceof ArrayBuffer) return { bytes: sized(new Uint8Array(data.slice(0)), context) };
  if (ArrayBuffer.isView(data)) {
    const view = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    return { bytes: sized(view.slice(), context) };
  }
  if (typeof URLSearchParams !== 'undefined' && data instanceof URLSearchParams) {
    return {
      bytes: sized(UTF8.encode(data.toString()), context),
      contentType: { value: FORM_URLENCODED, replace: false },
    };
  }
  if (typeof Blob !== 'undefined' && data instanceof Blob) {
    checkSize(data.size, context);
    const bytes = new Uint8Array(await data.arrayBuffer());
    // The Node adapter sends a Blob with its own type whatever the headers say; so do we.
    return data.type === ''
      ? { bytes }
      : { bytes, contentType: { value: data.type, replace: true } };
  }
  if (typeof FormData !== 'undefined' && data instanceof FormData) {
    return readFormData(data, context);
  }
  if (isFormDataPackage(data)) {
    const contentType = data.getHeaders()['content-type'] ?? '';
    const bytes = await readNodeStream(data, context);
    return { bytes, contentType: { value: contentType, replace: true } };
  }
  if (typeof ReadableStream !== 'undefined' && data instanceof ReadableStream) {
    return { bytes: await readWebStream(data as ReadableStream<unknown>, context) };
  }
  if (isNodeStream(data)) return { bytes: await readNodeStream(data, context) };
  throw new SigV4Error(
    'ERR_SIGV4_BODY_UNREADABLE',
    `cannot sign a request body of type ${describe(data)} (after transformRequest). Make transformRequest return a string, ArrayBuffer, typed array, Buffer, Blob, FormData, URLSearchParams or stream.`,
    { method: context.method, url: context.url },
  );
}

async function readFormData(form: FormData, context: BodyContext): Promise<WireBody> {
  // `Response` serialises a FormData exactly as fetch and browsers send it, boundary included.
  const response = new Response(form);
  const contentType = response.headers.get('content-type') ?? '';
  const bytes = await readWebStream(response.body as ReadableStream<unknown>, context);
  return { bytes, contentType: { value: contentType, replace: true } };
}

function toChunk(chunk: unknown, context: BodyContext): Uint8Array {
  if (typeof chunk === 'string') return UTF8.encode(chunk);
  if (chunk instanceof Uint8Array) return chunk;
  if (chunk instanceof ArrayBuffer) return new Uint8Array(chunk);
  if (ArrayBuffer.isView(chunk))
    return new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  throw new SigV4Error(
    'ERR_SIGV4_BODY_UNREADABLE',
    `the request body stream produced a chunk of type ${describe(chunk)}; a body stream must produce bytes or strings.`,
    { method: context.method, url: context.url },
  );
}

/** Collects chunks, failing as soon as they pass the limit. */
function collector(context: BodyContext) {
  const chunks: Uint8Array[] = [];
  let total = 0;
  return {
    add(chunk: unknown): void {
      const bytes = toChunk(chunk, context);
      total += bytes.byteLength;
      checkSize(total, context);
      chunks.push(bytes.slice());
    },
    bytes(): Uint8Array {
      const out = new Uint8Array(total);
      let offset = 0;
      for (const chunk of chunks) {
        out.set(chunk, offset);
        offset += chunk.byteLength;
      }
      return out;
    },
  };
}

async function readWebStream(
  stream: ReadableStream<unknown>,
  context: BodyContext,
): Promise<Uint8Array> {
  if (stream.locked) throw unreadable(context, 'the body stream is locked (already being read)');
  const reader = stream.getReader();
  const out = collector(context);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      out.add(value);
    }
  } catch (error) {
    await reader.cancel().catch(() => undefined);
    throw wrapStreamError(error, context);
  } finally {
    reader.releaseLock();
  }
  return out.bytes();
}

function readNodeStream(stream: NodeStreamLike, context: BodyContext): Promise<Uint8Array> {
  const out = collector(context);
  return new Promise<Uint8Array>((resolve, reject) => {
    let settled = false;
    const fail = (error: unknown): void => {
      if (settled) return;
      settled = true;
      const wrapped = wrapStreamError(error, context);
      stream.destroy?.(wrapped);
      reject(wrapped);
    };
    stream.on('data', (chunk: unknown) => {
      if (settled) return;
      try {
        out.add(chunk);
      } catch (error) {
        fail(error);
      }
    });
    stream.on('error', fail);
    stream.on('end', () => {
      if (settled) return;
      settled = true;
      resolve(out.bytes());
    });
    stream.resume?.();
  });
}

function wrapStreamError(error: unknown, context: BodyContext): SigV4Error {
  if (error instanceof SigV4Error) return error;
  return unreadable(context, 'reading the body stream failed', error);
}

function unreadable(context: BodyContext, what: string, cause?: unknown): SigV4Error {
  return new SigV4Error(
    'ERR_SIGV4_BODY_UNREADABLE',
    `${what}; pass a fresh stream (a stream can be read only once), or the bytes themselves.`,
    { method: context.method, url: context.url, ...(cause === undefined ? {} : { cause }) },
  );
}

function sized(bytes: Uint8Array, context: BodyContext): Uint8Array {
  checkSize(bytes.byteLength, context);
  return bytes;
}

function checkSize(size: number, context: BodyContext): void {
  if (size > context.limit) {
    throw new SigV4Error(
      'ERR_SIGV4_BODY_TOO_LARGE',
      `the request body is larger than maxBodyBytes (${context.limit} bytes), and the whole body must be read to sign it. Raise maxBodyBytes, or send a smaller body.`,
      { method: context.method, url: context.url },
    );
  }
}

function isNodeStream(value: unknown): value is NodeStreamLike {
  const candidate = value as Partial<NodeStreamLike> | null;
  return (
    typeof value === 'object' &&
    candidate !== null &&
    typeof candidate.pipe === 'function' &&
    typeof candidate.on === 'function'
  );
}

function isFormDataPackage(value: unknown): value is FormDataPackageLike {
  const candidate = value as Partial<FormDataPackageLike> | null;
  return (
    isNodeStream(value) &&
    typeof candidate?.getHeaders === 'function' &&
    typeof candidate.getBoundary === 'function'
  );
}

function describe(value: unknown): string {
  if (typeof value !== 'object' || value === null) return typeof value;
  const name = (value as { constructor?: { name?: unknown } }).constructor?.name;
  return typeof name === 'string' && name !== '' ? name : 'object';
}
