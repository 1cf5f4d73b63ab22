// axios's `timeout`, `signal` and `cancelToken` bound the whole call, credential resolution and
// body buffering included, on every Node adapter of the lowest and the latest axios.
import { Readable } from 'node:stream';
import type { IamEmulator } from '@sigv4/msw/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AXIOS_VERSIONS, loadAxios, nodeAdapters } from './axios-versions.ts';
import { CREDENTIALS, startEmulator } from './helpers.ts';

let emulator: IamEmulator;
let delayMs = 0;
beforeAll(async () => {
  emulator = await startEmulator(async () => {
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    return { status: 200, body: 'ok' };
  });
});
afterAll(() => emulator.close());

const never = (): Promise<never> => new Promise<never>(() => undefined);
const after = <T>(ms: number, value: T): Promise<T> =>
  new Promise((resolve) => setTimeout(() => resolve(value), ms));

/** Settles like `promise`, or fails the test after 5 s (a hang is the defect). */
function within5s<T>(promise: Promise<T>): Promise<T | 'hung'> {
  return Promise.race([promise, after(5_000, 'hung' as const)]);
}

describe.each(AXIOS_VERSIONS)('$module', (version) => {
  describe.each(nodeAdapters(version))('%s adapter', (adapter) => {
    const client = async (credentials: unknown = CREDENTIALS) => {
      const { axios, lib } = await loadAxios(version);
      const api = axios.create({ baseURL: emulator.url, adapter });
      lib.addSigV4Interceptor(api, {
        credentials: credentials as typeof CREDENTIALS,
        service: 'execute-api',
        region: 'us-east-1',
      });
      return { api, axios };
    };

    it('timeout bounds a credentials provider that never settles (axios timeout error)', async () => {
      const { api } = await client(never);
      const before = emulator.requests.length;
      const started = Date.now();
      const error = (await within5s(api.get('/slow', { timeout: 200 }).catch((e) => e))) as {
        code?: string;
        message?: string;
        config?: unknown;
      };
      expect(error).not.toBe('hung');
      expect(error.code).toBe('ECONNABORTED');
      expect(error.message).toBe('timeout of 200ms exceeded');
      expect(error.config).toBeDefined();
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(emulator.requests.length).toBe(before);
    });

    it('an abort signal ends a call waiting for credentials (CanceledError)', async () => {
      const { api, axios } = await client(never);
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 100);
      const error = await within5s(api.get('/x', { signal: controller.signal }).catch((e) => e));
      expect(error).not.toBe('hung');
      expect(axios.isCancel(error)).toBe(true);
    });

    it('a cancel token ends a call waiting for credentials', async () => {
      const { api, axios } = await client(never);
      const source = axios.CancelToken.source();
      setTimeout(() => source.cancel('changed my mind'), 100);
      const error = (await within5s(
        api.get('/x', { cancelToken: source.token }).catch((e) => e),
      )) as { message?: string };
      expect(axios.isCancel(error)).toBe(true);
      expect(error.message).toBe('changed my mind');
    });

    it('timeout bounds buffering a stream body that stalls, and the stream is destroyed', async () => {
      const { api } = await client();
      const body = new Readable({ read() {} });
      body.push('half a body');
      const error = (await within5s(
        api.post('/upload', body, { timeout: 200 }).catch((e) => e),
      )) as { code?: string };
      expect(error).not.toBe('hung');
      expect(error.code).toBe('ECONNABORTED');
      expect(body.destroyed).toBe(true);
    });

    it('timeout is one deadline for credentials and the response together', async () => {
      // Each step alone fits in the timeout; both together do not.
      const { api } = await client(() => after(250, CREDENTIALS));
      delayMs = 250;
      try {
        const error = (await within5s(api.get('/both', { timeout: 400 }).catch((e) => e))) as {
          code?: string;
        };
        expect(error.code).toBe('ECONNABORTED');
      } finally {
        delayMs = 0;
      }
    });
  });
});
