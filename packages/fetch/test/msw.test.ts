import type { EchoBody } from '@sigv4/msw';
import { sigv4Handler } from '@sigv4/msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createSignedFetch, presignUrl, wrapGlobalFetch } from '../src/index.js';
import { BODY_CASES, strictParams, targetOf, URL_CASES } from './cases.js';
import { API, CREDENTIALS, KNOWN, LAMBDA } from './helpers.js';

// msw handlers that verify SigV4 as API Gateway and Lambda function URLs do (from @sigv4/msw,
// an implementation independent of @sigv4/core), answering with what they received.
const server = setupServer(
  sigv4Handler({
    hosts: ['*.execute-api.eu-west-1.amazonaws.com', '*.lambda-url.eu-west-1.on.aws'],
    credentials: KNOWN,
  }),
);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const HOSTS = [
  ['execute-api', API, 'execute-api'],
  ['lambda-url', LAMBDA, 'lambda'],
] as const;

async function echo(response: Response): Promise<EchoBody> {
  const text = await response.text();
  expect(response.status, text).toBe(200);
  return JSON.parse(text) as EchoBody;
}

describe.each(HOSTS)('%s host, header mode', (_name, origin, service) => {
  const signedFetch = createSignedFetch({ credentials: CREDENTIALS });

  it.each(BODY_CASES)('POST body: $name', async (c) => {
    const init = {
      method: 'POST',
      body: c.make(),
      ...(c.stream ? { duplex: 'half' } : {}),
    } as RequestInit;
    const seen = await echo(await signedFetch(`${origin}/prod/upload`, init));
    expect(seen.identity.service).toBe(service);
    expect(seen.body).toContain(c.expectText);
    if (c.expectType === null) expect(seen.headers['content-type']).toBeUndefined();
    else expect(seen.headers['content-type']?.startsWith(c.expectType)).toBe(true);
  });

  it.each(BODY_CASES)('Request with body: $name (with and without init)', async (c) => {
    const request = new Request(`${origin}/prod/upload`, {
      method: 'PUT',
      body: c.make(),
      ...(c.stream ? { duplex: 'half' } : {}),
    } as RequestInit);
    expect((await echo(await signedFetch(request))).body).toContain(c.expectText);
    const again = new Request(request.url, {
      method: 'PUT',
      body: c.make(),
      ...(c.stream ? { duplex: 'half' } : {}),
    } as RequestInit);
    const seen = await echo(await signedFetch(again, { headers: { 'x-from-init': '1' } }));
    expect(seen.headers['x-from-init']).toBe('1');
    expect(seen.identity.signedHeaders).toContain('x-from-init');
  });

  it('Request without body, without content-type; and a URL object', async () => {
    expect((await echo(await signedFetch(new Request(`${origin}/prod/r`)))).method).toBe('GET');
    expect(
      (await echo(await signedFetch(new URL(`${origin}/prod/u`), { method: 'DELETE' }))).method,
    ).toBe('DELETE');
  });

  it.each(URL_CASES)('URL: $name', async (c) => {
    const seen = await echo(await signedFetch(`${origin}${targetOf(c)}`));
    expect(seen.query).not.toContain('+');
    if (c.params) expect(strictParams(seen.query)).toEqual(c.params);
  });

  it('a tampered request is refused (the handler really checks)', async () => {
    const tamper = createSignedFetch({
      credentials: CREDENTIALS,
      fetch: (input, init) => globalThis.fetch(input, { ...init, body: 'tampered' }),
    });
    const response = await tamper(`${origin}/prod/x`, { method: 'POST', body: 'original' });
    expect(response.status).toBe(403);
  });
});

describe.each(HOSTS)('%s host, presign mode', (_name, origin, service) => {
  it('a plain fetch of the presigned URL is accepted, with query parameters from an object', async () => {
    const url = await presignUrl(`${origin}/prod/report`, {
      credentials: CREDENTIALS,
      query: { user: 'Bjarne Stroustrup', tag: ['a b', 'c+d'] },
    });
    const seen = await echo(await fetch(url));
    expect(seen.identity.mode).toBe('query');
    expect(seen.identity.service).toBe(service);
    const params = strictParams(seen.query);
    expect(params.filter(([k]) => !k.startsWith('X-Amz-'))).toEqual([
      ['user', 'Bjarne Stroustrup'],
      ['tag', 'a b'],
      ['tag', 'c+d'],
    ]);
    expect(params.find(([k]) => k === 'X-Amz-Expires')?.[1]).toBe('300');
  });

  it.each(URL_CASES)('URL: $name', async (c) => {
    const url = await presignUrl(`${origin}${targetOf(c)}`, {
      credentials: CREDENTIALS,
      expiresIn: 60,
    });
    expect(new URL(url).search).not.toContain('+');
    const seen = await echo(await fetch(url));
    if (c.params)
      expect(strictParams(seen.query).filter(([k]) => !k.startsWith('X-Amz-'))).toEqual(c.params);
  });

  it('an expired presigned URL is refused', async () => {
    const url = await presignUrl(`${origin}/prod/old`, {
      credentials: CREDENTIALS,
      expiresIn: 60,
      clock: () => new Date(Date.now() - 3_600_000),
    });
    expect((await fetch(url)).status).toBe(403);
  });
});

