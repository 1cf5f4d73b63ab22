// Redirects through every Node adapter of the lowest and the latest axios of the peer range,
// checked on real loopback sockets: a same-origin hop is signed again (it verifies at the
// emulator), a hop to another origin never carries a SigV4 header (what arrives there is
// captured), and only http(s) targets are followed. axios 1.6.0 has no fetch adapter.
import type { IamEmulator } from '@sigv4/msw/server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AXIOS_VERSIONS, loadAxios, nodeAdapters } from './axios-versions.ts';
import {
  type CaptureServer,
  SESSION_SCOPE,
  SIGV4_HEADER_NAMES,
  startCaptureServer,
  startEmulator,
  text,
} from './helpers.ts';

let emulator: IamEmulator;
let other: CaptureServer;
let locationFor: (target: string) => string | undefined = () => undefined;
let status = 302;

beforeAll(async () => {
  other = await startCaptureServer();
  emulator = await startEmulator(({ raw }) => {
    const location = locationFor(raw.target);
    if (location !== undefined) return { status, headers: { location } };
    return { status: 200, body: `${raw.method} ${raw.target} ${text(raw.body)}` };
  });
});
afterAll(async () => {
  await emulator.close();
  await other.close();
});
afterEach(() => {
  locationFor = () => undefined;
  status = 302;
  other.requests.length = 0;
});

describe.each(AXIOS_VERSIONS)('$module', (version) => {
  describe.each(nodeAdapters(version))('%s adapter', (adapter) => {
    const client = async (extra: Record<string, unknown> = {}) => {
      const { axios, lib } = await loadAxios(version);
      const api = axios.create({ baseURL: emulator.url, adapter });
      lib.addSigV4Interceptor(api, { ...SESSION_SCOPE, ...extra });
      return { api, lib };
    };

    it('a redirect to another origin arrives there without any SigV4 header', async () => {
      locationFor = (target) => (target === '/away' ? `${other.url}/landing?x=1` : undefined);
      const { api } = await client();
      const response = await api.get('/away');
      expect(response.status).toBe(200);
      expect(response.data).toBe('captured');
      expect(other.requests).toHaveLength(1);
      const arrived = other.requests[0];
      expect(arrived?.target).toBe('/landing?x=1');
      for (const name of SIGV4_HEADER_NAMES) expect(arrived?.headers[name]).toBeUndefined();
    });

    it("crossOriginRedirect: 'error' refuses it and sends nothing there", async () => {
      locationFor = (target) => (target === '/away' ? `${other.url}/landing` : undefined);
      const { api, lib } = await client({ crossOriginRedirect: 'error' });
      const error = await api.get('/away').catch((e: unknown) => e);
      expect(lib.isSigV4Error(error, 'ERR_SIGV4_REDIRECT_BLOCKED')).toBe(true);
      expect(other.requests).toHaveLength(0);
    });

    it('a same-origin redirect is signed again for the new path and verifies', async () => {
      locationFor = (target) => (target === '/old?a=1' ? '/new/place?b=2' : undefined);
      const { api } = await client();
      const before = emulator.requests.length;
      const response = await api.get('/old', { params: { a: 1 } });
      expect(response.status).toBe(200);
      expect(response.data).toBe('GET /new/place?b=2 ');
      const hops = emulator.requests.slice(before);
      expect(hops.map((r) => [r.raw.target, r.result.ok])).toEqual([
        ['/old?a=1', true],
        ['/new/place?b=2', true],
      ]);
    });

    it('307 keeps the method and the exact body, signed again', async () => {
      status = 307;
      locationFor = (target) => (target === '/post' ? '/post-here' : undefined);
      const { api } = await client();
      const response = await api.post('/post', { n: 1 });
      expect(response.data).toBe('POST /post-here {"n":1}');
      expect(emulator.requests.at(-1)?.result.ok).toBe(true);
    });

    it('303 after a POST becomes a GET without body, signed again', async () => {
      status = 303;
      locationFor = (target) => (target === '/post' ? '/see' : undefined);
      const { api } = await client();
      const response = await api.post('/post', 'hello', {
        headers: { 'content-type': 'text/plain' },
      });
      expect(response.data).toBe('GET /see ');
      const last = emulator.requests.at(-1);
      expect(last?.result.ok).toBe(true);
      expect(last?.raw.headers.some(([name]) => name.toLowerCase() === 'content-type')).toBe(false);
    });

    it('a redirect to a non-http(s) URL is not followed', async () => {
      locationFor = (target) => (target === '/file' ? 'file:///etc/passwd' : undefined);
      const { api } = await client();
      const error = (await api.get('/file').catch((e: unknown) => e)) as {
        code?: string;
        message?: string;
      };
      expect(error.message).toMatch(/file:/);
      expect(error.code).toBe('ERR_FR_REDIRECTION_FAILURE');
    });

    it('maxRedirects bounds the hops (axios error ERR_FR_TOO_MANY_REDIRECTS)', async () => {
      locationFor = (target) => (target.startsWith('/loop') ? `/loop${target.length}` : undefined);
      const { api } = await client();
      const before = emulator.requests.length;
      const error = (await api.get('/loop', { maxRedirects: 2 }).catch((e: unknown) => e)) as {
        code?: string;
      };
      expect(error.code).toBe('ERR_FR_TOO_MANY_REDIRECTS');
      expect(emulator.requests.length - before).toBe(3);
    });

    it('maxRedirects: 0 hands the redirect back and follows nothing', async () => {
      locationFor = (target) => (target === '/away' ? `${other.url}/landing` : undefined);
      const { api } = await client();
      const response = await api.get('/away', { maxRedirects: 0, validateStatus: () => true });
      expect(response.status).toBe(302);
      expect(response.headers.location).toBe(`${other.url}/landing`);
      expect(other.requests).toHaveLength(0);
    });
  });
});
