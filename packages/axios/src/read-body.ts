import { SigV4Error } from '@sigv4/core';
import { type BodyBytes, createByteCollector, readBody } from '@sigv4/core/internal';
import { CanceledError } from 'axios';

/** The exact bytes a request body becomes on the wire, and the content-type that goes with them. */
export interface WireBody {
  /** `null` when nothing is sent; a string is sent as UTF-8. */
  readonly bytes: BodyBytes;
  /**
   * The content-type the body type implies. `replace`: it must win over the configured one
   * (a multipart boundary); otherwise it is only used when none is configured.
   */
  readonly contentType?: { readonly value: string; readonly replace: boolean } | undefined;
}

/** Where a body came from, for error messages, how much of it may be buffered, and the signal. */
export interface BodyContext {
  readonly method: string;
  readonly url: string;
  readonly limit: number;
  /** Stops reading when it aborts (the read rejects with its reason, the stream is destroyed). */
  readonly signal?: AbortSignal | undefined;
}

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
 * the wire: at once for a body already in memory, as a promise for one that is read. Node streams and the `form-data` package are read here (axios's own world); every
 * web body type (strings, bytes, Blob, FormData with its boundary, URLSearchParams, web streams)
 * goes through core's body reader. Streams stop at `limit` and on the signal.
 *
 * @throws {SigV4Error} `ERR_SIGV4_BODY_TOO_LARGE` past the limit, `ERR_SIGV4_BODY_UNREADABLE`
 *   for a body type axios cannot send. A Node stream that fails rejects with its own error (the
 *   adapter hands it on as axios does), one destroyed before its end with axios's
 *   `CanceledError('Request stream has been aborted')`.
 */
export function readWireBody(data: unknown, context: BodyContext): WireBody | Promise<WireBody> {
  try {
    return wireBody(data, context);
  } catch (error) {
    return Promise.reject(error);
  }
}

/** `readWireBody`, which may throw: at once for what is already in memory, later for a stream. */
function wireBody(data: unknown, context: BodyContext): WireBody | Promise<WireBody> {
  if (data === null || data === undefined || data === '') return { bytes: null };
  if (isFormDataPackage(data)) {
    const contentType = data.getHeaders()['content-type'] ?? '';
    return readNodeStream(data, context).then((bytes) => ({
      bytes,
      contentType: { value: contentType, replace: true },
    }));
  }
  if (isNodeStream(data)) return readNodeStream(data, context).then((bytes) => ({ bytes }));
  if (typeof data === 'object' && !isWebBody(data)) {
    throw new SigV4Error(
      'ERR_SIGV4_BODY_UNREADABLE',
      `cannot sign a request body of type ${describe(data)} (after transformRequest). Make transformRequest return a string, ArrayBuffer, typed array, Buffer, Blob, FormData, URLSearchParams or stream.`,
      { method: context.method, url: context.url },
    );
  }
  // Bytes are handed on as they are: the interceptor copied them at call time, and core's
  // pipeline takes them as its own (`ownBytes`: bounded by maxBodyBytes, not copied again).
  if (data instanceof ArrayBuffer) return { bytes: new Uint8Array(data) };
  if (ArrayBuffer.isView(data))
    return { bytes: new Uint8Array(data.buffer as ArrayBuffer, data.byteOffset, data.byteLength) };
  const read = readBody(data, context);
  return read instanceof Promise ? read.then((body) => typed(data, body)) : typed(data, read);
}

/** Core's reading of a web body, with the content-type axios's adapters send for its type. */
function typed(
  data: unknown,
  read: Exclude<ReturnType<typeof readBody>, Promise<unknown>>,
): WireBody {
  const type = read.contentType;
  if (type === undefined) return { bytes: read.bytes };
  // What axios's adapters send with these types: FormData's boundary and a Blob's own type
  // whatever the headers say; URLSearchParams' type only when none is configured. A string
  // gets none (fetch's text/plain is not axios's).
  if (typeof FormData !== 'undefined' && data instanceof FormData)
    return { bytes: read.bytes, contentType: { value: type, replace: true } };
  if (typeof Blob !== 'undefined' && data instanceof Blob)
    return { bytes: read.bytes, contentType: { value: type, replace: true } };
  if (typeof URLSearchParams !== 'undefined' && data instanceof URLSearchParams)
    return { bytes: read.bytes, contentType: { value: type, replace: false } };
  return { bytes: read.bytes };
}

/** Body types core's reader takes (anything else that is an object is refused here). */
function isWebBody(data: object): boolean {
  return (
    ArrayBuffer.isView(data) ||
    data instanceof ArrayBuffer ||
    (typeof Blob !== 'undefined' && data instanceof Blob) ||
    (typeof FormData !== 'undefined' && data instanceof FormData) ||
    (typeof URLSearchParams !== 'undefined' && data instanceof URLSearchParams) ||
    (typeof ReadableStream !== 'undefined' && data instanceof ReadableStream) ||
    Symbol.asyncIterator in data
  );
}

/**
 * Reads a Node stream to its end; past the limit, on an error or when the signal aborts, destroys
 * it. A stream closed before its end without an error rejects as axios's http adapter does.
 */
function readNodeStream(
  stream: NodeStreamLike,
  context: BodyContext,
): Promise<Uint8Array<ArrayBuffer>> {
  const out = createByteCollector(context);
  const { signal } = context;
  return new Promise<Uint8Array<ArrayBuffer>>((resolve, reject) => {
    let settled = false;
    const onAbort = (): void => {
      if (settled) return;
      settled = true;
      stream.destroy?.();
      reject(signal?.reason);
    };
    const fail = (error: unknown): void => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      stream.destroy?.(error instanceof Error ? error : undefined);
      reject(error);
    };
    if (signal?.aborted) {
      onAbort();
      return;
    }
    signal?.addEventListener('abort', onAbort, { once: true });
    stream.on('data', (chunk: unknown) => {
      if (settled) return;
      try {
        out.add(chunk);
      } catch (error) {
        fail(error);
      }
    });
    stream.on('error', fail);
    stream.on('close', () => fail(new CanceledError('Request stream has been aborted')));
    stream.on('end', () => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      resolve(out.bytes());
    });
    stream.resume?.();
  });
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
