import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { IamEmulator } from '@sigv4/msw/server';
import axios, { type AxiosRequestConfig } from 'axios';
import axiosRetry from 'axios-retry';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { addSigV4Interceptor, createSigV4Interceptor, isSigV4Error } from '../src/index.ts';
import {
  arrivedHeader,
  LOOPBACK_SCOPE,
  lastRequest,
  SESSION_CREDENTIALS,
  startEmulator,
  text,
} from './helpers.ts';

let emulator: IamEmulator;
let failuresLeft = 0;
let redirectTo: string | undefined;
beforeAll(async () => {
  emulator = await startEmulator(({ raw }) => {
    if (redirectTo !== undefined && raw.target.startsWith('/moved'))
      return { status: 302, headers: { location: redirectTo } };
    if (failuresLeft > 0) {
      failuresLeft -= 1;
      return { status: 503, body: 'busy' };
    }
    return { status: 200, body: 'ok' };
  });
});
afterAll(() => emulator.close());
afterEach(() => {
  failuresLeft = 0;
  redirectTo = undefined;
});

describe.each(['http', 'fetch'] as const)('through the %s adapter', (adapter) => {
  it('a retry by axios-retry is signed again, with a new date, and sends the same request', async () => {
    let tick = 0;
    const api = axios.create({ baseURL: emulator.url, adapter, params: { key: 'k 1' } });
    axiosRetry(api, { retries: 2, retryDelay: () => 0, retryCondition: () => true });
    addSigV4Interceptor(api, {
      ...LOOPBACK_SCOPE,
      clock: () => new Date(Date.now() + 2_000 * tick++),
    });
    failuresLeft = 1;
    const before = emulator.requests.length;
    const response = await api.put('/retry', { n: 1 }, { params: { q: 'a b' } });
    expect(response.status).toBe(200);
    const [first, second] = emulator.requests.slice(before);
    expect(emulator.requests.length - before).toBe(2);
    expect(first?.result.ok && second?.result.ok).toBe(true);
    expect(first?.raw.target).toBe('/retry?key=k%201&q=a%20b');
    expect(second?.raw.target).toBe(first?.raw.target);
    expect(second && text(second.raw.body)).toBe('{"n":1}');
    const dates = [first, second].map((r) => r && arrivedHeader(r, 'x-amz-date')[0]);
    expect(dates[0]).toBeDefined();
    expect(dates[1]).not.toBe(dates[0]);
    expect(second && arrivedHeader(second, 'authorization')).toHaveLength(1);
  });

  it("does not mutate the caller's config, which can be sent again", async () => {
    const api = axios.create({ baseURL: emulator.url, adapter });
    addSigV4Interceptor(api, LOOPBACK_SCOPE);
    const config: AxiosRequestConfig = {
      url: '/again',
      method: 'post',
      params: { q: 'x y' },
      data: { a: [1, 2] },
      headers: { 'X-Caller': 'me' },
    };
    const snapshot = structuredClone(config);
    await api.request(config);
    expect(config).toEqual(snapshot);
    await api.request(config);
    const arrived = lastRequest(emulator);
    expect(arrived.result.ok).toBe(true);
    expect(arrived.raw.target).toBe('/again?q=x%20y');
    expect(text(arrived.raw.body)).toBe('{"a":[1,2]}');
  });

  it('a retry from error.config by hand re-signs with fresh credentials headers', async () => {
    const api = axios.create({ baseURL: emulator.url, adapter });
    addSigV4Interceptor(api, { ...LOOPBACK_SCOPE, credentials: SESSION_CREDENTIALS });
    failuresLeft = 1;
    const error = (await api.post('/manual', 'body').catch((e: unknown) => e)) as {
      config: AxiosRequestConfig;
    };
    const response = await api.request(error.config);
    expect(response.status).toBe(200);
    const arrived = lastRequest(emulator);
    expect(arrived.result.ok).toBe(true);
    expect(text(arrived.raw.body)).toBe('body');
    expect(arrivedHeader(arrived, 'x-amz-security-token')).toEqual([
      SESSION_CREDENTIALS.sessionToken,
    ]);
  });

  it('refuses the axios `auth` option (Basic auth would replace the signature)', async () => {
    const api = axios.create({ baseURL: emulator.url, adapter });
    addSigV4Interceptor(api, LOOPBACK_SCOPE);
    const before = emulator.requests.length;
    const error = await api
      .get('/auth', { auth: { username: 'u', password: 'p' } })
      .catch((e: unknown) => e);
    expect(isSigV4Error(error, 'ERR_SIGV4_UNSIGNABLE_REQUEST')).toBe(true);
    expect(emulator.requests.length).toBe(before);
  });

  it('signs header values as axios sanitises them (control characters dropped, trimmed)', async () => {
    const api = axios.create({ baseURL: emulator.url, adapter });
    addSigV4Interceptor(api, LOOPBACK_SCOPE);
    await api.get('/odd', { headers: { 'X-Odd': ' \tva\u0001lue\u2603 ' } });
    const arrived = lastRequest(emulator);
    expect(arrived.result.ok).toBe(true);
    expect(arrivedHeader(arrived, 'x-odd')).toEqual(['value']);
  });

  it('last interceptor wins when two are installed; the request verifies once signed', async () => {
    const api = axios.create({ baseURL: emulator.url, adapter });
    api.interceptors.request.use(
      createSigV4Interceptor({ ...LOOPBACK_SCOPE, region: 'eu-west-1' }),
    );
    api.interceptors.request.use(createSigV4Interceptor(LOOPBACK_SCOPE));
    // axios runs request interceptors last-added first, so the us-east-1 one wraps first and
    // the eu-west-1 one replaces it: the emulator (us-east-1) must refuse the scope.
    const error = (await api.get('/twice').catch((e: unknown) => e)) as {
      response?: { status: number };
    };
    expect(error.response?.status).toBe(403);
    expect(arrivedHeader(lastRequest(emulator), 'authorization')).toHaveLength(1);
  });
});