describe('clock skew against the handler', () => {
  it('AWS 10 minutes ahead: corrected from the 403, retried once, remembered', async () => {
    const ahead = () => new Date(Date.now() + 600_000);
    server.use(
      sigv4Handler({
        hosts: '*.execute-api.eu-west-1.amazonaws.com',
        credentials: KNOWN,
        clock: ahead,
      }),
    );
    const seen: number[] = [];
    const spy = vi.fn((r: Response) => seen.push(r.status));
    const signedFetch = createSignedFetch({
      credentials: CREDENTIALS,
      fetch: async (input, init) => {
        const r = await globalThis.fetch(input, init);
        spy(r);
        return r;
      },
    });
    expect((await signedFetch(`${API}/prod/a`)).status).toBe(200);
    expect((await signedFetch(`${API}/prod/b`)).status).toBe(200);
    expect(seen).toEqual([403, 200, 200]);
  });
});

describe('wrapGlobalFetch', () => {
  it('signs AWS and allow-listed hosts, passes others through untouched, restores', async () => {
    const credentials = vi.fn(async () => CREDENTIALS);
    const other: Request[] = [];
    server.use(
      sigv4Handler({
        hosts: 'api.example.com',
        emulate: 'apigateway-http',
        region: 'eu-west-1',
        credentials: KNOWN,
      }),
    );
    const { http, HttpResponse } = await import('msw');
    server.use(
      http.all('https://example.org/*', ({ request }) => {
        other.push(request);
        return HttpResponse.text('plain');
      }),
    );
    const original = globalThis.fetch;
    const restore = wrapGlobalFetch({
      credentials,
      hosts: ['api.example.com'],
      service: 'execute-api',
      region: 'eu-west-1',
    });
    try {
      const plain = await fetch('https://example.org/page', { headers: { 'x-mine': '1' } });
      expect(await plain.text()).toBe('plain');
      expect(credentials).not.toHaveBeenCalled();
      expect(other[0]?.headers.has('authorization')).toBe(false);
      expect(other[0]?.headers.get('x-mine')).toBe('1');
      expect((await echo(await fetch(`${API}/prod/global`))).identity.service).toBe('execute-api');
      expect((await echo(await fetch('https://api.example.com/items?q=a b'))).query).toBe(
        'q=a%20b',
      );
      expect(credentials).toHaveBeenCalledTimes(1);
    } finally {
      restore();
    }
    expect(globalThis.fetch).toBe(original);
    expect((await fetch(`${API}/prod/after`)).status).toBe(403);
  });

  it('wrapping twice signs once; restores in either order', async () => {
    const original = globalThis.fetch;
    const seenAuth: string[] = [];
    const spy = vi.fn((input: RequestInfo | URL, init?: RequestInit) => {
      seenAuth.push(new Headers(init?.headers).get('authorization') ?? '');
      return original(input, init);
    });
    globalThis.fetch = spy as typeof fetch;
    try {
      const restoreA = wrapGlobalFetch({ credentials: CREDENTIALS });
      const restoreB = wrapGlobalFetch({ credentials: CREDENTIALS });
      expect((await fetch(`${LAMBDA}/twice`, { method: 'POST', body: 'x' })).status).toBe(200);
      expect(spy).toHaveBeenCalledTimes(1);
      expect(seenAuth[0]?.match(/AWS4-HMAC-SHA256/g)).toHaveLength(1);
      restoreA();
      expect((await fetch(`${LAMBDA}/after-a`)).status).toBe(200);
      restoreB();
      expect(globalThis.fetch).toBe(spy);
      expect((await fetch(`${LAMBDA}/after-b`)).status).toBe(403);
    } finally {
      globalThis.fetch = original;
    }
  });
});
