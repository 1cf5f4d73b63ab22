import { isSigV4Error } from '@sigv4/core';
import { describe, expect, it } from 'vitest';
import { readWireBody } from './read-body.ts';

const context = { method: 'POST', url: 'https://example.com/', limit: 16 };

describe('readWireBody', () => {
  it.each([
    ['nothing', undefined, null],
    ['empty string', '', null],
    ['a string, as it is (sent as UTF-8)', 'ü', 'ü'],
    ['a view: only its range', new Uint8Array([0, 1, 2, 3]).subarray(1, 3), new Uint8Array([1, 2])],
    ['URLSearchParams', new URLSearchParams({ a: 'b c' }), 'a=b+c'],
  ])('%s', async (_name, input, expected) => {
    expect((await readWireBody(input, context)).bytes).toEqual(expected);
  });

  // The interceptor copies a byte body at call time (test/call-time-body.test.ts) and core's
  // pipeline copies what it is given: no third copy here.
  it('hands bytes on as they are, the view over the same memory', async () => {
    const source = new Uint8Array([0, 1, 2, 3]).subarray(1);
    const { bytes } = await readWireBody(source, context);
    expect(bytes).toEqual(new Uint8Array([1, 2, 3]));
    expect((bytes as Uint8Array).buffer).toBe(source.buffer);
  });

  it.each([
    ['a string', 'x'.repeat(17)],
    ['a Blob', new Blob(['x'.repeat(17)])],
    ['a web stream', new Blob(['x'.repeat(17)]).stream()],
  ])('refuses %s past the limit with ERR_SIGV4_BODY_TOO_LARGE', async (_name, input) => {
    const error = await Promise.resolve(readWireBody(input, context)).catch((e: unknown) => e);
    expect(isSigV4Error(error, 'ERR_SIGV4_BODY_TOO_LARGE')).toBe(true);
  });

  it('refuses a plain object left by a custom transformRequest, and a locked stream', async () => {
    const locked = new Blob(['a']).stream();
    locked.getReader();
    for (const input of [{ a: 1 }, locked]) {
      const error = await Promise.resolve(readWireBody(input, context)).catch((e: unknown) => e);
      expect(isSigV4Error(error, 'ERR_SIGV4_BODY_UNREADABLE')).toBe(true);
    }
  });
});
