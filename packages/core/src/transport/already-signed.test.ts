import { describe, expect, it } from 'vitest';
import { isAlreadySigned } from './already-signed.js';

const none = new Headers();

describe('isAlreadySigned', () => {
  it.each([
    ['https://h/p?X-Amz-Signature=abc', true],
    ['https://h/p?a=1&x-amz-signature=abc', true],
    ['https://h/p?next=https%3A//x/%3FX-Amz-Signature=1', false],
    ['https://h/p?a=X-Amz-Signature=1', false],
    ['https://h/p?X-Amz-Signature-Not=1', false],
    ['https://h/p#?X-Amz-Signature=1', false],
    ['https://h/p', false],
  ])('%s -> %s', (url, expected) => {
    expect(isAlreadySigned(none, new URL(url))).toBe(expected);
    expect(isAlreadySigned(none, url)).toBe(expected);
  });

  it('an Authorization header means signed', () => {
    expect(isAlreadySigned(new Headers({ authorization: 'Bearer x' }), 'https://h/')).toBe(true);
  });
});
