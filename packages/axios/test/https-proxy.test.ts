// A signed https:// request never reaches a proxy in clear text. axios before 1.16.1 sends it
// to an http proxy as `GET https://... HTTP/1.1`, signature and session token readable there;
// with the interceptor that axios is refused with ERR_SIGV4_UNSIGNABLE_REQUEST (nothing sent),
// and a later axios tunnels (CONNECT): the proxy never sees the request. Checked with a loopback
// proxy, through the `proxy` config and through HTTPS_PROXY.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AXIOS_VERSIONS, loadAxios } from './axios-versions.ts';
import { SESSION_SCOPE } from './helpers.ts';

const TARGET = 'https://abc123.execute-api.us-east-1.amazonaws.com/prod/items';

let proxy: Server;
let proxyPort = 0;
const seen: Array<{ method: string; url: string; headers: IncomingHttpHeaders }> = [];
beforeAll(async () => {
  proxy = createServer((req, res) => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    res.writeHead(200, { 'content-type': 'text/plain' }).end('answered by the proxy');
  });
  proxy.on('connect', (req, socket) => {
    seen.push({ method: 'CONNECT', url: req.url ?? '', headers: req.headers });
    socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  proxyPort = (proxy.address() as AddressInfo).port;
});
afterAll(async () => {
  proxy.closeAllConnections();
  await new Promise((resolve) => proxy.close(resolve));
});
const saved = { HTTPS_PROXY: process.env.HTTPS_PROXY, NO_PROXY: process.env.NO_PROXY };
afterEach(() => {
  seen.length = 0;
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

const tunnels = (module: string): boolean => module !== 'axios-1.6.0';

describe.each(AXIOS_VERSIONS)('$module', (version) => {
  const client = async () => {
    const { axios, lib } = await loadAxios(version);
    const api = axios.create({ adapter: 'http', timeout: 4_000 });
    lib.addSigV4Interceptor(api, SESSION_SCOPE);
    return { api, lib };
  };

  it.each([
    [
      'the proxy config',
      () => ({ proxy: { protocol: 'http', host: '127.0.0.1', port: proxyPort } }),
    ],
    [
      'HTTPS_PROXY',
      () => {
        process.env.HTTPS_PROXY = `http://127.0.0.1:${proxyPort}`;
        return {};
      },
    ],
  ])('through %s, nothing signed reaches the proxy in clear text', async (_name, setUp) => {
    const { api, lib } = await client();
    const error = await api.get(TARGET, setUp()).catch((e: unknown) => e);
    expect(seen.filter((request) => request.method !== 'CONNECT')).toEqual([]);
    for (const request of seen) expect(request.headers.authorization).toBeUndefined();
    if (tunnels(version.module)) {
      expect(seen.map((request) => request.method)).toEqual(['CONNECT']);
      expect(lib.isSigV4Error(error)).toBe(false);
    } else {
      expect(seen).toEqual([]);
      expect(lib.isSigV4Error(error, 'ERR_SIGV4_UNSIGNABLE_REQUEST')).toBe(true);
      expect(String((error as Error).message)).toMatch(/1\.16\.1/);
    }
  });

  it('a host NO_PROXY excludes, or proxy: false, is not refused', async () => {
    process.env.HTTPS_PROXY = `http://127.0.0.1:${proxyPort}`;
    process.env.NO_PROXY = '127.0.0.1';
    const { api, lib } = await client();
    const direct = await api.get('https://127.0.0.1:1/x').catch((e: unknown) => e);
    expect(lib.isSigV4Error(direct)).toBe(false);
    const off = await api.get('https://127.0.0.2:1/x', { proxy: false }).catch((e: unknown) => e);
    expect(lib.isSigV4Error(off)).toBe(false);
    expect(seen).toEqual([]);
  });
});
