import { startIamEmulator } from '@sigv4/msw/server';
import type { AxiosError } from 'axios';
import FormData from 'form-data';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AXIOS_VERSIONS, nodeAdapters, useAxios } from './axios-versions.ts';
import { CREDENTIALS, LOOPBACK_SCOPE } from './helpers.js';

// AWS's clock is 10 minutes ahead of ours: the first signature is "expired" for it.
const OUR_CLOCK = new Date('2026-11-23T10:00:00Z');
const AWS_CLOCK = new Date(OUR_CLOCK.getTime() + 10 * 60_000);
let emulator: Awaited<ReturnType<typeof startIamEmulator>>;

beforeAll(async () => {
  emulator = await startIamEmulator({
    credentials: [CREDENTIALS],
    emulate: 'apigateway-rest',
    region: 'us-east-1',
    clock: () => AWS_CLOCK,
  });
});
afterAll(() => emulator.close());

describe.each(AXIOS_VERSIONS)('$module', (version) => {
  const loaded = useAxios(version);

  describe.each(nodeAdapters(version))('clock skew, %s adapter', (adapter) => {
    it('corrects the clock from the 403, signs again and resends once; later requests are right first time', async () => {
      const api = loaded.axios.create({ baseURL: `${emulator.url}/prod`, adapter });
      loaded.lib.addSigV4Interceptor(api, { ...LOOPBACK_SCOPE, clock: () => OUR_CLOCK });
      const before = emulator.requests.length;
      const form = new FormData();
      form.append('note', 'sent twice, read once');
      const response = await api.post('/notes', form);
      expect(response.status).toBe(200);
      const [refused, accepted] = emulator.requests.slice(before);
      expect(refused?.result.ok).toBe(false);
      expect(refused?.result.ok === false && refused.result.reason).toMatch(/expired/i);
      expect(accepted?.result.ok).toBe(true);
      // The resend carries the same bytes (a form-data stream is read only once).
      expect(Buffer.from(accepted?.raw.body ?? []).toString()).toContain('sent twice, read once');
      expect(accepted?.raw.body).toEqual(refused?.raw.body);

      const again = await api.get('/items');
      expect(again.status).toBe(200);
      expect(emulator.requests.length - before).toBe(3);
    });

    it('with correctClockSkew: false the 403 reaches the caller', async () => {
      const api = loaded.axios.create({ baseURL: `${emulator.url}/prod`, adapter });
      loaded.lib.addSigV4Interceptor(api, {
        ...LOOPBACK_SCOPE,
        clock: () => OUR_CLOCK,
        correctClockSkew: false,
      });
      const error = await api.get('/items').catch((e: unknown) => e);
      expect(loaded.axios.isAxiosError(error)).toBe(true);
      expect((error as AxiosError).response?.status).toBe(403);
      expect(String((error as AxiosError<{ message: string }>).response?.data.message)).toMatch(
        /^Signature expired/,
      );
    });
  });
});
