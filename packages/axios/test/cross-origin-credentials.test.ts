// The caller's Cookie and Proxy-Authorization do not follow a redirect to another origin (as
// follow-redirects and fetch drop them), and do follow one on the same origin: checked on the
// wire against plain axios, every Node adapter of the lowest and the latest axios.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AXIOS_VERSIONS, loadAxios, nodeAdapters } from './axios-versions.ts';
import { type CaptureServer, LOOPBACK_SCOPE, startCaptureServer } from './helpers.ts';

let origin: CaptureServer;
let other: CaptureServer;
beforeAll(async () => {
  other = await startCaptureServer();
  origin = await startCaptureServer(({ target }) => {
    if (target === '/away') return { status: 302, headers: { location: `${other.url}/landing` } };
    if (target === '/here') return { status: 307, headers: { location: '/landed' } };
    return { status: 200, body: 'home' };
  });
});
afterAll(async () => {
  await origin.close();
  await other.close();
});

const headers = { Cookie: 'session=caller-cookie', 'Proxy-Authorization': 'Basic cHJveHk6cHc=' };

describe.each(AXIOS_VERSIONS)('$module', (version) => {
  describe.each(nodeAdapters(version))('%s adapter', (adapter) => {
    const clients = async () => {
      const { axios, lib } = await loadAxios(version);
      const plain = axios.create({ baseURL: origin.url, adapter });
      const signed = axios.create({ baseURL: origin.url, adapter });
      lib.addSigV4Interceptor(signed, LOOPBACK_SCOPE);
      return { plain, signed };
    };
    const arrived = (server: CaptureServer, from: number, proxy = true) =>
      server.requests.slice(from).map((r) => ({
        cookie: r.headers.cookie,
        ...(proxy ? { proxyAuthorization: r.headers['proxy-authorization'] } : {}),
      }));

    it('another origin receives neither', async () => {
      const { signed } = await clients();
      const before = other.requests.length;
      await signed.get('/away', { headers });
      expect(arrived(other, before)).toEqual([
        { cookie: undefined, proxyAuthorization: undefined },
      ]);
    });

    // (axios from 1.16 also strips Proxy-Authorization on a same-origin hop, as its proxy
    // logic owns it; with the interceptor each hop is a request of its own: README, Differences.)
    it('the same origin receives the Cookie, as with plain axios', async () => {
      const { plain, signed } = await clients();
      let before = origin.requests.length;
      await plain.get('/here', { headers });
      const expected = arrived(origin, before, false);
      expect(expected).toEqual([{ cookie: headers.Cookie }, { cookie: headers.Cookie }]);
      before = origin.requests.length;
      await signed.get('/here', { headers });
      expect(arrived(origin, before, false)).toEqual(expected);
    });
  });
});
