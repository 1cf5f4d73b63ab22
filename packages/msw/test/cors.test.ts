/**
 * CORS on the local server, from Node: the headers a browser would look at, as they arrive.
 * Requests are signed with aws4 (not our signer); `Origin` is added after signing, as a browser does.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IamEmulator, IamEmulatorOptions } from '../src/contract.js';
import { startIamEmulator } from '../src/server.js';
import { KEY, signWithAws4 } from './helpers.js';

const PAGE = 'http://localhost:5173';
const OTHER = 'http://evil.example:8080';
const base = { emulate: 'lambda-url', region: 'us-east-1', credentials: [KEY] } as const;
let allowList: IamEmulator;
let anyOrigin: IamEmulator;
let off: IamEmulator;

beforeAll(async () => {
  allowList = await startIamEmulator({
    ...base,
    cors: { origins: [PAGE], exposeHeaders: ['x-cost'], maxAgeSeconds: 60 },
    resolver: () => ({ status: 200, headers: { 'x-cost': '3', vary: 'Accept' }, body: 'ok' }),
  });
  anyOrigin = await startIamEmulator({ ...base, cors: true });
  off = await startIamEmulator(base);
});
afterAll(async () => {
  await Promise.all([allowList.close(), anyOrigin.close(), off.close()]);
});

const preflight = (emulator: IamEmulator, origin: string, requestHeaders?: string) =>
  fetch(`${emulator.url}/items?id=1`, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'PUT',
      ...(requestHeaders === undefined ? {} : { 'access-control-request-headers': requestHeaders }),
    },
  });

/** A GET signed by aws4 for the emulator's host, sent with an `Origin` (unsigned, like a browser's). */
function signedGet(emulator: IamEmulator, origin: string | undefined, path = '/items?id=1') {
  const [url, init] = signWithAws4(`${emulator.url}${path}`, {}, 'lambda', 'us-east-1');
  const headers = new Headers(init.headers);
  if (origin !== undefined) headers.set('origin', origin);
  return fetch(url, { ...init, headers });
}

const corsHeaders = (response: Response) =>
  Object.fromEntries(
    [...response.headers].filter(([name]) => name.startsWith('access-control-') || name === 'vary'),
  );

describe('cors on: preflights', () => {
  it('answers 204 with the CORS headers, echoing the SigV4 headers and what was asked', async () => {
    const before = anyOrigin.requests.length;
    const response = await preflight(anyOrigin, PAGE, 'X-Amz-Date, authorization, x-trace-id');
    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
    const headers = corsHeaders(response);
    expect(headers['access-control-allow-origin']).toBe(PAGE);
    expect(headers['access-control-allow-methods']?.split(', ')).toContain('PUT');
    expect(headers['access-control-allow-headers']?.split(', ')).toEqual([
      'authorization',
      'content-type',
      'x-amz-date',
      'x-amz-security-token',
      'x-amz-content-sha256',
      'x-amz-user-agent',
      'x-trace-id',
    ]);
    expect(headers['access-control-max-age']).toBe('600');
    expect(headers.vary).toBe('Origin');
    // Not verified, so not in `requests` (it would be a 403 Forbidden there): in `preflights`.
    expect(anyOrigin.requests.length).toBe(before);
    expect(anyOrigin.preflights.at(-1)).toMatchObject({
      origin: PAGE,
      allowed: true,
      requestMethod: 'PUT',
      requestHeaders: ['x-amz-date', 'authorization', 'x-trace-id'],
      raw: { method: 'OPTIONS', target: '/items?id=1' },
    });
  });

  it('with allowHeaders: allows those (and the SigV4 ones), not what was asked; maxAgeSeconds', async () => {
    const response = await preflight(allowList, PAGE, 'x-trace-id');
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-headers')).toMatch(/, x-trace-id$/);
    expect(response.headers.get('access-control-max-age')).toBe('60');
    const custom = await startIamEmulator({
      ...base,
      cors: { origins: [PAGE], allowHeaders: ['x-a'] },
    });
    try {
      const answer = await preflight(custom, PAGE, 'x-b');
      expect(answer.headers.get('access-control-allow-headers')).toBe(
        'authorization, content-type, x-amz-date, x-amz-security-token, x-amz-content-sha256, x-amz-user-agent, x-a',
      );
    } finally {
      await custom.close();
    }
  });

  it('a preflight from an origin not allowed: 204 without CORS headers (the browser blocks)', async () => {
    const response = await preflight(allowList, OTHER, 'authorization');
    expect(response.status).toBe(204);
    expect(corsHeaders(response)).toEqual({});
    expect(allowList.preflights.at(-1)).toMatchObject({ origin: OTHER, allowed: false });
  });
});

