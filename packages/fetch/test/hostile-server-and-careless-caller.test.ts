import type { IamEmulator } from '@sigv4/msw/server';
import { startIamEmulator } from '@sigv4/msw/server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSignedFetch, isSigV4Error } from '../src/index.js';
import { CREDENTIALS, KNOWN } from './helpers.js';
import { type Loopback, startLoopback, within } from './loopback.js';

// The transport defects of issue #11, each over a real loopback socket: the IAM emulator of
// @sigv4/msw/server (recomputes every signature from the raw request) or a raw node:http server.
const REGION = 'eu-west-1';
const scope = { service: 'execute-api', region: REGION } as const;
const HOUR = 3_600_000;

let emulator: IamEmulator;
let ahead: IamEmulator; // its clock is one hour ahead of ours
let servers: Loopback[] = [];

beforeAll(async () => {
  emulator = await startIamEmulator({
    emulate: 'apigateway-rest',
    region: REGION,
    credentials: KNOWN,
  });
  ahead = await startIamEmulator({
    emulate: 'apigateway-rest',
    region: REGION,
    credentials: KNOWN,
    clock: () => new Date(Date.now() + HOUR),
  });
});
afterAll(async () => {
  await Promise.all([emulator?.close(), ahead?.close()]);
});
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

const loopback = async (handle: Parameters<typeof startLoopback>[0]): Promise<Loopback> => {
  const server = await startLoopback(handle);
  servers.push(server);
  return server;
};
const signedFetch = (extra: Parameters<typeof createSignedFetch>[0] = {}) =>
  createSignedFetch({ credentials: CREDENTIALS, ...scope, ...extra });
const lastOk = (e: IamEmulator) => e.requests.at(-1)?.result.ok;

describe('a redirect to a non-http(s) URL is a network error, never followed', () => {
  it.each([
    ['data:', 'data:text/plain,AWS_SECRET_ACCESS_KEY=leaked'],
    ['file:', 'file:///proc/self/environ'],
  ])('%s Location: TypeError, nothing read from it', async (_name, location) => {
    const server = await loopback((_r, res) => {
      res.writeHead(302, { location }).end();
    });
    let fetched = 0;
    const counting: typeof fetch = (input, init) => {
      fetched++;
      return fetch(input, init);
    };
    const error = await signedFetch({ fetch: counting })(`${server.url}/start`).catch((e) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect(fetched).toBe(1);
    expect(server.requests).toHaveLength(1);
  });
});

describe('clock skew: corrected per origin, only from AWS refusals, bounded', () => {
  it('one corrected resend to the skewed origin; another origin keeps the local clock', async () => {
    const f = signedFetch();
    const res = await f(`${ahead.url}/prod/items`);
    expect(res.status).toBe(200);
    expect(ahead.requests.map((r) => r.result.ok)).toEqual([false, true]);
    const before = emulator.requests.length;
    const other = await f(`${emulator.url}/prod/items`);
    expect(other.status).toBe(200);
    // Exactly one request reached the other origin, and it verified the first time.
    expect(emulator.requests.length - before).toBe(1);
    expect(lastOk(emulator)).toBe(true);
    // The skewed origin keeps its correction: one request, verified.
    const again = ahead.requests.length;
    await f(`${ahead.url}/prod/items`);
    expect(ahead.requests.length - again).toBe(1);
  });

  it.each([
    ['beyond year 275760', 'Sat, 13 Sep 275760 00:00:00 GMT'],
    ['ten years ahead', new Date(Date.now() + 10 * 365 * 24 * HOUR).toUTCString()],
    ['unparsable', 'not a date'],
  ])(
    'an absurd Date (%s) is ignored: no RangeError, no resend, other requests unharmed',
    async (_n, date) => {
      const hostile = await loopback((_r, res) => {
        res
          .writeHead(403, { date, 'content-type': 'application/json' })
          .end(
            '{"message":"Signature expired: 20240101T000000Z is now earlier than 20240101T000000Z"}',
          );
      });
      const f = signedFetch({
        credentials: { ...CREDENTIALS, expiration: new Date(Date.now() + 2 * HOUR) },
      });
      const res = await f(`${hostile.url}/prod/x`);
      expect(res.status).toBe(403);
      expect(hostile.requests).toHaveLength(1);
      const before = emulator.requests.length;
      expect((await f(`${emulator.url}/prod/items`)).status).toBe(200);
      expect(emulator.requests.length - before).toBe(1);
      // And the hostile origin itself is still signed with the local clock.
      await f(`${hostile.url}/prod/x`);
      const sent = hostile.requests.at(-1)?.headers['x-amz-date'] as string;
      expect(
        Math.abs(
          Date.parse(
            sent.replace(/^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/, '$1-$2-$3T$4:$5:$6Z'),
          ) - Date.now(),
        ),
      ).toBeLessThan(60_000);
    },
  );

  it('a 403 without the skew message does not move the clock, whatever its Date', async () => {
    const server = await loopback((_r, res) => {
      res
        .writeHead(403, { date: new Date(Date.now() + 2 * HOUR).toUTCString() })
        .end('{"message":"Forbidden"}');
    });
    const f = signedFetch();
    expect((await f(`${server.url}/a`)).status).toBe(403);
    await f(`${server.url}/b`);
    expect(server.requests).toHaveLength(2);
    const dates = server.requests.map((r) => r.headers['x-amz-date']);
    expect(dates[1]?.slice(0, 11)).toBe(dates[0]?.slice(0, 11));
  });
});

describe('the signal bounds the whole call', () => {
  it('a stalled ReadableStream body: abort() rejects at once with the reason', async () => {
    const server = await loopback((_r, res) => res.end('ok'));
    const controller = new AbortController();
    const stalled = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(new TextEncoder().encode('part'));
      },
    });
    const call = signedFetch()(`${server.url}/upload`, {
      method: 'PUT',
      body: stalled,
      signal: controller.signal,
      duplex: 'half',
    } as RequestInit);
    const reason = new Error('user gave up');
    setTimeout(() => controller.abort(reason), 50);
    await expect(within(call, 2000, 'stalled body')).rejects.toBe(reason);
    expect(server.requests).toHaveLength(0);
  });

  it('a credentials provider that never settles: AbortSignal.timeout rejects with TimeoutError', async () => {
    const server = await loopback((_r, res) => res.end('ok'));
    const f = signedFetch({ credentials: () => new Promise(() => undefined) });
    const error = await within(
      f(`${server.url}/x`, { signal: AbortSignal.timeout(100) }),
      2000,
      'hanging provider',
    ).catch((e) => e);
    expect((error as Error).name).toBe('TimeoutError');
    expect(server.requests).toHaveLength(0);
  });

  it('an already-aborted signal rejects before anything is read or sent', async () => {
    const server = await loopback((_r, res) => res.end('ok'));
    const reason = new Error('already');
    await expect(
      signedFetch()(`${server.url}/x`, { signal: AbortSignal.abort(reason) }),
    ).rejects.toBe(reason);
    expect(server.requests).toHaveLength(0);
  });
});

