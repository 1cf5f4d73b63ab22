/**
 * SHA-256 and HMAC-SHA256 on WebCrypto (`globalThis.crypto.subtle`: Node 20, browsers, edge
 * runtimes). Written for the verifier alone: nothing here is shared with `@sigv4/core`, so a bug
 * in one side cannot hide by sitting on both.
 */

const encoder = new TextEncoder();

function subtle(): SubtleCrypto {
  const value = globalThis.crypto?.subtle;
  if (value === undefined) {
    throw new TypeError(
      '[sigv4/msw] WebCrypto (globalThis.crypto.subtle) is not available: use Node 20+ or a browser.',
    );
  }
  return value;
}

/** Bytes of a string as UTF-8, or the bytes themselves. */
export function toBytes(data: string | Uint8Array): Uint8Array<ArrayBuffer> {
  if (typeof data === 'string') return encoder.encode(data);
  const copy = new Uint8Array(data.byteLength);
  copy.set(data);
  return copy;
}

/** Lower-case hex of the bytes. */
export function toHex(bytes: ArrayBuffer | Uint8Array): string {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let out = '';
  for (const byte of view) out += byte.toString(16).padStart(2, '0');
  return out;
}

/** Hex SHA-256 of a string (as UTF-8) or bytes. */
export async function sha256Hex(data: string | Uint8Array): Promise<string> {
  return toHex(await subtle().digest('SHA-256', toBytes(data)));
}

/** HMAC-SHA256 of `data` under `key`. */
export async function hmac(
  key: string | Uint8Array,
  data: string,
): Promise<Uint8Array<ArrayBuffer>> {
  const cryptoKey = await subtle().importKey(
    'raw',
    toBytes(key),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  return new Uint8Array(await subtle().sign('HMAC', cryptoKey, toBytes(data)));
}

/** Compares two strings without stopping at the first difference. */
export function timingSafeEqual(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  const length = Math.max(a.length, b.length);
  for (let i = 0; i < length; i += 1) {
    diff |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
  }
  return diff === 0;
}
