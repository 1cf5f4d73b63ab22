import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createSignedFetch, isSigV4Error, wrapGlobalFetch } from '../src/index.js';
import { CREDENTIALS } from './helpers.js';
import { type Captured, type Loopback, startLoopback, within } from './loopback.js';

// createSignedFetch against Node's own fetch, over loopback: what a caller of fetch would notice
// is the same, except the signature. Each case runs plain fetch and the signed fetch against the
// same servers and compares; where fetch's answer is fixed by the standard it is spelt out.

const SCOPE = { credentials: CREDENTIALS, service: 'execute-api', region: 'eu-west-1' } as const;
const SIGV4 = ['authorization', 'x-amz-date', 'x-amz-security-token', 'x-amz-content-sha256'];
let servers: Loopback[] = [];
let restores: Array<() => void> = [];

afterEach(async () => {
  for (const restore of restores.reverse()) restore();
  restores = [];
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

async function serve(handle: (req: Captured, res: ServerResponse) => unknown): Promise<Loopback> {
  const server = await startLoopback(handle);
  servers.push(server);
  return server;
}

/** A server that answers `/go` with `status` to `location` (with `extra` headers), else 200. */
async function redirector(status: number, location: () => string, extra = {}) {
  return serve((req, res) => {
    if (req.target.startsWith('/go')) {
      res.writeHead(status, { location: location(), ...extra });
      res.end();
    } else res.end(`${req.method} ${req.target}`);
  });
}

const signedFetch = (extra: Parameters<typeof createSignedFetch>[0] = {}) =>
  createSignedFetch({ ...SCOPE, ...extra });

async function settle(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => 'resolved',
    (e: unknown) => e,
  );
}

describe('a hop to another origin is never signed, whatever fetch sits beneath', () => {
  it.each([
    ['installed once', 1, undefined],
    ['installed twice (hot reload)', 2, undefined],
    ['with crossOriginRedirect: error on the wrapper', 1, 'error' as const],
  ])('wrapGlobalFetch %s: nothing SigV4 reaches the other origin', async (_name, times, mode) => {
    const victim = await serve((_req, res) => res.end('victim'));
    const api = await redirector(307, () => `${victim.url}/iam?Action=CreateAccessKey`);
    const host = new URL(victim.url).host;
    for (let i = 0; i < times; i++)
      restores.push(
        wrapGlobalFetch({
          ...SCOPE,
          hosts: [host],
          ...(mode ? { crossOriginRedirect: mode } : {}),
        }),
      );
    const res = await signedFetch()(`${api.url}/go`, { method: 'POST', body: 'caller body' });
    expect(await res.text()).toBe('victim');
    expect(victim.requests).toHaveLength(1);
    for (const name of SIGV4) expect(victim.requests[0]?.headers[name], name).toBeUndefined();
  });

  it('a custom fetch that calls the wrapped global fetch: still unsigned', async () => {
    const victim = await serve((_req, res) => res.end('victim'));
    const api = await redirector(302, () => `${victim.url}/iam`);
    restores.push(wrapGlobalFetch({ ...SCOPE, hosts: [new URL(victim.url).host] }));
    const custom = ((input: RequestInfo | URL, init?: RequestInit) =>
      globalThis.fetch(input, init)) as typeof fetch;
    await signedFetch({ fetch: custom })(`${api.url}/go`);
    for (const name of SIGV4) expect(victim.requests[0]?.headers[name], name).toBeUndefined();
  });
});

describe('credentials that cannot go into a header', () => {
  it.each([
    ['a session token with a line break', { sessionToken: `${CREDENTIALS.sessionToken}\n` }],
    ['a session token with CRLF', { sessionToken: 'abc\r\nx-injected: 1' }],
    ['a session token with NUL', { sessionToken: 'abc\u0000def' }],
    ['an access key id with a line break', { accessKeyId: 'AKIDEXAMPLE\n' }],
  ])('%s: ERR_SIGV4_CREDENTIALS_INVALID, nothing sent, nothing quoted', async (_name, bad) => {
    const server = await serve((_req, res) => res.end('ok'));
    const credentials = { ...CREDENTIALS, ...bad };
    const error = await settle(signedFetch({ credentials })(`${server.url}/p`));
    expect(isSigV4Error(error, 'ERR_SIGV4_CREDENTIALS_INVALID')).toBe(true);
    expect(server.requests).toHaveLength(0);
    const text = `${(error as Error).message} ${(error as Error).stack}`;
    expect(text).not.toContain(CREDENTIALS.sessionToken);
    expect(text).not.toContain('abc');
  });
});

describe('redirects as fetch follows them', () => {
  it.each([302, 307])(
    '%i to another origin drops Cookie and Proxy-Authorization (same origin keeps them)',
    async (status) => {
      const other = await serve((_req, res) => res.end('other'));
      const api = await redirector(status, () => `${other.url}/y`);
      const headers = { cookie: 'session=1', 'proxy-authorization': 'Basic eDp5' };
      for (const run of [fetch, signedFetch()]) await run(`${api.url}/go`, { headers });
      const [plain, signed] = other.requests;
      expect(plain?.headers.cookie).toBeUndefined();
      expect(signed?.headers.cookie).toBeUndefined();
      expect(signed?.headers['proxy-authorization']).toBe(plain?.headers['proxy-authorization']);
      expect(signed?.headers['proxy-authorization']).toBeUndefined();
      const same = await redirector(status, () => '/here');
      await signedFetch()(`${same.url}/go`, { headers });
      expect(same.requests[1]?.headers.cookie).toBe('session=1');
    },
  );

  it('reads raw UTF-8 bytes in Location as UTF-8, as fetch', async () => {
    // Node's http writes a header string byte per char: these are the UTF-8 bytes of ☃.
    const raw = String.fromCharCode(...new TextEncoder().encode('/top.txt?\u2603'));
    const server = await redirector(302, () => raw);
    const plain = await fetch(`${server.url}/go`);
    const signed = await signedFetch()(`${server.url}/go`);
    expect(signed.url).toBe(plain.url);
    expect(await signed.text()).toBe(await plain.text());
    expect(server.requests.at(-1)?.target).toBe('/top.txt?%E2%98%83');
  });

  it("mode: 'same-origin' fails on a redirect to another origin, as fetch", async () => {
    const other = await serve((_req, res) => res.end('other'));
    const api = await redirector(302, () => `${other.url}/y`);
    const plain = await settle(fetch(`${api.url}/go`, { mode: 'same-origin' }));
    const signed = await settle(signedFetch()(`${api.url}/go`, { mode: 'same-origin' }));
    expect(plain).toBeInstanceOf(TypeError);
    expect(signed).toBeInstanceOf(TypeError);
    expect(isSigV4Error((signed as Error).cause, 'ERR_SIGV4_REDIRECT_FAILED')).toBe(true);
    expect(other.requests).toHaveLength(0);
  });

  it("applies the redirect's Referrer-Policy to the next hop, as fetch", async () => {
    // Same origin: without the header, the full referrer (with its query) would be sent.
    const api = await redirector(302, () => '/landed', { 'referrer-policy': 'origin' });
    const referrer = `${api.url}/page?secret=1`;
    await fetch(`${api.url}/go`, { referrer });
    await signedFetch()(`${api.url}/go`, { referrer });
    const landed = api.requests.filter((r) => r.target === '/landed');
    expect(landed[0]?.headers.referer).toBe(`${api.url}/`);
    expect(landed[1]?.headers.referer).toBe(landed[0]?.headers.referer);
  });

  it('redirected, url and type are those of fetch, and survive clone()', async () => {
    const other = await serve((_req, res) => res.end('other'));
    const api = await redirector(302, () => `${other.url}/y`);
    const plain = await fetch(`${api.url}/go`);
    const signed = await signedFetch()(`${api.url}/go`);
    for (const res of [signed, signed.clone()]) {
      expect([res.redirected, res.url, res.type]).toEqual([
        plain.redirected,
        plain.url,
        plain.type,
      ]);
    }
  });

  it('an inspected 403 keeps the type and url fetch gives it', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(403, { 'x-amzn-errortype': 'ForbiddenException' });
      res.end('{"message":"no"}');
    });
    const plain = await fetch(`${server.url}/p`);
    const signed = await signedFetch()(`${server.url}/p`);
    expect([signed.type, signed.url, signed.clone().type]).toEqual([
      plain.type,
      plain.url,
      plain.type,
    ]);
    expect(await signed.text()).toBe('{"message":"no"}');
  });

  it('a 403 whose body trickles with no length and no AWS header is handed back at once', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(403, { 'content-type': 'text/html' });
      res.write('<html>');
    });
    const started = Date.now();
    const res = await within(signedFetch()(`${server.url}/p`), 5000, 'the 403');
    expect(res.status).toBe(403);
    expect(Date.now() - started).toBeLessThan(500);
    await res.body?.cancel();
  });
});