describe('a 403 is inspected with a size and time cap, and handed on intact', () => {
  it('a 403 that never ends: the call resolves, and the body still streams', async () => {
    const server = await loopback((_r, res) => {
      res.writeHead(403, { 'content-type': 'text/plain' });
      res.write('first chunk;');
      // never ended
    });
    const res = await within(signedFetch()(`${server.url}/x`), 4000, 'endless 403');
    expect(res.status).toBe(403);
    const reader = res.body!.getReader();
    const { value } = await reader.read();
    expect(new TextDecoder().decode(value)).toBe('first chunk;');
    await reader.cancel();
  });

  it('a large 403 arrives whole and byte-exact', async () => {
    const big = Buffer.alloc(300_000, 'x');
    big.write('{"message":"User is not authorized"}', 0);
    const server = await loopback((_r, res) => {
      res.writeHead(403, { 'content-type': 'text/plain' });
      res.end(big);
    });
    const res = await signedFetch()(`${server.url}/x`);
    expect(Buffer.from(await res.arrayBuffer()).equals(big)).toBe(true);
    expect(server.requests).toHaveLength(1);
  });
});

describe('body bytes are copied at call time', () => {
  it.each([
    ['Buffer', () => Buffer.from('the original body, 32 bytes long')],
    [
      'Uint8Array view',
      () => new Uint8Array(Buffer.from('..the original body, 32 bytes long..')).subarray(2, 34),
    ],
    [
      'DataView',
      () => {
        const bytes = new TextEncoder().encode('the original body, 32 bytes long');
        return new DataView(bytes.buffer);
      },
    ],
  ])(
    'a %s reused right after the call: the original bytes go out, correctly signed',
    async (_n, make) => {
      const body = make();
      const call = signedFetch()(`${emulator.url}/prod/upload`, { method: 'PUT', body });
      new Uint8Array(body.buffer, body.byteOffset, body.byteLength).fill(0x58);
      const res = await call;
      expect(res.status).toBe(200);
      const last = emulator.requests.at(-1)!;
      expect(new TextDecoder().decode(last.raw.body)).toBe('the original body, 32 bytes long');
      expect(last.result.ok).toBe(true);
    },
  );
});

