// `user:password@host` in a URL: axios's http adapter turns it into HTTP Basic auth, which
// replaces the Authorization header, so the signature would not be sent. The interceptor
// refuses it (ERR_SIGV4_INVALID_URL; README, Differences from axios) and sends nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AXIOS_VERSIONS, loadAxios, nodeAdapters } from './axios-versions.ts';
import { type CaptureServer, LOOPBACK_SCOPE, startCaptureServer } from './helpers.ts';

let server: CaptureServer;
beforeAll(async () => {
  server = await startCaptureServer();
});
afterAll(() => server.close());

describe.each(AXIOS_VERSIONS)('$module', (version) => {
  describe.each(nodeAdapters(version))('%s adapter', (adapter) => {
    it('user info in the URL is refused, nothing is sent', async () => {
      const { axios, lib } = await loadAxios(version);
      const signed = axios.create({ adapter });
      lib.addSigV4Interceptor(signed, LOOPBACK_SCOPE);
      const before = server.requests.length;
      const url = `${server.url.replace('//', '//user:pw@')}/x`;
      const error = await signed.get(url).catch((e: unknown) => e);
      expect(lib.isSigV4Error(error, 'ERR_SIGV4_INVALID_URL')).toBe(true);
      expect(String((error as Error).message)).not.toContain('pw');
      expect(server.requests.length).toBe(before);
    });
  });
});
