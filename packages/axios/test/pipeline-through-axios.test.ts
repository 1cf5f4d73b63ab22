// The transport defects core's pipeline fixes, checked through axios (both
// versions, every Node adapter) over loopback: clock skew learnt per origin and bounded,
// a streaming 403 handed on without being read to its end, "already signed" decided on the
// query's parameter names, short-lived credentials not fetched per request, and retries.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { IamEmulator } from '@sigv4/msw/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AXIOS_VERSIONS, loadAxios, nodeAdapters } from './axios-versions.ts';
import { arrivedHeader, CREDENTIALS, LOOPBACK_SCOPE, startEmulator } from './helpers.ts';

let a: IamEmulator;
let b: IamEmulator;
let skewDate = '';
let busyLeft = 0;
let endless: Server;
let endlessUrl = '';

const amzDate = (date: Date): string => date.toISOString().replace(/[-:]|\.\d{3}/g, '');

beforeAll(async () => {
  a = await startEmulator(({ raw }) => {
    if (raw.target.startsWith('/poison')) {
      const now = amzDate(new Date());
      return {
        status: 403,
        headers: { date: skewDate, 'content-type': 'application/json' },
        body: JSON.stringify({
          message: `Signature expired: ${now} is now earlier than ${now} (${now} - 5 min.)`,
        }),
      };
    }
    if (raw.target.startsWith('/busy') && busyLeft > 0) {
      busyLeft -= 1;
      return { status: 503, body: 'busy' };
    }
    return { status: 200, body: raw.target };
  });
  b = await startEmulator();
  // A 403 whose body never ends (no Content-Length): it must not be waited for.
  endless = createServer((_req, res) => {
    res.writeHead(403, { 'content-type': 'application/json' });
    res.write('{"message":"Signature expired: ');
  });
  await new Promise<void>((resolve) => endless.listen(0, '127.0.0.1', resolve));
  endlessUrl = `http://127.0.0.1:${(endless.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await a.close();
  await b.close();
  endless.closeAllConnections();
  await new Promise((resolve) => endless.close(resolve));
});

const after = <T>(ms: number, value: T): Promise<T> =>
  new Promise((resolve) => setTimeout(() => resolve(value), ms));

describe.each(AXIOS_VERSIONS)('$module', (version) => {
  describe.each(nodeAdapters(version))('%s adapter', (adapter) => {
    const client = async (extra: Record<string, unknown> = {}) => {
      const { axios, lib } = await loadAxios(version);
      const api = axios.create({ adapter });
      lib.addSigV4Interceptor(api, { ...LOOPBACK_SCOPE, ...extra });
      return api;
    };

    it("one host's clock-skew 403 does not move the clock for another host", async () => {
      // With a +3 h clock, credentials valid for 1 h more would look expired: nothing is sent.
      const expiration = new Date(Date.now() + 3600_000);
      const api = await client({ credentials: { ...CREDENTIALS, expiration } });
      skewDate = new Date(Date.now() + 3 * 3600_000).toUTCString();
      await api.get(`${a.url}/poison`).catch(() => undefined);
      const before = b.requests.length;
      const response = await api.get(`${b.url}/fine`);
      expect(response.status).toBe(200);
      expect(b.requests.slice(before).map((r) => r.result.ok)).toEqual([true]);
    });

    it('an absurd Date on a skew 403 is ignored: the 403 comes back, no RangeError', async () => {
      const api = await client();
      skewDate = 'Sat, 01 Jan 300000 00:00:00 GMT';
      const before = a.requests.length;
      const error = (await api.get(`${a.url}/poison`).catch((e) => e)) as {
        response?: { status: number };
      };
      expect(error).not.toBeInstanceOf(RangeError);
      expect(error.response?.status).toBe(403);
      // The time in AWS's message (sane) may be used instead: every resend is signed in range.
      for (const request of a.requests.slice(before)) expect(request.result.ok).toBe(true);
      const later = await api.get(`${a.url}/fine`);
      expect(later.status).toBe(200);
    });

    it('a 403 that streams forever is handed on (responseType stream), not read to its end', async () => {
      const api = await client();
      const outcome = await Promise.race([
        api.get(`${endlessUrl}/x`, { responseType: 'stream', validateStatus: () => true }),
        after(5_000, 'hung' as const),
      ]);
      expect(outcome).not.toBe('hung');
      if (outcome === 'hung') return;
      expect(outcome.status).toBe(403);
      const body = outcome.data as { destroy?: () => void; cancel?: () => Promise<void> };
      if (body.destroy) body.destroy();
      else await body.cancel?.();
    });

    it('a query value holding "X-Amz-Signature=" is signed; a presigned URL is sent as it is', async () => {
      const api = await client();
      await api.get(`${a.url}/next?next=https%3A%2F%2Fx%2F%3FX-Amz-Signature%3D1`);
      const signed = a.requests.at(-1);
      expect(signed?.result.ok).toBe(true);
      expect(signed && arrivedHeader(signed, 'authorization')).toHaveLength(1);
      await api
        .get(`${a.url}/presigned?X-Amz-Signature=${'0'.repeat(64)}&X-Amz-Date=x`)
        .catch(() => undefined);
      const presigned = a.requests.at(-1);
      expect(presigned?.raw.target).toMatch(/^\/presigned\?X-Amz-Signature=/);
      expect(presigned && arrivedHeader(presigned, 'authorization')).toEqual([]);
    });

    it('credentials with less than 5 minutes left are not fetched again for every request', async () => {
      let calls = 0;
      const api = await client({
        credentials: async () => {
          calls += 1;
          return { ...CREDENTIALS, expiration: new Date(Date.now() + 120_000) };
        },
      });
      for (let i = 0; i < 20; i += 1) await api.get(`${a.url}/fine`);
      expect(calls).toBe(1);
    });

    it('retry: a GET is retried after a 503, signed afresh; a POST is not by default', async () => {
      const api = await client({ retry: { limit: 1, delay: () => 0 } });
      busyLeft = 1;
      const before = a.requests.length;
      const response = await api.get(`${a.url}/busy`);
      expect(response.status).toBe(200);
      const tries = a.requests.slice(before);
      expect(tries.map((r) => r.result.ok)).toEqual([true, true]);
      busyLeft = 1;
      const posted = a.requests.length;
      const error = (await api.post(`${a.url}/busy`, 'x').catch((e) => e)) as {
        response?: { status: number };
      };
      expect(error.response?.status).toBe(503);
      expect(a.requests.length - posted).toBe(1);
      busyLeft = 0;
    });
  });
});
