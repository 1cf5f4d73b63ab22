/** A SHA-256 (or HMAC-SHA256 with a key) in the shape `@smithy/signature-v4` takes. */
export interface Sha256Checksum {
  update(data: Uint8Array): void;
  digest(): Promise<Uint8Array>;
}

export type Sha256Constructor = new (
  secret?: string | Uint8Array | ArrayBuffer | ArrayBufferView,
) => Sha256Checksum;

/**
 * The hashing a runtime offers. Node's entry uses node:crypto (native: about 24x faster than
 * pure JS on large bodies); the portable entry uses `@aws-crypto/sha256-js`. `Sha256` is what
 * smithy's `SignatureV4` hashes and signs with; the payload hash is computed here once and
 * handed to smithy in `x-amz-content-sha256`.
 */
export interface HashProvider {
  readonly name: 'node:crypto' | 'sha256-js';
  readonly Sha256: Sha256Constructor;
  /**
   * Hex SHA-256 of a request body: synchronous where hashing is native, possibly a promise
   * where a large body is better handed to WebCrypto than hashed in JavaScript.
   */
  payloadSha256Hex(data: Uint8Array | string): string | Promise<string>;
}

const HEX_DIGITS = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += HEX_DIGITS[byte];
  return out;
}
