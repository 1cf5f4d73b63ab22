import { Sha256 } from '@aws-crypto/sha256-js';
import { type HashProvider, toHex } from './hash-provider.js';

const UTF8 = new TextEncoder();
const bytesOf = (data: Uint8Array | string): Uint8Array =>
  typeof data === 'string' ? UTF8.encode(data) : data;

/** Bodies from this size on are hashed by WebCrypto, where the runtime has it. */
export const WEBCRYPTO_PAYLOAD_THRESHOLD = 64 * 1024;

function sha256Hex(data: Uint8Array | string): string {
  const hash = new Sha256();
  hash.update(bytesOf(data));
  return toHex(hash.digestSync());
}

/**
 * SHA-256 for runtimes without node:crypto (browsers, workers, edge). Everything is hashed
 * synchronously with `@aws-crypto/sha256-js` (for small inputs it beats WebCrypto's promise
 * round trips), except request bodies of 64 KiB or more, which go to WebCrypto's native
 * `crypto.subtle.digest` when the runtime has it (a secure context in browsers): about 20x
 * faster on large uploads.
 */
export const portableHashProvider: HashProvider = {
  name: 'sha256-js',
  Sha256,
  payloadSha256Hex(data) {
    const subtle = (globalThis as { crypto?: { subtle?: SubtleCrypto } }).crypto?.subtle;
    const bytes = bytesOf(data);
    if (subtle === undefined || bytes.byteLength < WEBCRYPTO_PAYLOAD_THRESHOLD) {
      return sha256Hex(bytes);
    }
    return subtle
      .digest('SHA-256', bytes as Uint8Array<ArrayBuffer>)
      .then((digest) => toHex(new Uint8Array(digest)));
  },
};
