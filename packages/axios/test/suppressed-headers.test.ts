// A header set to `null` or `false` keeps axios's default for it off the wire (User-Agent,
// Accept-Encoding), as with plain axios, on every Node adapter of the lowest and latest axios.
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
    it.each([
      ['null', null],
      ['false', false],
    ])('User-Agent and Accept-Encoding set to %s arrive as with plain axios', async (_n, value) => {
      const { axios, lib } = await loadAxios(version);
      const plain = axios.create({ baseURL: server.url, adapter });
      const signed = axios.create({ baseURL: server.url, adapter });
      lib.addSigV4Interceptor(signed, LOOPBACK_SCOPE);
      const headers = { 'User-Agent': value, 'Accept-Encoding': value };
      const arrived = async (api: typeof plain) => {
        server.requests.length = 0;
        await api.get('/h', { headers });
        const got = server.requests[0]?.headers;
        return { ua: got?.['user-agent'], ae: got?.['accept-encoding'] };
      };
      const expected = await arrived(plain);
      expect(expected.ua ?? '').not.toMatch(/^axios\//);
      expect(await arrived(signed)).toEqual(expected);
    });
  });
});
