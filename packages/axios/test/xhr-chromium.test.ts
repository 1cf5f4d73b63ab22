/**
 * axios in a real browser (Debian's Chromium, driven by playwright-core), where its default
 * adapter is XHR. XHR follows a redirect to any origin with every header; a signed request must
 * never go through it. The page (one origin) calls the IAM emulator (another origin, CORS on),
 * which redirects to a third origin that would accept anything (CORS wide open, preflights
 * included) and records what reaches it.
 * Both axios versions are bundled with esbuild from this package's sources: the latest goes
 * through axios's fetch adapter; axios 1.6.0 has no fetch adapter and refuses.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { IamEmulator } from '@sigv4/msw/server';
import { startIamEmulator } from '@sigv4/msw/server';
import { build } from 'esbuild';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ChromiumSession,
  chromiumPath,
  launchChromium,
} from '../../../test-fixtures/chromium.mjs';
import { AXIOS_VERSIONS, type AxiosVersion } from './axios-versions.ts';
import { SESSION_CREDENTIALS, SIGV4_HEADER_NAMES } from './helpers.ts';

const region = 'us-east-1';

let page: Page;
let browser: ChromiumSession<BrowserContext> | undefined;
let site: Server | undefined;
let elsewhere: Server | undefined;
let elsewhereUrl = '';
let emulator: IamEmulator;
const bundles = new Map<string, string>();
/** What reached the third origin: method and lower-cased header names. */
const reachedElsewhere: Array<{ method: string; headers: string[] }> = [];

const globalName = (version: AxiosVersion): string =>
  version.module === 'axios' ? 'SigV4AxiosLatest' : 'SigV4Axios160';

