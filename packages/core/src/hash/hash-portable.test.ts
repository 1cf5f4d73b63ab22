import { createHash } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { portableHashProvider, WEBCRYPTO_PAYLOAD_THRESHOLD } from './hash-portable.js';

const expected = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

describe('portable payload hashing', () => {
  it('hashes small bodies synchronously with sha256-js', () => {
    const small = new Uint8Array(WEBCRYPTO_PAYLOAD_THRESHOLD - 1).fill(7);
    const digest = vi.spyOn(globalThis.crypto.subtle, 'digest');
    expect(portableHashProvider.payloadSha256Hex(small)).toBe(expected(small));
    expect(digest).not.toHaveBeenCalled();
  });

  it('hands large bodies to WebCrypto, with the same result', async () => {
    const large = new Uint8Array(5 * 1024 * 1024).map((_, i) => i % 251);
    const digest = vi.spyOn(globalThis.crypto.subtle, 'digest');
    const result = portableHashProvider.payloadSha256Hex(large);
    expect(result).toBeInstanceOf(Promise);
    expect(await result).toBe(expected(large));
    expect(digest).toHaveBeenCalledTimes(1);
  });

  it('falls back to sha256-js where there is no WebCrypto (an insecure browser context)', () => {
    vi.stubGlobal('crypto', undefined);
    const large = new Uint8Array(WEBCRYPTO_PAYLOAD_THRESHOLD).fill(1);
    expect(portableHashProvider.payloadSha256Hex(large)).toBe(expected(large));
  });
});
