import { Sha256 } from '@aws-crypto/sha256-js';
import { type HashProvider, toHex } from './hash-provider.js';

const UTF8 = new TextEncoder();
const bytesOf = (data: Uint8Array | string): Uint8Array =>
  typeof data === 'string' ? UTF8.encode(data) : data;

/** Pure-JS SHA-256 for runtimes without node:crypto (browsers, workers, edge). */
export const portableHashProvider: HashProvider = {
  name: 'sha256-js',
  Sha256,
  sha256Hex(data) {
    const hash = new Sha256();
    hash.update(bytesOf(data));
    return toHex(hash.digestSync());
  },
  hmacHex(key, data) {
    const hmac = new Sha256(key);
    hmac.update(bytesOf(data));
    return toHex(hmac.digestSync());
  },
};