describe('redirects (Node http adapter)', () => {
  let other: ReturnType<typeof createServer>;
  let otherUrl = '';
  const seen: IncomingHttpHeaders[] = [];
  beforeAll(async () => {
    other = createServer((req, res) => {
      seen.push(req.headers);
      res.end('elsewhere');
    });
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    otherUrl = `http://127.0.0.1:${(other.address() as AddressInfo).port}/landing`;
  });
  afterAll(() => new Promise<void>((resolve) => other.close(() => resolve())));

  it('no SigV4 header reaches another origin', async () => {
    const api = axios.create({ baseURL: emulator.url, adapter: 'http' });
    addSigV4Interceptor(api, { ...LOOPBACK_SCOPE, credentials: SESSION_CREDENTIALS });
    redirectTo = otherUrl;
    const response = await api.get('/moved');
    expect(response.data).toBe('elsewhere');
    const headers = seen.at(-1) ?? {};
    for (const name of [
      'authorization',
      'x-amz-date',
      'x-amz-security-token',
      'x-amz-content-sha256',
    ]) {
      expect(headers[name]).toBeUndefined();
    }
  });
});

describe('redirects (fetch adapter)', () => {
  let other: ReturnType<typeof createServer>;
  let otherUrl = '';
  const seen: IncomingHttpHeaders[] = [];
  beforeAll(async () => {
    other = createServer((req, res) => {
      seen.push(req.headers);
      res.end('elsewhere');
    });
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    otherUrl = `http://127.0.0.1:${(other.address() as AddressInfo).port}/landing`;
  });
  afterAll(() => new Promise<void>((resolve) => other.close(() => resolve())));

  it('a redirect to another origin is refused: nothing reaches it, no header leaks', async () => {
    const api = axios.create({ baseURL: emulator.url, adapter: 'fetch' });
    addSigV4Interceptor(api, { ...LOOPBACK_SCOPE, credentials: SESSION_CREDENTIALS });
    redirectTo = otherUrl;
    const before = seen.length;
    const error = await api.get('/moved').catch((e: unknown) => e);
    expect(isSigV4Error(error, 'ERR_SIGV4_REDIRECT_BLOCKED')).toBe(true);
    expect(String((error as Error).message)).not.toContain(SESSION_CREDENTIALS.sessionToken);
    expect(seen.length).toBe(before);
  });

  it('a redirect on the same origin is followed, signed again, and verifies', async () => {
    const api = axios.create({ baseURL: emulator.url, adapter: 'fetch' });
    addSigV4Interceptor(api, { ...LOOPBACK_SCOPE, credentials: SESSION_CREDENTIALS });
    redirectTo = `${emulator.url}/landing?x=1`;
    const before = emulator.requests.length;
    const response = await api.post('/moved', { a: 1 });
    expect(response.status).toBe(200);
    const hops = emulator.requests.slice(before);
    expect(hops.map((r) => [r.raw.method, r.raw.target])).toEqual([
      ['POST', '/moved'],
      ['GET', '/landing?x=1'],
    ]);
    for (const hop of hops) expect(hop.result.ok).toBe(true);
    expect(arrivedHeader(hops[1]!, 'content-type')).toEqual([]);
    expect(arrivedHeader(hops[1]!, 'x-amz-security-token')).toEqual([
      SESSION_CREDENTIALS.sessionToken,
    ]);
  });

  it('maxRedirects: 0 hands the redirect response back, as axios does', async () => {
    const api = axios.create({ baseURL: emulator.url, adapter: 'fetch', maxRedirects: 0 });
    addSigV4Interceptor(api, LOOPBACK_SCOPE);
    redirectTo = otherUrl;
    const before = seen.length;
    const error = (await api.get('/moved').catch((e: unknown) => e)) as {
      response?: { status: number };
    };
    expect(error.response?.status).toBe(302);
    expect(seen.length).toBe(before);
  });
});
