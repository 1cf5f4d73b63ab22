import type { Sha256Checksum } from './hash-provider.js';

/**
 * SHA-256 (FIPS 180-4) and HMAC-SHA256 (RFC 2104) in plain JavaScript, for runtimes without
 * node:crypto: the `Sha256` smithy's `SignatureV4` hashes and signs with, and the synchronous
 * payload hash. Written out here instead of `@aws-crypto/sha256-js` because that package ships
 * ES5 output with tslib's generator helpers: 5.3 KB minified in a browser bundle, this ~1.3 KB.
 * Checked against node:crypto (hash/sha256.test.ts) and by every signature test of the
 * portable entry.
 */

/** `floor(n ** (1 / k))`, exactly, by Newton's method on integers (from above). */
function integerRoot(n: bigint, k: bigint): bigint {
  let x = 1n << (BigInt(n.toString(2).length) / k + 1n);
  for (;;) {
    const next = ((k - 1n) * x + n / x ** (k - 1n)) / k;
    if (next >= x) return x;
    x = next;
  }
}

/**
 * The first 32 bits of the fractional parts of the `k`-th roots of the first `count` primes, as
 * FIPS 180-4 defines SHA-256's constants (square roots of 8 primes: the initial state; cube
 * roots of 64: the round constants), computed exactly in integers instead of written out.
 */
function rootFractions(count: number, k: bigint): Uint32Array {
  const primes: number[] = [];
  for (let n = 2; primes.length < count; n++) if (primes.every((p) => n % p)) primes.push(n);
  return Uint32Array.from(primes, (p) =>
    Number(integerRoot(BigInt(p) << (32n * k), k) & 0xffffffffn),
  );
}

const K = /* @__PURE__ */ rootFractions(64, 3n);
const INITIAL = /* @__PURE__ */ rootFractions(8, 2n);

const UTF8 = new TextEncoder();

/** A key or data as bytes: a string as UTF-8, any buffer or view as the bytes it covers. */
function bytesOf(data: string | Uint8Array | ArrayBuffer | ArrayBufferView): Uint8Array {
  if (typeof data === 'string') return UTF8.encode(data);
  if (ArrayBuffer.isView(data))
    return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return new Uint8Array(data);
}

/** The SHA-256 of one message fed in pieces; `finish` once. */
class Digest {
  private readonly state = INITIAL.slice();
  private readonly words = new Uint32Array(64);
  private readonly block = new Uint8Array(64);
  private buffered = 0;
  private length = 0;

  update(data: Uint8Array): void {
    this.length += data.length;
    let offset = 0;
    if (this.buffered > 0) {
      offset = Math.min(64 - this.buffered, data.length);
      this.block.set(data.subarray(0, offset), this.buffered);
      this.buffered += offset;
      if (this.buffered < 64) return;
      this.compress(this.block, 0);
      this.buffered = 0;
    }
    for (; offset + 64 <= data.length; offset += 64) this.compress(data, offset);
    this.block.set(data.subarray(offset), 0);
    this.buffered = data.length - offset;
  }

  finish(): Uint8Array {
    const { block } = this;
    const bits = this.length * 8;
    block[this.buffered] = 0x80;
    block.fill(0, this.buffered + 1);
    if (this.buffered >= 56) {
      this.compress(block, 0);
      block.fill(0);
    }
    // The message length in bits, big-endian, in the last 8 bytes.
    const high = Math.floor(bits / 0x100000000);
    for (let i = 0; i < 4; i++) {
      block[56 + i] = high >>> (24 - 8 * i);
      block[60 + i] = bits >>> (24 - 8 * i);
    }
    this.compress(block, 0);
    const out = new Uint8Array(32);
    for (let i = 0; i < 32; i++) out[i] = this.state[i >> 2]! >>> (24 - 8 * (i & 3));
    return out;
  }

  /** One 64-byte block at `offset` into the state (the indexes below are all in range). */
  private compress(data: Uint8Array, offset: number): void {
    const w = this.words;
    const s = this.state;
    for (let i = 0; i < 16; i++) {
      const at = offset + 4 * i;
      w[i] = (data[at]! << 24) | (data[at + 1]! << 16) | (data[at + 2]! << 8) | data[at + 3]!;
    }
    for (let i = 16; i < 64; i++) {
      const x = w[i - 15]!;
      const y = w[i - 2]!;
      const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
      const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
      w[i] = w[i - 16]! + s0 + w[i - 7]! + s1;
    }
    let a = s[0]!;
    let b = s[1]!;
    let c = s[2]!;
    let d = s[3]!;
    let e = s[4]!;
    let f = s[5]!;
    let g = s[6]!;
    let h = s[7]!;
    for (let i = 0; i < 64; i++) {
      const s1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const t1 = (h + s1 + ((e & f) ^ (~e & g)) + K[i]! + w[i]!) | 0;
      const s0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const t2 = (s0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
      h = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }
    s[0]! += a;
    s[1]! += b;
    s[2]! += c;
    s[3]! += d;
    s[4]! += e;
    s[5]! += f;
    s[6]! += g;
    s[7]! += h;
  }
}

/**
 * SHA-256, or HMAC-SHA256 when constructed with a secret, in the shape `@smithy/signature-v4`
 * takes (`update`, then `digest()` once), plus `digestSync()`.
 *
 * @example
 * const hash = new Sha256();
 * hash.update(new TextEncoder().encode('abc'));
 * hash.digestSync(); // ba7816bf...
 */
export class Sha256 implements Sha256Checksum {
  private readonly inner = new Digest();
  /** The HMAC's outer key block (key XOR 0x5c), when there is a secret. */
  private readonly outerKey: Uint8Array | undefined;

  constructor(secret?: string | Uint8Array | ArrayBuffer | ArrayBufferView) {
    if (secret === undefined) return;
    let key = bytesOf(secret);
    if (key.length > 64) key = sha256(key);
    const block = new Uint8Array(64);
    block.set(key);
    this.inner.update(block.map((byte) => byte ^ 0x36));
    this.outerKey = block.map((byte) => byte ^ 0x5c);
  }

  update(data: Uint8Array | string | ArrayBuffer | ArrayBufferView): void {
    this.inner.update(bytesOf(data));
  }

  digestSync(): Uint8Array {
    const hash = this.inner.finish();
    if (this.outerKey === undefined) return hash;
    const outer = new Digest();
    outer.update(this.outerKey);
    outer.update(hash);
    return outer.finish();
  }

  digest(): Promise<Uint8Array> {
    try {
      return Promise.resolve(this.digestSync());
    } catch (error) {
      return Promise.reject(error);
    }
  }
}

/** The SHA-256 of `data`. */
export function sha256(data: Uint8Array): Uint8Array {
  const digest = new Digest();
  digest.update(data);
  return digest.finish();
}
