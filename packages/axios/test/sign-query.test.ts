/**
 * `signQuery: true` (aws4-axios's option): every hop goes to a presigned URL, no Authorization
 * header, verified by the IAM emulator as API Gateway would, on axios 1.6.0 and latest.
 */
import type { IamEmulator } from '@sigv4/msw/server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AXIOS_VERSIONS, loadAxios, nodeAdapters } from './axios-versions.js';
import { arrivedHeader, LOOPBACK_SCOPE, startEmulator } from './helpers.js';

let emulator: IamEmulator;
beforeAll(async () => {
  emulator = await startEmulator(({ raw }) =>
    raw.target.startsWith('/prod/moved')
      ? { status: 302, headers: { location: '/prod/landed' } }
      : { status: 200, body: `${raw.method} ${raw.body.byteLength}` },
  );
});
afterAll(() => emulator.close());
beforeEach(() => emulator.reset());

describe.each(AXIOS_VERSIONS)('$module', (version) => {
  describe.each(nodeAdapters(version))('%s adapter', (adapter) => {
    it('a GET and a POST go presigned and verify; no Authorization header', async () => {
      const { axios, lib } = await loadAxios(version);
      const api = axios.create({ adapter, baseURL: emulator.url });
      lib.addSigV4Interceptor(api, { ...LOOPBACK_SCOPE, signQuery: true });
      await api.get('/prod/items?a=b c');
      const post = await api.post('/prod/items', { name: 'Ada' });
      expect(post.data).toBe('POST 14');
      for (const request of emulator.requests) {
        expect(request.result.ok).toBe(true);
        expect(request.raw.target).toContain('X-Amz-Signature=');
        expect(arrivedHeader(request, 'authorization')).toEqual([]);
      }
    });

    it('a same-origin redirect is presigned again for its own URL', async () => {
      const { axios, lib } = await loadAxios(version);
      const api = axios.create({ adapter, baseURL: emulator.url });
      lib.addSigV4Interceptor(api, { ...LOOPBACK_SCOPE, signQuery: true });
      const res = await api.get('/prod/moved');
      expect(res.data).toBe('GET 0');
      expect(emulator.requests.map((r) => [r.raw.target.split('?')[0], r.result.ok])).toEqual([
        ['/prod/moved', true],
        ['/prod/landed', true],
      ]);
    });

    it('options that cannot take effect with signQuery are refused', async () => {
      const { lib } = await loadAxios(version);
      for (const extra of [{ onSigned: () => undefined }, { alwaysSignHeaders: ['x-a'] }]) {
        expect(() =>
          lib.createSigV4Interceptor({ ...LOOPBACK_SCOPE, signQuery: true, ...extra }),
        ).toThrow(expect.objectContaining({ code: 'ERR_SIGV4_INVALID_OPTION' }));
      }
    });
  });
});
