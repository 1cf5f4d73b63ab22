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

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return isSigV4Error(error) ? error.code : `not a SigV4Error: ${String(error)}`;
  }
  return undefined;
}

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
    expect(nextHop({ status: 200, location: '/x' }, hop('GET'), 0, policy)).toBeUndefined();
    expect(nextHop({ status: 302, location: null }, hop('GET'), 0, policy)).toBeUndefined();
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
    const result = nextHop({ status: status, location: '/next' }, hop(method), 0, policy)!;
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
  ])('a Location of %s fails with ERR_SIGV4_REDIRECT_FAILED', (location) => {
    expect(codeOf(() => nextHop({ status: 302, location }, hop('GET'), 0, policy))).toBe(
      'ERR_SIGV4_REDIRECT_FAILED',
    );
  });

  it('another origin: Authorization, Proxy-Authorization, Cookie and Host dropped too', () => {
    const current = hop('GET');
    for (const [name, value] of [
      ['cookie', 'session=1'],
      ['proxy-authorization', 'Basic eA=='],
      ['host', 'a.example'],
      ['x-amz-security-token', 'token'],
    ] as const)
      current.headers.set(name, value);
    const next = nextHop({ status: 302, location: 'https://b.example/x' }, current, 0, policy)!;
    expect([...next.headers.keys()].sort()).toEqual(['content-type', 'x-keep']);
    const same = nextHop({ status: 302, location: '/y' }, current, 0, policy)!;
    expect(same.headers.get('cookie')).toBe('session=1');
  });

  it('reads the Location bytes as UTF-8, as fetch does', () => {
    const raw = String.fromCharCode(...new TextEncoder().encode('/top.txt?\u2603'));
    const next = nextHop({ status: 302, location: raw }, hop('GET'), 0, policy)!;
    expect(next.url.search).toBe('?%E2%98%83');
  });

  it('mode same-origin: another origin fails, the same origin is followed', () => {
    const strict = { ...policy, sameOriginOnly: true };
    expect(
      codeOf(() => nextHop({ status: 302, location: 'https://b.example/' }, hop('GET'), 0, strict)),
    ).toBe('ERR_SIGV4_REDIRECT_FAILED');
    expect(nextHop({ status: 302, location: '/z' }, hop('GET'), 0, strict)?.url.pathname).toBe(
      '/z',
    );
  });

  it("the response's last valid Referrer-Policy token applies to the next hop", () => {
    const next = nextHop(
      { status: 302, location: '/r', referrerPolicy: 'origin, bogus' },
      hop('GET'),
      0,
      policy,
    );
    expect(next?.referrerPolicy).toBe('origin');
    const none = nextHop(
      { status: 302, location: '/r', referrerPolicy: 'bogus' },
      hop('GET'),
      0,
      policy,
    );
    expect(none?.referrerPolicy).toBeUndefined();
  });

  it('another origin: SigV4 headers removed, others kept; or refused', () => {
    const result = nextHop(
      { status: 307, location: 'https://b.example/x' },
      hop('GET'),
      0,
      policy,
    )!;
    expect(result.crossOrigin).toBe(true);
    expect(result.headers.has('authorization')).toBe(false);
    expect(result.headers.get('x-keep')).toBe('1');
    let error: unknown;
    try {
      nextHop({ status: 307, location: 'https://b.example/x' }, hop('GET'), 0, {
        ...policy,
        crossOrigin: 'error',
      });
    } catch (e) {
      error = e;
    }
    expect(isSigV4Error(error, 'ERR_SIGV4_REDIRECT_BLOCKED')).toBe(true);
  });

  it('past the hop limit: ERR_SIGV4_TOO_MANY_REDIRECTS', () => {
    expect(codeOf(() => nextHop({ status: 302, location: '/x' }, hop('GET'), 20, policy))).toBe(
      'ERR_SIGV4_TOO_MANY_REDIRECTS',
    );
  });
});
