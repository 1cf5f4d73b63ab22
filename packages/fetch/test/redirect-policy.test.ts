import type { IamEmulator } from '@sigv4/msw/server';
import { startIamEmulator } from '@sigv4/msw/server';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSignedFetch, isSigV4Error } from '../src/index.js';
import { CREDENTIALS, KNOWN } from './helpers.js';
import { type Loopback, startLoopback } from './loopback.js';

// The one redirect policy (core's transport pipeline), as fetch applies it, over loopback.
const REGION = 'eu-west-1';
const SIGV4 = ['authorization', 'x-amz-date', 'x-amz-security-token', 'x-amz-content-sha256'];
let emulator: IamEmulator;
let servers: Loopback[] = [];

beforeAll(async () => {
  emulator = await startIamEmulator({
    emulate: 'apigateway-rest',
    region: REGION,
    credentials: KNOWN,
    resolver: ({ raw }) => {
      const [path, query = ''] = raw.target.split('?');
      const to = new URLSearchParams(query).get('to');
      const status = Number(new URLSearchParams(query).get('status') ?? 302);
      if (path === '/prod/redirect' && to) return { status, headers: { location: to } };
      return { status: 200, body: `${raw.method} ${raw.target} ${raw.body.byteLength}` };
    },
  });
});
afterAll(async () => {
  await emulator?.close();
});
beforeEach(() => {
  emulator.reset();
});
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

const signedFetch = (extra: Parameters<typeof createSignedFetch>[0] = {}) =>
  createSignedFetch({ credentials: CREDENTIALS, service: 'execute-api', region: REGION, ...extra });
const redirectTo = (to: string, status = 302) =>
  `${emulator.url}/prod/redirect?status=${status}&to=${encodeURIComponent(to)}`;

describe('method and body after a redirect, as fetch', () => {
  it.each([
    [301, 'POST', 'GET', 0],
    [302, 'POST', 'GET', 0],
    [303, 'POST', 'GET', 0],
    [303, 'PUT', 'GET', 0],
    [301, 'PUT', 'PUT', 5],
    [302, 'PATCH', 'PATCH', 5],
    [307, 'POST', 'POST', 5],
    [308, 'POST', 'POST', 5],
  ])(
    '%i after %s: %s with %i body bytes, signed again for the new path',
    async (status, method, next, bytes) => {
      const res = await signedFetch()(redirectTo('/prod/landed', status), {
        method,
        body: 'hello',
        headers: { 'content-type': 'text/plain' },
      });
      expect(await res.text()).toBe(`${next} /prod/landed ${bytes}`);
      expect(res.redirected).toBe(true);
      const hops = emulator.requests;
      expect(hops.map((r) => r.result.ok)).toEqual([true, true]);
      const ct = hops[1]!.raw.headers.find(([n]) => n.toLowerCase() === 'content-type');
      expect(ct === undefined).toBe(bytes === 0);
    },
  );
});

describe('origins', () => {
  it('another origin: followed with no SigV4 header at all, other headers kept', async () => {
    const other = await startLoopback((_r, res) => res.end('there'));
    servers.push(other);
    const res = await signedFetch()(redirectTo(`${other.url}/landing`, 307), {
      headers: { 'x-keep': '1' },
    });
    expect(await res.text()).toBe('there');
    const arrived = other.requests[0]!;
    for (const name of SIGV4) expect(arrived.headers[name]).toBeUndefined();
    expect(arrived.headers['x-keep']).toBe('1');
    expect(JSON.stringify(arrived.headers)).not.toContain(CREDENTIALS.sessionToken);
  });

  it("another origin with crossOriginRedirect: 'error': ERR_SIGV4_REDIRECT_BLOCKED, nothing sent there", async () => {
    const other = await startLoopback((_r, res) => res.end('there'));
    servers.push(other);
    const error = await signedFetch({ crossOriginRedirect: 'error' })(
      redirectTo(`${other.url}/x`),
    ).catch((e) => e);
    expect(isSigV4Error(error, 'ERR_SIGV4_REDIRECT_BLOCKED')).toBe(true);
    expect(other.requests).toHaveLength(0);
  });

  it('a hop back to the signed origin after leaving it stays unsigned', async () => {
    const other = await startLoopback((_r, res) => {
      res.writeHead(302, { location: `${emulator.url}/prod/back` }).end();
    });
    servers.push(other);
    const before = emulator.requests.length;
    await signedFetch()(redirectTo(`${other.url}/bounce`));
    const back = emulator.requests.slice(before)[1]!;
    expect(back.raw.target).toBe('/prod/back');
    expect(back.raw.headers.some(([n]) => n.toLowerCase() === 'authorization')).toBe(false);
  });
});

describe('limits and modes', () => {
  it('more than 20 redirects: TypeError, as fetch', async () => {
    const loop = await startLoopback((r, res) => {
      const n = Number(r.target.slice(1));
      res.writeHead(302, { location: `/${n + 1}` }).end();
    });
    servers.push(loop);
    const error = await signedFetch()(`${loop.url}/0`).catch((e) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect(loop.requests).toHaveLength(21);
  });

  it("redirect: 'manual' returns the 3xx as it is; 'error' rejects with TypeError", async () => {
    const manual = await signedFetch()(redirectTo('/prod/landed'), { redirect: 'manual' });
    expect(manual.status).toBe(302);
    expect(manual.headers.get('location')).toBe('/prod/landed');
    await expect(
      signedFetch()(redirectTo('/prod/landed'), { redirect: 'error' }),
    ).rejects.toBeInstanceOf(TypeError);
  });
});

describe('one options vocabulary: what core signs, fetch signs', () => {
  const header = (r: IamEmulator['requests'][number], name: string) =>
    r.raw.headers.find(([n]) => n.toLowerCase() === name)?.[1];
  const signedHeaders = (r: IamEmulator['requests'][number]) =>
    /SignedHeaders=([^,]+)/.exec(header(r, 'authorization') ?? '')?.[1]?.split(';') ?? [];

  it('contentSha256Header: false sends no x-amz-content-sha256, and verifies', async () => {
    await signedFetch({ contentSha256Header: false })(`${emulator.url}/prod/a`, {
      method: 'POST',
      body: 'x',
    });
    const last = emulator.requests.at(-1)!;
    expect(header(last, 'x-amz-content-sha256')).toBeUndefined();
    expect(last.result.ok).toBe(true);
  });

  it('alwaysSignHeaders signs user-agent; neverSignHeaders leaves x-request-id out; both verify', async () => {
    await signedFetch({ alwaysSignHeaders: ['user-agent'], neverSignHeaders: ['x-request-id'] })(
      `${emulator.url}/prod/a`,
      { headers: { 'user-agent': 'sigv4-test/1', 'x-request-id': 'r1', 'x-custom': 'c' } },
    );
    const last = emulator.requests.at(-1)!;
    expect(signedHeaders(last)).toContain('user-agent');
    expect(signedHeaders(last)).toContain('x-custom');
    expect(signedHeaders(last)).not.toContain('x-request-id');
    expect(last.result.ok).toBe(true);
  });
});
