import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import type { HashProvider, Sha256Checksum } from './hash-provider.js';

type Key = string | Uint8Array | ArrayBuffer | ArrayBufferView;

function keyBytes(secret: Key): string | Uint8Array {
  if (typeof secret === 'string' || secret instanceof Uint8Array) return secret;
  if (ArrayBuffer.isView(secret)) {
    return new Uint8Array(secret.buffer, secret.byteOffset, secret.byteLength);
  }
  return new Uint8Array(secret);
}

/** SHA-256 / HMAC-SHA256 on node:crypto, in the shape `@smithy/signature-v4` expects. */
export class NodeSha256 implements Sha256Checksum {
  readonly #hash: Hash | Hmac;
  constructor(secret?: Key) {
    this.#hash =
      secret === undefined ? createHash('sha256') : createHmac('sha256', keyBytes(secret));
  }
  update(data: Uint8Array): void {
    this.#hash.update(data);
  }
  digest(): Promise<Uint8Array> {
    const out = this.#hash.digest();
    return Promise.resolve(new Uint8Array(out.buffer, out.byteOffset, out.byteLength));
  }
}

const sha256Hex = (data: Uint8Array | string): string =>
  createHash('sha256').update(data).digest('hex');

export const nodeHashProvider: HashProvider = {
  name: 'node:crypto',
  Sha256: NodeSha256,
  payloadSha256Hex: sha256Hex,
};
