import { Sha256 } from '@aws-crypto/sha256-js';
import { type HashProvider, toHex } from './hash-provider.js';

/** Pure-JS SHA-256 for runtimes without node:crypto (browsers, workers, edge). */
export const portableHashProvider: HashProvider = {
  name: 'sha256-js',
  Sha256,
  async sha256Hex(data) {
    const hash = new Sha256();
    hash.update(typeof data === 'string' ? new TextEncoder().encode(data) : data);
    return toHex(await hash.digest());
  },
};
