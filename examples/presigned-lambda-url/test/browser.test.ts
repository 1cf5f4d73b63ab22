import {
  createServer,
  type IncomingMessage,
  request,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { type IamEmulator, startIamEmulator } from '@sigv4/msw/server';
import { build } from 'esbuild';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ChromiumSession,
  chromiumPath,
  launchChromium,
} from '../../../test-fixtures/chromium.mjs';
import { pageHandler } from '../src/server.mjs';

const credentials = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
};
const region = 'eu-west-1';

/** @sigv4/fetch as a browser bundle: its sources, with @sigv4/core's portable entry. */
async function browserBundle(): Promise<string> {
  const packages = new URL('../../../packages/', import.meta.url);
  const result = await build({
    entryPoints: [fileURLToPath(new URL('fetch/src/index.ts', packages))],
    alias: {
      '@sigv4/core': fileURLToPath(new URL('core/src/index.ts', packages)),
      '@sigv4/core/internal': fileURLToPath(new URL('core/src/internal.ts', packages)),
    },
    bundle: true,
    platform: 'browser',
    format: 'esm',
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]?.text ?? '';
  if (/["']node:/.test(code)) throw new Error('the browser bundle pulls in a node: module');
  return code;
}

/** Sends the request as it came (request-target, raw headers with the page's Host, body). */
function proxy(to: IamEmulator, req: IncomingMessage, res: ServerResponse): void {
  const target = new URL(to.url);
  const out = request(
    {
      host: target.hostname,
      port: target.port,
      method: req.method,
      path: req.url,
      headers: req.rawHeaders,
    },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.rawHeaders);
      answer.pipe(res);
    },
  );
  out.on('error', () => res.writeHead(502).end());
  req.pipe(out);
}

let emulator: IamEmulator;
let server: Server;
let origin: string;
let browser: ChromiumSession<BrowserContext> | undefined;
let page: Page;

beforeAll(async () => {
  chromiumPath('example-presigned-lambda-url');
  emulator = await startIamEmulator({ emulate: 'lambda-url', region, credentials: [credentials] });
  const bundle = await browserBundle();
  // One origin for the page, the presigning server and (proxied) the function URL, as the
  // emulator sends no CORS headers; on AWS, configure CORS on the function URL instead.
  let handle: ReturnType<typeof pageHandler> | undefined;
  server = createServer((req, res) => {
    if (req.url === '/sigv4-fetch.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(bundle);
      return;
    }
    handle?.(req, res)
      .then((answered) => answered || proxy(emulator, req, res))
      .catch((error: unknown) => res.writeHead(500).end(String(error)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  handle = pageHandler(`${origin}/`, { service: 'lambda', region, credentials });

  browser = await launchChromium(chromium, {
    label: 'example-presigned-lambda-url',
    url: `${origin}/`,
  });
  page = browser.page;
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  await emulator?.close();
});

const fromChromium = (headers: ReadonlyArray<readonly [string, string]> | undefined) =>
  headers?.find(([name]) => name.toLowerCase() === 'user-agent')?.[1] ?? '';

describe('in Chromium', () => {
  it('signs a POST in the page with the browser build of @sigv4/fetch', async () => {
    // Load the bundle as the page's own module (vitest would rewrite an import() in evaluate).
    await page.addScriptTag({
      type: 'module',
      content: "import * as sigv4 from '/sigv4-fetch.js'; window.sigv4 = sigv4;",
    });
    await page.waitForFunction(() => 'sigv4' in window);
    const answer = await page.evaluate(
      async ({ credentials, region }) => {
        type Sigv4 = typeof import('@sigv4/fetch');
        const { createSignedFetch } = (window as unknown as { sigv4: Sigv4 }).sigv4;
        const signedFetch = createSignedFetch({ credentials, service: 'lambda', region });
        const response = await signedFetch(`${location.origin}/orders?id=42`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ quantity: 2 }),
        });
        return { status: response.status, body: await response.text() };
      },
      { credentials, region },
    );
    expect(answer.status).toBe(200);
    const arrived = emulator.requests.at(-1);
    expect(fromChromium(arrived?.raw.headers)).toMatch(/HeadlessChrome|Chrome/);
    expect(arrived?.raw.method).toBe('POST');
    expect(arrived?.raw.target).toBe('/orders?id=42');
    expect(new TextDecoder().decode(arrived?.raw.body)).toBe('{"quantity":2}');
    expect(arrived?.result).toMatchObject({
      ok: true,
      identity: { accessKeyId: 'AKIDEXAMPLE', service: 'lambda', region, mode: 'header' },
    });
    if (!arrived?.result.ok) throw new Error('refused');
    expect(arrived.result.identity.signedHeaders).toContain('x-amz-content-sha256');
  });

  it("the example page fetches the URL Node presigned and shows the function's answer", async () => {
    await page.fill('input[name=user]', 'Bjarne Stroustrup');
    await page.click('button');
    await page.waitForFunction(() =>
      /^\d{3} /.test(document.getElementById('out')?.textContent ?? ''),
    );
    const shown = (await page.textContent('#out')) ?? '';
    expect(shown.slice(0, 4)).toBe('200 ');
    const arrived = emulator.requests.at(-1);
    expect(fromChromium(arrived?.raw.headers)).toMatch(/Chrome/);
    expect(arrived?.raw.target).toMatch(/^\/report\?.*user=Bjarne%20Stroustrup/);
    expect(arrived?.result).toMatchObject({
      ok: true,
      identity: { mode: 'query', signedHeaders: ['host'] },
    });
    expect(JSON.parse(shown.slice(4))).toMatchObject({
      path: '/report',
      identity: { mode: 'query' },
    });
  });

  it("a tampered presigned URL gets AWS's 403 in the browser", async () => {
    const answer = await page.evaluate(async () => {
      const { url } = (await (await fetch('/report-url?user=Ada')).json()) as { url: string };
      const response = await fetch(url.replace('user=Ada', 'user=Mallory'));
      return {
        status: response.status,
        errorType: response.headers.get('x-amzn-errortype'),
        body: await response.text(),
      };
    });
    expect(answer.status).toBe(403);
    expect(answer.errorType).toBe('InvalidSignatureException');
    expect(answer.body).toMatch(/The request signature we calculated does not match/);
    const arrived = emulator.requests.at(-1);
    expect(arrived?.raw.target).toContain('user=Mallory');
    expect(arrived?.result.ok).toBe(false);
  });
});
