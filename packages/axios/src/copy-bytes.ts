/** A Node `Buffer` constructor, seen only through what is needed to copy one. */
interface BufferLike {
  isBuffer(value: unknown): boolean;
  from(value: Uint8Array): Uint8Array;
}

/**
 * A copy of a byte body (`ArrayBuffer`, typed array, `DataView`, Node `Buffer`) of the same type
 * and meaning to axios, so that a buffer the caller reuses right after the call cannot change
 * what is sent (or what is signed). Anything else is returned as it is.
 * - a `Buffer` is copied to a new `Buffer` of its exact bytes (axios sends a Buffer as it is);
 * - another view is copied with its whole underlying buffer, at the same offset (axios sends a
 *   typed array's `.buffer`, the whole of it: unchanged here);
 * - an `ArrayBuffer` is copied.
 */
export function copyBytes(data: unknown): unknown {
  if (data instanceof ArrayBuffer) return data.slice(0);
  if (!ArrayBuffer.isView(data)) return data;
  const maker = data.constructor as unknown as Partial<BufferLike> | undefined;
  if (typeof maker?.isBuffer === 'function' && typeof maker.from === 'function') {
    if (maker.isBuffer(data)) return maker.from(data as Uint8Array);
  }
  if (!(data.buffer instanceof ArrayBuffer)) return data; // a SharedArrayBuffer is the caller's to keep
  const buffer = data.buffer.slice(0);
  if (data instanceof DataView) return new DataView(buffer, data.byteOffset, data.byteLength);
  const View = data.constructor as new (
    buffer: ArrayBuffer,
    byteOffset: number,
    length: number,
  ) => ArrayBufferView;
  const perElement = (data as unknown as { BYTES_PER_ELEMENT?: number }).BYTES_PER_ELEMENT ?? 1;
  return new View(buffer, data.byteOffset, data.byteLength / perElement);
}
