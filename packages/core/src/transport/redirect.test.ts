import { describe, expect, it } from 'vitest';
import { isSigV4Error } from '../errors.js';
import { type Hop, isRedirectStatus, nextHop } from './redirect.js';

const hop = (method: string, body: string | null = 'b'): Hop<string> => ({
  method,
  url: new URL('https://a.example/start'),
  headers: new Headers({ 'content-type': 'text/plain', authorization: 'x', 'x-keep': '1' }),
  body,
});
const policy = { crossOrigin: 'follow-unsigned', maxRedirects: 20 } as const;

describe('nextHop', () => {
  it('only 301, 302, 303, 307 and 308 are redirects', () => {
    expect([300, 301, 302, 303, 304, 307, 308].map(isRedirectStatus)).toEqual([
      false,
      true,
      true,
      true,
      false,
      true,
      true,
    ]);
    expect(nextHop(200, '/x', hop('GET'), 0, policy)).toBeUndefined();
    expect(nextHop(302, null, hop('GET'), 0, policy)).toBeUndefined();
  });

  it.each([
    [303, 'PUT', 'GET', null],
    [303, 'HEAD', 'HEAD', 'b'],
    [301, 'POST', 'GET', null],
    [302, 'POST', 'GET', null],
    [302, 'PUT', 'PUT', 'b'],
    [307, 'POST', 'POST', 'b'],
    [308, 'DELETE', 'DELETE', 'b'],
  ])('%i after %s: %s, body %s', (status, method, next, body) => {
    const result = nextHop(status, '/next', hop(method), 0, policy)!;
    expect(result.method).toBe(next);
    expect(result.body).toBe(body);
    expect(result.headers.has('content-type')).toBe(body !== null);
    expect(result.crossOrigin).toBe(false);
  });

  it.each([
    'file:///etc/passwd',
    'data:text/plain,x',
    'javascript:alert(1)',
    'ftp://a.example/x',
    'http://[bad',
  ])('a Location of %s is a TypeError', (location) => {
    expect(() => nextHop(302, location, hop('GET'), 0, policy)).toThrow(TypeError);
  });

  it('another origin: SigV4 headers removed, others kept; or refused', () => {
    const result = nextHop(307, 'https://b.example/x', hop('GET'), 0, policy)!;
    expect(result.crossOrigin).toBe(true);
    expect(result.headers.has('authorization')).toBe(false);
    expect(result.headers.get('x-keep')).toBe('1');
    let error: unknown;
    try {
      nextHop(307, 'https://b.example/x', hop('GET'), 0, { ...policy, crossOrigin: 'error' });
    } catch (e) {
      error = e;
    }
    expect(isSigV4Error(error, 'ERR_SIGV4_REDIRECT_BLOCKED')).toBe(true);
  });

  it('past the hop limit: TypeError', () => {
    expect(() => nextHop(302, '/x', hop('GET'), 20, policy)).toThrow(/more than 20 redirects/);
  });
});