/** This package's sources with `version`'s axios, as a browser bundle exposing `{ axios, lib }`. */
async function browserBundle(version: AxiosVersion): Promise<string> {
  const packages = new URL('../../', import.meta.url);
  const result = await build({
    stdin: {
      contents:
        "import axios from 'axios'; import * as lib from '../src/index.ts'; export { axios, lib };",
      resolveDir: fileURLToPath(new URL('.', import.meta.url)),
      loader: 'ts',
    },
    alias: {
      '@sigv4/core': fileURLToPath(new URL('core/src/index.ts', packages)),
      '@sigv4/core/internal': fileURLToPath(new URL('core/src/internal.ts', packages)),
      ...(version.module === 'axios' ? {} : { axios: version.module }),
    },
    // Package aliases resolve from here, where `axios-1.6.0` is installed.
    absWorkingDir: fileURLToPath(new URL('..', import.meta.url)),
    bundle: true,
    platform: 'browser',
    format: 'iife',
    globalName: globalName(version),
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]?.text ?? '';
  if (/["']node:/.test(code)) throw new Error('the browser bundle pulls in a node: module');
  return code;
}

interface PageOutcome {
  readonly status?: number | undefined;
  readonly data?: unknown;
  readonly code?: string | undefined;
  readonly message?: string | undefined;
}

/** Runs `api.request(config)` in the page with `version`'s axios and the interceptor. */
function requestInPage(
  version: AxiosVersion,
  config: Record<string, unknown>,
): Promise<PageOutcome> {
  return page.evaluate(
    async ({ name, baseURL, credentials, region, config }) => {
      type Bundle = {
        axios: typeof import('axios').default;
        lib: typeof import('../src/index.ts');
      };
      const { axios, lib } = (window as unknown as Record<string, Bundle>)[name] as Bundle;
      const api = axios.create({ baseURL });
      lib.addSigV4Interceptor(api, { credentials, service: 'execute-api', region });
      try {
        const response = await api.request(config);
        return { status: response.status, data: response.data };
      } catch (error) {
        const e = error as { code?: string; message?: string };
        return { code: e.code, message: e.message };
      }
    },
    {
      name: globalName(version),
      baseURL: emulator.url,
      credentials: SESSION_CREDENTIALS,
      region,
      config,
    },
  );
}

beforeAll(async () => {
  chromiumPath('sigv4/axios');
  for (const version of AXIOS_VERSIONS)
    bundles.set(globalName(version), await browserBundle(version));
  site = createServer((req, res) => {
    const name = (req.url ?? '/').slice(1).replace(/\.js$/, '');
    const bundle = bundles.get(name);
    if (bundle !== undefined) {
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(bundle);
      return;
    }
    const scripts = [...bundles.keys()].map((n) => `<script src="/${n}.js"></script>`).join('');
    res
      .writeHead(200, { 'content-type': 'text/html' })
      .end(`<!doctype html><title>app</title>${scripts}`);
  });
  await new Promise<void>((resolve) => site?.listen(0, '127.0.0.1', resolve));
  const pageOrigin = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;

  // The third origin: accepts any origin (a redirected CORS request has origin "null"), any
  // method and header, and records what arrives.
  elsewhere = createServer((req, res) => {
    reachedElsewhere.push({ method: req.method ?? '', headers: Object.keys(req.headers) });
    res.writeHead(req.method === 'OPTIONS' ? 204 : 200, {
      'access-control-allow-origin': req.headers.origin ?? '*',
      'access-control-allow-methods': req.headers['access-control-request-method'] ?? 'GET',
      'access-control-allow-headers': req.headers['access-control-request-headers'] ?? '*',
    });
    res.end(req.method === 'OPTIONS' ? undefined : 'elsewhere');
  });
  await new Promise<void>((resolve) => elsewhere?.listen(0, '127.0.0.1', resolve));
  elsewhereUrl = `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}`;

  emulator = await startIamEmulator({
    emulate: 'apigateway-rest',
    region,
    credentials: [SESSION_CREDENTIALS],
    cors: { origins: [pageOrigin] },
    resolver: ({ raw }) => {
      if (raw.target.startsWith('/away'))
        return { status: 302, headers: { location: `${elsewhereUrl}/landing` } };
      if (raw.target.startsWith('/moved')) return { status: 302, headers: { location: '/items' } };
      return { status: 200, body: `${raw.method} ${raw.target}` };
    },
  });

  browser = await launchChromium(chromium, {
    label: 'sigv4/axios',
    url: `${pageOrigin}/`,
    profilePrefix: 'sigv4-axios-chromium-',
  });
  page = browser.page;
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => (site ? site.close(resolve) : resolve(undefined)));
  await new Promise((resolve) => (elsewhere ? elsewhere.close(resolve) : resolve(undefined)));
  await emulator?.close();
});

describe.each(AXIOS_VERSIONS)('$module in Chromium (default adapter: XHR)', (version) => {
  it(
    version.hasFetchAdapter
      ? 'a signed POST goes out through the fetch adapter and verifies, session token included'
      : 'a signed request is refused with ERR_SIGV4_UNSIGNABLE_REQUEST, nothing is sent',
    async () => {
      const before = emulator.requests.length;
      const outcome = await requestInPage(version, {
        method: 'post',
        url: '/items',
        params: { q: 'a b' },
        data: { name: 'Grace Hopper' },
      });
      if (!version.hasFetchAdapter) {
        expect(outcome.code).toBe('ERR_SIGV4_UNSIGNABLE_REQUEST');
        expect(outcome.message).toMatch(/axios 1\.7/);
        expect(emulator.requests.length).toBe(before);
        return;
      }
      expect(outcome).toMatchObject({ status: 200, data: 'POST /items?q=a%20b' });
      const arrived = emulator.requests.at(-1);
      expect(arrived?.result.ok).toBe(true);
      expect(arrived?.raw.headers).toContainEqual([
        'x-amz-security-token',
        SESSION_CREDENTIALS.sessionToken,
      ]);
    },
  );

  it('a redirect to another origin carries no SigV4 header there: it is not followed', async () => {
    reachedElsewhere.length = 0;
    const outcome = await requestInPage(version, { method: 'get', url: '/away' });
    expect(outcome.status).toBeUndefined();
    expect(outcome.code).toBe(
      version.hasFetchAdapter ? 'ERR_SIGV4_REDIRECT_BLOCKED' : 'ERR_SIGV4_UNSIGNABLE_REQUEST',
    );
    const leaked = reachedElsewhere.flatMap((r) =>
      r.headers.filter((h) => (SIGV4_HEADER_NAMES as readonly string[]).includes(h)),
    );
    expect(leaked).toEqual([]);
    expect(reachedElsewhere).toEqual([]);
  });

  it('a same-origin redirect is not followed either: the browser hides where it goes', async () => {
    const before = emulator.requests.length;
    const outcome = await requestInPage(version, { method: 'get', url: '/moved' });
    if (!version.hasFetchAdapter) {
      expect(outcome.code).toBe('ERR_SIGV4_UNSIGNABLE_REQUEST');
      expect(emulator.requests.length).toBe(before);
      return;
    }
    expect(outcome.code).toBe('ERR_SIGV4_REDIRECT_BLOCKED');
    expect(emulator.requests.slice(before).map((r) => r.raw.target)).toEqual(['/moved']);
  });
});