describe("what fetch itself refuses is fetch's TypeError", () => {
  it.each([
    ['an unparsable URL', 'http://[bad', {}],
    ['an about: URL', 'about:blank', {}],
    ['method CONNECT with an aborted signal', '/p', { method: 'CONNECT', aborted: true }],
    ['method TRACE', '/p', { method: 'TRACE' }],
    ['a method that is not a token', '/p', { method: 'GE T' }],
    ['a URL with user info', 'http://user:pw@127.0.0.1:9/p', {}],
    ['a GET with a body', '/p', { body: 'x' }],
    ['a stream body without duplex', '/p', { method: 'POST', body: () => new Response('x').body }],
    [
      'a stream that yields a number',
      '/p',
      {
        method: 'POST',
        duplex: 'half',
        body: () =>
          new ReadableStream({
            start(c) {
              c.enqueue(42);
              c.close();
            },
          }),
      },
    ],
  ] as const)('%s', async (_name, path, options) => {
    const server = await serve((_req, res) => res.end('ok'));
    const url = path.startsWith('/') ? `${server.url}${path}` : path;
    const init = (): RequestInit => {
      const { aborted, body, ...rest } = options as Omit<RequestInit, 'body'> & {
        aborted?: boolean;
        body?: string | (() => unknown);
      };
      const out: Record<string, unknown> = { ...rest };
      if (body !== undefined) out.body = typeof body === 'function' ? body() : body;
      if (aborted) out.signal = AbortSignal.abort();
      return out as RequestInit;
    };
    const plain = await settle(fetch(url, init()));
    const signed = await settle(signedFetch()(url, init()));
    expect(plain).toBeInstanceOf(TypeError);
    expect(signed).toBeInstanceOf(TypeError);
    expect(server.requests).toHaveLength(0);
  });
});

describe('a Request body, as fetch', () => {
  it('is used up by the call (bodyUsed), and its stream cancelled on abort', async () => {
    const server = await serve((_req, res) => res.end('ok'));
    const request = new Request(`${server.url}/p`, { method: 'POST', body: 'payload' });
    await signedFetch()(request);
    expect(request.bodyUsed).toBe(true);
    expect(server.requests[0]?.body.toString()).toBe('payload');

    let cancelled: unknown = 'not cancelled';
    const stream = new ReadableStream({
      pull: () => new Promise(() => undefined),
      cancel: (reason) => {
        cancelled = reason;
      },
    });
    const controller = new AbortController();
    const streaming = new Request(`${server.url}/p`, {
      method: 'POST',
      body: stream,
      duplex: 'half',
      signal: controller.signal,
    } as RequestInit);
    const pending = settle(signedFetch()(streaming));
    controller.abort(new Error('stop'));
    expect(((await within(pending, 5000, 'the call')) as Error).message).toBe('stop');
    expect((cancelled as Error).message).toBe('stop');
  });
});
