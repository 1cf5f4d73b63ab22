import { startIamEmulator } from '@sigv4/msw/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AXIOS_VERSIONS, nodeAdapters, useAxios } from './axios-versions.ts';
import { CREDENTIALS, LOOPBACK_SCOPE } from './helpers.js';

// A private API reached through an address that is not its own (a VPC endpoint, a tunnel):
// the caller sets `Host` to the API's host name.
const API_HOST = 'abc123.execute-api.us-east-1.amazonaws.com';
let emulator: Awaited<ReturnType<typeof startIamEmulator>>;

beforeAll(async () => {
  emulator = await startIamEmulator({
    credentials: [CREDENTIALS],
    emulate: 'apigateway-rest',
    region: 'us-east-1',
  });
});
afterAll(() => emulator.close());

describe.each(AXIOS_VERSIONS)('$module', (version) => {
  const loaded = useAxios(version);

  describe('a configured Host header', () => {
    it('http adapter: the Host sent is signed, and service and region come from it', async () => {
      const api = loaded.axios.create({ adapter: 'http', headers: { Host: API_HOST } });
      loaded.lib.addSigV4Interceptor(api, { credentials: CREDENTIALS });
      const response = await api.get(`${emulator.url}/prod/items?q=a b`);
      expect(response.status).toBe(200);
      const arrived = emulator.requests.at(-1);
      expect(arrived?.raw.host).toBe(API_HOST);
      expect(arrived?.result).toMatchObject({
        ok: true,
        identity: { service: 'execute-api', region: 'us-east-1' },
      });
    });

    for (const adapter of nodeAdapters(version).filter((name) => name === 'fetch')) {
      // axios 1.6 has no fetch adapter: this case exists with the latest only.
      it(`${adapter} adapter: fetch sends the URL host whatever Host says, and that is what is signed`, async () => {
        const api = loaded.axios.create({ adapter, headers: { Host: API_HOST } });
        loaded.lib.addSigV4Interceptor(api, LOOPBACK_SCOPE);
        const response = await api.get(`${emulator.url}/prod/items`);
        expect(response.status).toBe(200);
        const arrived = emulator.requests.at(-1);
        expect(arrived?.raw.host).toBe(new URL(emulator.url).host);
        expect(arrived?.result.ok).toBe(true);
      });
    }
  });
});
