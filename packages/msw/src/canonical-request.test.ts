/** The canonicaliser's rules, as a table of wire inputs and the canonical text AWS expects. */
import { describe, expect, it } from 'vitest';
import {
  canonicalHeaderValue,
  canonicalQuery,
  canonicalUri,
  collectHeaders,
  normalizePathSegments,
  parseQuery,
} from './canonical-request.js';

describe('canonicalUri (non-S3: normalise, then encode once more)', () => {
  it.each([
    ['/', '/'],
    ['', '/'],
    ['/prod/a%20b', '/prod/a%2520b'],
    ['/prod/a b', '/prod/a%20b'],
    ['/ሴ', '/%E1%88%B4'],
    ['/prod/%C3%A9', '/prod/%25C3%25A9'],
    ['/a/./b/../c//d/', '/a/c/d/'],
    ['/a/b/..', '/a/'],
    ['/a:b@c!$', '/a%3Ab%40c%21%24'],
    ['/-_.~', '/-_.~'],
  ])('%j -> %j', (wire, canonical) => {
    expect(canonicalUri(wire, true)).toBe(canonical);
  });

  it('leaves the path alone when normalising is off', () => {
    expect(canonicalUri('//example//', false)).toBe('//example//');
    expect(normalizePathSegments('/example1/example2/../..')).toBe('/');
  });
});

describe('canonical query', () => {
  it.each([
    ['b=2&a=1', 'a=1&b=2'],
    ['a=2&a=1&a=10', 'a=1&a=10&a=2'],
    ['q=a+b', 'q=a%20b'], // a raw + is a space (docs/AWS-BEHAVIOUR.md)
    ['q=a%2Bb', 'q=a%2Bb'],
    ['q=a%20b', 'q=a%20b'],
    ['q=%2a', 'q=%2A'],
    ['flag&x=', 'flag=&x='],
    ['k=%zz', 'k=%25zz'],
    ['%E1%88%B4=1&Param=2', '%E1%88%B4=1&Param=2'],
    ['a=1&&b=2', 'a=1&b=2'],
    ['v=é', 'v=%C3%A9'],
  ])('%j -> %j', (wire, canonical) => {
    expect(canonicalQuery(parseQuery(wire))).toBe(canonical);
  });
});

describe('canonical headers', () => {
  it('trims, folds whitespace runs and obs-fold, joins repeats with ","', () => {
    expect(canonicalHeaderValue('  a   b\t c  ')).toBe('a b c');
    expect(canonicalHeaderValue('value1\n  value2\n     value3')).toBe('value1 value2 value3');
    const headers = collectHeaders([
      ['My-Header', ' one '],
      ['my-header', 'two  three'],
      ['Host', 'example.com'],
    ]);
    expect(headers.get('my-header')).toBe('one,two three');
    expect(headers.get('host')).toBe('example.com');
  });
});
