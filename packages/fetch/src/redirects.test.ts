import { describe, expect, it } from 'vitest';
import { followRedirect, isRedirectStatus } from './redirects.js';

describe('followRedirect (fetch spec, HTTP-redirect fetch step 12)', () => {
  const headers = new Headers({ 'content-type': 'application/json', 'x-custom': '1' });
  it.each([
    [301, 'POST', 'GET', null],
    [302, 'POST', 'GET', null],
    [303, 'POST', 'GET', null],
    [303, 'PUT', 'GET', null],
    [303, 'HEAD', 'HEAD', 'body'],
    [301, 'PUT', 'PUT', 'body'],
    [307, 'POST', 'POST', 'body'],
    [308, 'PATCH', 'PATCH', 'body'],
  ])('%i %s -> %s', (status, method, nextMethod, nextBody) => {
    const next = followRedirect(status, method, headers, 'body');
    expect(next.method).toBe(nextMethod);
    expect(next.body).toBe(nextBody);
    expect(next.headers.has('content-type')).toBe(nextBody !== null);
    expect(next.headers.get('x-custom')).toBe('1');
    expect(headers.has('content-type')).toBe(true);
  });
  it('knows which statuses are redirects', () => {
    expect([300, 301, 302, 303, 304, 307, 308].filter(isRedirectStatus)).toEqual([
      301, 302, 303, 307, 308,
    ]);
  });
});
