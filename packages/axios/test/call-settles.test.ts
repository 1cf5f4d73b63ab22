// Calls that must settle as they do with plain axios, on every Node adapter of the lowest and
// the latest axios: a corrupt gzip body (axios rejects with Z_DATA_ERROR), with and without a
// timeout; a request body stream destroyed without an error; and an abort after the response
// arrived, which errors a streamed response body with ERR_CANCELED as axios does.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AXIOS_VERSIONS, loadAxios, nodeAdapters } from './axios-versions.ts';
import { LOOPBACK_SCOPE } from './helpers.ts';

let server: Server;
let base = '';
beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    if (req.url === '/gzip') {
      res.writeHead(200, { 'content-encoding': 'gzip', 'content-type': 'text/plain' });
      res.end(Buffer.from('this is not gzip at all, not even close'));
      return;
    }
    // A body that starts at once and then trickles, so that the call can be aborted mid-body.
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.write('first chunk;');
    const timer = setInterval(() => res.write('more;'), 50);
    res.on('close', () => clearInterval(timer));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const after = <T>(ms: number, value: T): Promise<T> =>
  new Promise((resolve) => setTimeout(() => resolve(value), ms));

/** How a call settled, or 'hung' after 4 s. */
async function settled(call: Promise<unknown>): Promise<string> {
  const outcome = call.then(
    () => 'resolved',
    (error: { code?: unknown }) => `rejected ${String(error?.code)}`,
  );
  return Promise.race([outcome, after(4_000, 'hung')]);
}

/** How a response body stream ended: its error code, 'ended', or 'still running' after 2 s. */
function streamEnd(data: unknown): Promise<string> {
  return Promise.race([
    (async () => {
      try {
        for await (const _chunk of data as AsyncIterable<unknown>) {
          // read to the end, or to the error
        }
        return 'ended';
      } catch (error) {
        return `errored ${String((error as { code?: unknown }).code)}`;
      }
    })(),
    after(2_000, 'still running'),
  ]);
}

const losesZlibErrors = (version: { module: string }): boolean => version.module === 'axios-1.6.0';

describe.each(AXIOS_VERSIONS)('$module', (version) => {
  describe.each(nodeAdapters(version))('%s adapter', (adapter) => {
    const clients = async () => {
      const { axios, lib } = await loadAxios(version);
      const plain = axios.create({ baseURL: base, adapter });
      const signed = axios.create({ baseURL: base, adapter });
      lib.addSigV4Interceptor(signed, LOOPBACK_SCOPE);
      return { plain, signed };
    };

    // axios before 1.16 loses a decompression error with redirects off (`if (req.destroyed)
    // return`), and every hop is sent with redirects off: there the call settles by its timeout
    // (README, Differences from axios); from 1.16 on, as plain axios.
    it.each([
      ['without a timeout', {}],
      ['with a timeout', { timeout: 1_000 }],
    ])('a corrupt gzip body settles as with plain axios, %s', async (name, extra) => {
      const { plain, signed } = await clients();
      const expected = await settled(plain.get('/gzip', extra));
      expect(expected).toMatch(/^rejected/);
      const actual = await settled(signed.get('/gzip', extra));
      if (!losesZlibErrors(version)) expect(actual).toBe(expected);
      else if (name === 'with a timeout') expect(actual).toBe('rejected ECONNABORTED');
      else expect(actual).toBe('hung');
    });

    it('a request body stream destroyed without an error settles as with plain axios', async () => {
      const { plain, signed } = await clients();
      const body = () =>
        new Readable({
          read() {
            this.destroy();
          },
        });
      const expected = await settled(plain.post('/upload', body()));
      expect(expected).toMatch(/^rejected/);
      expect(await settled(signed.post('/upload', body()))).toBe(expected);
    });

    it('an abort after the response arrived errors the body stream with ERR_CANCELED', async () => {
      const { plain, signed } = await clients();
      const ends: string[] = [];
      for (const api of [plain, signed]) {
        const controller = new AbortController();
        const response = await api.get('/trickle', {
          responseType: 'stream',
          signal: controller.signal,
        });
        setTimeout(() => controller.abort(), 100);
        ends.push(await streamEnd(response.data));
      }
      expect(ends[0]).toBe('errored ERR_CANCELED');
      expect(ends[1]).toBe(ends[0]);
    });
  });
});
