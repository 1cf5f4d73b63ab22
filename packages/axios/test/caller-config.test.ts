// `response.config` and `error.config` are the caller's config, as with plain axios, so a retry
// from `error.config` follows redirects, keeps its timeout and is signed afresh; and the final
// URL is where axios's http adapter leaves it (`response.request.res.responseUrl`). Every Node
// adapter of the lowest and the latest axios, against the IAM-checking emulator.
import type { IamEmulator } from '@sigv4/msw/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AXIOS_VERSIONS, loadAxios, nodeAdapters } from './axios-versions.ts';
import {
  type CaptureServer,
  LOOPBACK_SCOPE,
  startCaptureServer,
  startEmulator,
} from './helpers.ts';

let emulator: IamEmulator;
// Plain axios is refused by the emulator (unsigned): configs are compared on a plain server.
let plainServer: CaptureServer;
beforeAll(async () => {
  plainServer = await startCaptureServer(({ target }) =>
    target.startsWith('/old')
      ? { status: 302, headers: { location: '/new' } }
      : { status: 200, body: target },
  );
  emulator = await startEmulator(({ raw }) => {
    if (raw.target.startsWith('/moved')) return { status: 302, headers: { location: '/gone' } };
    if (raw.target === '/gone') return { status: 404, body: 'gone' };
    if (raw.target.startsWith('/old')) return { status: 302, headers: { location: '/new' } };
    return { status: 200, body: raw.target };
  });
});
afterAll(async () => {
  await emulator.close();
  await plainServer.close();
});

const KEYS = ['url', 'baseURL', 'params', 'method', 'timeout', 'maxRedirects'] as const;
const pick = (config: Record<string, unknown> | undefined) =>
  Object.fromEntries(KEYS.map((key) => [key, config?.[key]]));

describe.each(AXIOS_VERSIONS)('$module', (version) => {
  describe.each(nodeAdapters(version))('%s adapter', (adapter) => {
    const clients = async (baseURL = plainServer.url) => {
      const { axios, lib } = await loadAxios(version);
      const plain = axios.create({ baseURL, adapter, timeout: 4_000 });
      const signed = axios.create({ baseURL, adapter, timeout: 4_000 });
      lib.addSigV4Interceptor(signed, LOOPBACK_SCOPE);
      return { plain, signed };
    };

    it('response.config is the caller config, as with plain axios', async () => {
      const { plain, signed } = await clients();
      const expected = await plain.get('/old', { params: { a: 1 } });
      const actual = await signed.get('/old', { params: { a: 1 } });
      expect(actual.data).toBe('/new');
      expect(pick(actual.config as never)).toEqual(pick(expected.config as never));
    });

    it('a retry from error.config follows the redirect again, signed afresh', async () => {
      const { signed } = await clients(emulator.url);
      const error = (await signed.get('/moved', { params: { b: 2 } }).catch((e) => e)) as {
        config: Record<string, unknown>;
        response?: { status: number; config?: unknown };
      };
      expect(error.response?.status).toBe(404);
      expect(error.response?.config).toBe(error.config);
      expect(pick(error.config)).toMatchObject({ url: '/moved', params: { b: 2 }, timeout: 4_000 });
      const before = emulator.requests.length;
      const again = (await signed.request(error.config).catch((e) => e)) as {
        response?: { status: number };
      };
      expect(again.response?.status).toBe(404);
      expect(emulator.requests.slice(before).map((r) => [r.raw.target, r.result.ok])).toEqual([
        ['/moved?b=2', true],
        ['/gone', true],
      ]);
    });

    // Only axios's http adapter has a `request.res` (Node's IncomingMessage).
    if (adapter === 'http')
      it('response.request.res.responseUrl is the final URL, as with plain axios', async () => {
        const { plain, signed } = await clients();
        const url = (response: { request?: { res?: { responseUrl?: unknown } } }) =>
          response.request?.res?.responseUrl;
        const expected = url(await plain.get('/old'));
        expect(expected).toBe(`${plainServer.url}/new`);
        expect(url(await signed.get('/old'))).toBe(expected);
      });
  });
});
