import type { IamEmulator } from '@sigv4/msw/server';
import type { AxiosRequestConfig } from 'axios';
import axiosRetry from 'axios-retry';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isSigV4Error } from '../src/index.ts';
import { AXIOS_VERSIONS, nodeAdapters, useAxios } from './axios-versions.ts';
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
beforeAll(async () => {
  emulator = await startEmulator(() => {
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
});

describe.each(AXIOS_VERSIONS)('$module', (version) => {
  const loaded = useAxios(version);

  describe.each(nodeAdapters(version))('through the %s adapter', (adapter) => {
    it('a retry by axios-retry is signed again, with a new date, and sends the same request', async () => {
      let tick = 0;
      const api = loaded.axios.create({ baseURL: emulator.url, adapter, params: { key: 'k 1' } });
      axiosRetry(api, { retries: 2, retryDelay: () => 0, retryCondition: () => true });
      loaded.lib.addSigV4Interceptor(api, {
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
      const api = loaded.axios.create({ baseURL: emulator.url, adapter });
      loaded.lib.addSigV4Interceptor(api, LOOPBACK_SCOPE);
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
      const api = loaded.axios.create({ baseURL: emulator.url, adapter });
      loaded.lib.addSigV4Interceptor(api, { ...LOOPBACK_SCOPE, credentials: SESSION_CREDENTIALS });
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
      const api = loaded.axios.create({ baseURL: emulator.url, adapter });
      loaded.lib.addSigV4Interceptor(api, LOOPBACK_SCOPE);
      const before = emulator.requests.length;
      const error = await api
        .get('/auth', { auth: { username: 'u', password: 'p' } })
        .catch((e: unknown) => e);
      expect(isSigV4Error(error, 'ERR_SIGV4_UNSIGNABLE_REQUEST')).toBe(true);
      expect(emulator.requests.length).toBe(before);
    });

    it('signs header values as axios sanitises them (control characters dropped, trimmed)', async () => {
      const api = loaded.axios.create({ baseURL: emulator.url, adapter });
      loaded.lib.addSigV4Interceptor(api, LOOPBACK_SCOPE);
      await api.get('/odd', { headers: { 'X-Odd': ' \tva\u0001lue\u2603 ' } });
      const arrived = lastRequest(emulator);
      expect(arrived.result.ok).toBe(true);
      expect(arrivedHeader(arrived, 'x-odd')).toEqual(['value']);
    });

    it('last interceptor wins when two are installed; the request verifies once signed', async () => {
      const api = loaded.axios.create({ baseURL: emulator.url, adapter });
      api.interceptors.request.use(
        loaded.lib.createSigV4Interceptor({ ...LOOPBACK_SCOPE, region: 'eu-west-1' }),
      );
      api.interceptors.request.use(loaded.lib.createSigV4Interceptor(LOOPBACK_SCOPE));
      // axios runs request interceptors last-added first, so the us-east-1 one wraps first and
      // the eu-west-1 one replaces it: the emulator (us-east-1) must refuse the scope.
      const error = (await api.get('/twice').catch((e: unknown) => e)) as {
        response?: { status: number };
      };
      expect(error.response?.status).toBe(403);
      expect(arrivedHeader(lastRequest(emulator), 'authorization')).toHaveLength(1);
    });
  });
});