describe('cors on: other responses', () => {
  it('a signed request from an allowed origin: 200 with ACAO, expose headers and Vary', async () => {
    const response = await signedGet(allowList, PAGE);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('ok');
    expect(corsHeaders(response)).toEqual({
      'access-control-allow-origin': PAGE,
      'access-control-expose-headers': 'x-amzn-ErrorType, x-amzn-RequestId, date, x-cost',
      vary: 'Accept, Origin',
    });
    expect(allowList.requests.at(-1)?.result.ok).toBe(true);
  });

  it('a refusal to an allowed origin carries them too, so the page can read the 403', async () => {
    const response = await signedGet(anyOrigin, PAGE, '/items?id=1');
    expect(response.status).toBe(200);
    const unsigned = await fetch(`${anyOrigin.url}/items`, { headers: { origin: PAGE } });
    expect(unsigned.status).toBe(403);
    expect(unsigned.headers.get('x-amzn-errortype')).toBe('AccessDeniedException');
    expect(corsHeaders(unsigned)).toEqual({
      'access-control-allow-origin': PAGE,
      'access-control-expose-headers': 'x-amzn-ErrorType, x-amzn-RequestId, date',
      vary: 'Origin',
    });
    expect(await unsigned.json()).toEqual({ Message: 'Forbidden' });
  });

  it('a request from an origin not allowed, or with no Origin, gets no CORS headers', async () => {
    const other = await signedGet(allowList, OTHER);
    expect(other.status).toBe(200); // verified as usual: only the browser would block reading it
    expect(corsHeaders(other)).toEqual({ vary: 'Accept' }); // the resolver's own, untouched
    const unsignedOther = await fetch(`${allowList.url}/x`, { headers: { origin: OTHER } });
    expect(unsignedOther.status).toBe(403);
    expect(corsHeaders(unsignedOther)).toEqual({});
    const noOrigin = await signedGet(anyOrigin, undefined);
    expect(corsHeaders(noOrigin)).toEqual({});
  });

  it('an OPTIONS without Access-Control-Request-Method is not a preflight: it is verified', async () => {
    const response = await fetch(`${anyOrigin.url}/items`, {
      method: 'OPTIONS',
      headers: { origin: PAGE },
    });
    expect(response.status).toBe(403);
    expect(response.headers.get('access-control-allow-origin')).toBe(PAGE);
    expect(anyOrigin.requests.at(-1)).toMatchObject({
      raw: { method: 'OPTIONS' },
      result: { ok: false },
    });
  });
});

describe('cors off (the default)', () => {
  it('no CORS headers, and a preflight is verified like any request (403, recorded)', async () => {
    const ok = await signedGet(off, PAGE);
    expect(ok.status).toBe(200);
    expect(corsHeaders(ok)).toEqual({});
    const response = await preflight(off, PAGE, 'authorization');
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ Message: 'Forbidden' });
    expect(corsHeaders(response)).toEqual({});
    expect(off.requests.at(-1)).toMatchObject({
      raw: { method: 'OPTIONS' },
      result: { ok: false, reason: 'missing-authentication' },
    });
    expect(off.preflights).toEqual([]);
  });
});

describe('cors option validation', () => {
  it.each([
    [{ origins: [] }, /`cors.origins` is empty/],
    [{ origins: ['http://localhost:5173/app'] }, /not an origin.*'http:\/\/localhost:5173'/],
    [{ origins: ['localhost:5173'] }, /not an origin/],
    [{ origins: [PAGE], allowHeaders: ['bad header'] }, /`cors.allowHeaders`/],
    [{ origins: [PAGE], maxAgeSeconds: -1 }, /`cors.maxAgeSeconds` is -1/],
  ] satisfies Array<[IamEmulatorOptions['cors'], RegExp]>)('%j', async (cors, message) => {
    await expect(startIamEmulator({ ...base, cors })).rejects.toMatchObject({
      name: 'SigV4EmulatorError',
      code: 'ERR_SIGV4_INVALID_OPTION',
      message: expect.stringMatching(message),
    });
  });

  it('accepts an origin with a trailing slash or upper case, and matches it as browsers send it', async () => {
    const emulator = await startIamEmulator({
      ...base,
      cors: { origins: ['HTTP://LocalHost:5173/'] },
    });
    try {
      const response = await preflight(emulator, PAGE);
      expect(response.headers.get('access-control-allow-origin')).toBe(PAGE);
    } finally {
      await emulator.close();
    }
  });
});
