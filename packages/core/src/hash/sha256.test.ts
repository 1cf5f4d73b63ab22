import { createHash, createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Sha256, sha256 } from './sha256.js';

// node:crypto is the oracle: every digest below is compared with its answer for the same input.
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const nodeHash = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');
const nodeHmac = (key: Uint8Array | string, data: Uint8Array) =>
  createHmac('sha256', key).update(data).digest('hex');

describe('SHA-256 and HMAC-SHA256 in JavaScript (hash/sha256.ts)', () => {
  it('agrees with node:crypto on every length around the block and padding edges (0..300 bytes)', () => {
    for (let length = 0; length <= 300; length++) {
      const data = Uint8Array.from({ length }, (_, i) => (i * 31 + length) & 0xff);
      expect(hex(sha256(data)), `length ${length}`).toBe(nodeHash(data));
    }
  });

  it('agrees with node:crypto on random inputs fed in random pieces', () => {
    for (let round = 0; round < 50; round++) {
      const data = randomBytes(Math.floor(Math.random() * 5000));
      const hash = new Sha256();
      for (let at = 0; at < data.length; ) {
        const piece = Math.floor(Math.random() * 200);
        hash.update(data.subarray(at, at + piece));
        at += piece;
      }
      expect(hex(hash.digestSync())).toBe(nodeHash(data));
    }
  });

  it('hashes a megabyte and a string (as UTF-8) as node:crypto does', async () => {
    const big = randomBytes(1024 * 1024 + 13);
    const hash = new Sha256();
    hash.update(big);
    expect(hex(await hash.digest())).toBe(nodeHash(big));
    const text = new Sha256();
    text.update('héllo, wörld ✓');
    expect(hex(text.digestSync())).toBe(nodeHash(Buffer.from('héllo, wörld ✓', 'utf8')));
  });

  it('is HMAC-SHA256 with a secret: string keys, byte keys, and keys longer than a block', async () => {
    const data = Buffer.from('20150830/us-east-1/iam/aws4_request');
    for (const key of [
      'AWS4wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
      '',
      'k'.repeat(64),
      'k'.repeat(65),
      'ключ'.repeat(40),
    ]) {
      const hmac = new Sha256(key);
      hmac.update(data);
      expect(hex(await hmac.digest()), key).toBe(nodeHmac(key, data));
    }
    const keyBytes = randomBytes(200);
    for (const key of [keyBytes, keyBytes.subarray(7, 39), keyBytes.buffer.slice(0, 100)]) {
      const hmac = new Sha256(key);
      hmac.update(data);
      const expected = nodeHmac(
        key instanceof ArrayBuffer ? new Uint8Array(key) : new Uint8Array(key),
        data,
      );
      expect(hex(hmac.digestSync())).toBe(expected);
    }
  });
});