describe('already signed: by query parameter names, not by substring', () => {
  it('X-Amz-Signature= inside a query value: the request is signed', async () => {
    const res = await signedFetch()(`${emulator.url}/prod/x?next=https%3A//x/%3FX-Amz-Signature=1`);
    expect(res.status).toBe(200);
    const last = emulator.requests.at(-1)!;
    expect(last.raw.headers.some(([n]) => n.toLowerCase() === 'authorization')).toBe(true);
    expect(last.result.ok).toBe(true);
  });

  it('a parameter named X-Amz-Signature (a presigned URL): sent untouched', async () => {
    const server = await loopback((_r, res) => res.end('ok'));
    await signedFetch()(`${server.url}/x?X-Amz-Signature=abc&a=1`);
    expect(server.requests[0]?.headers.authorization).toBeUndefined();
    expect(server.requests[0]?.target).toBe('/x?X-Amz-Signature=abc&a=1');
  });
});

describe('ERR_SIGV4_INVALID_URL shows no query', () => {
  it('message, stack, JSON and cause hold no token and no signature', async () => {
    const sig = 'a'.repeat(64);
    const url = `http://[bad?X-Amz-Security-Token=${CREDENTIALS.sessionToken}&X-Amz-Signature=${sig}`;
    const error = await signedFetch()(url).catch((e) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect(isSigV4Error(error.cause, 'ERR_SIGV4_INVALID_URL')).toBe(true);
    const { inspect } = await import('node:util');
    for (const text of [
      error.message,
      error.stack,
      JSON.stringify(error),
      inspect(error, { depth: 5 }),
    ]) {
      expect(text).not.toContain(CREDENTIALS.sessionToken);
      expect(text).not.toMatch(/[0-9a-f]{64}/);
    }
  });
});

describe('credentials cache', () => {
  it('credentials with 3 minutes left are reused, not fetched per request', async () => {
    let calls = 0;
    const f = signedFetch({
      credentials: async () => {
        calls++;
        return { ...CREDENTIALS, expiration: new Date(Date.now() + 3 * 60_000) };
      },
    });
    for (let i = 0; i < 20; i++) expect((await f(`${emulator.url}/prod/items`)).status).toBe(200);
    expect(calls).toBe(1);
  });

  it('1,000 concurrent requests: one provider call', async () => {
    let calls = 0;
    const server = await loopback((_r, res) => res.end('ok'));
    const f = signedFetch({
      credentials: async () => {
        calls++;
        await new Promise((r) => setTimeout(r, 20));
        return CREDENTIALS;
      },
    });
    const all = await Promise.all(Array.from({ length: 1000 }, () => f(`${server.url}/x`)));
    await Promise.all(all.map((r) => r.text()));
    expect(calls).toBe(1);
    expect(server.requests).toHaveLength(1000);
  }, 60_000); // a thousand loopback sockets on a shared 2-core machine

  it('a provider that throws once does not poison the cache', async () => {
    let calls = 0;
    const f = signedFetch({
      credentials: async () => {
        calls++;
        if (calls === 1) throw new Error('throttled');
        return CREDENTIALS;
      },
    });
    const first = await f(`${emulator.url}/prod/items`).catch((e) => e);
    expect(isSigV4Error(first, 'ERR_SIGV4_CREDENTIALS_PROVIDER_FAILED')).toBe(true);
    expect((await f(`${emulator.url}/prod/items`)).status).toBe(200);
    expect(lastOk(emulator)).toBe(true);
  });
});

describe('retry sub-options are checked at construction', () => {
  it.each([
    ['retry.methods', { methods: 'GET' }],
    ['retry.statusCodes', { statusCodes: '5035' }],
    ['retry.statusCodes', { statusCodes: [5035] }],
    ['retry.limit', { limit: -1 }],
    ['retry.delay', { delay: 100 }],
  ])('%s: ERR_SIGV4_INVALID_OPTION naming it', (name, retry) => {
    let error: unknown;
    try {
      createSignedFetch({ retry: retry as never });
    } catch (e) {
      error = e;
    }
    expect(isSigV4Error(error, 'ERR_SIGV4_INVALID_OPTION')).toBe(true);
    expect((error as Error).message).toContain(`\`${name}\``);
  });

  it('statusCodes match whole statuses: 503 is not retried by [5035]... nor by "5035" (refused above)', async () => {
    const server = await loopback((_r, res) => res.writeHead(503).end());
    const res = await signedFetch({ retry: { statusCodes: [500], delay: () => 0 } })(
      `${server.url}/x`,
    );
    expect(res.status).toBe(503);
    expect(server.requests).toHaveLength(1);
  });
});
