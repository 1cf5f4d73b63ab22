import { describe, expect, it } from 'vitest';
import { collectHeaders, hasEdgeControl, isUnsignableHeader, joinHeaderValues } from './headers.js';

describe('headers', () => {
  it('collects Headers, pairs and objects alike, lower-casing names and keeping repeats in order', () => {
    const pairs = collectHeaders([
      ['X-A', '1'],
      ['x-a', '2'],
    ]);
    expect(pairs.get('x-a')).toEqual(['1', '2']);
    expect(collectHeaders({ 'X-B': ['a', 'b'], 'X-C': 3, 'X-D': undefined }).get('x-b')).toEqual([
      'a',
      'b',
    ]);
    expect(collectHeaders(new Headers({ 'X-E': 'e' })).get('x-e')).toEqual(['e']);
  });

  it('folds each repeated value before joining, and leaves a single value to smithy', () => {
    expect(joinHeaderValues(['  a  ', ' b\t\tc ', 'd\n   e'])).toBe('a,b c,d e');
    expect(joinHeaderValues(['  a  b '])).toBe('  a  b ');
  });

  it.each([
    ['value\v', true],
    ['\fvalue', true],
    ['value\v  ', true],
    ['value \t', false],
    ['va\vlue', false],
    ['', false],
    ['\v', true],
    ['a', false],
    ['\u007fvalue\u007f', false],
    ['value\r\n\v', true],
  ])('%j starts or ends with a control character smithy keeps: %s', (value, expected) => {
    expect(hasEdgeControl(value)).toBe(expected);
  });

  it.each([
    'user-agent',
    'content-length',
    'accept-encoding',
    'range',
    'via',
    'x-forwarded-for',
    'cf-connecting-ip',
    'sec-fetch-mode',
    'proxy-authorization',
    'x-amzn-trace-id',
    'authorization',
  ])('never signs %s by default', (name) => {
    expect(isUnsignableHeader(name)).toBe(true);
  });

  it.each(['content-type', 'x-api-key', 'x-apigw-api-id', 'accept'])('signs %s', (name) => {
    expect(isUnsignableHeader(name)).toBe(false);
  });
});
