/**
 * CORS in a real browser: Debian's Chromium (never a downloaded one), driven by playwright-core.
 * A page on one 127.0.0.1 port fetches a URL presigned by aws4 (not our signer) on the emulator at
 * another port, as a Vite app on localhost:5173 would call a function URL.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import aws4 from 'aws4';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ChromiumSession,
  chromiumPath,
  launchChromium,
} from '../../../test-fixtures/chromium.mjs';
import type { IamEmulator } from '../src/contract.js';
import { startIamEmulator } from '../src/server.js';
import { KEY } from './helpers.js';

const region = 'eu-west-1';

let page: Page;
let browser: ChromiumSession<BrowserContext> | undefined;
let site: Server | undefined;
let pageOrigin: string;
let allowed: IamEmulator;
let elsewhere: IamEmulator;
let off: IamEmulator;

/** A GET URL presigned with aws4 for a function URL on the emulator (only `host` is signed). */
function presign(emulator: IamEmulator, pathAndQuery: string): string {
  const { host } = new URL(emulator.url);
  // aws4 leaves X-Amz-Expires to the caller; AWS (and the emulator) require it.
  const path = `${pathAndQuery}&X-Amz-Expires=300`;
  const signed = aws4.sign({ host, path, service: 'lambda', region, signQuery: true }, KEY);
  return `${emulator.url}${signed.path ?? path}`;
}

/** What the page's `fetch` got, read from JS: status, the exposed headers and the body. */
interface PageAnswer {
  readonly status?: number;
  readonly errorType?: string | null;
  readonly date?: string | null;
  readonly body?: string;
  readonly error?: string;
}

function fetchInPage(url: string, headers: Record<string, string> = {}): Promise<PageAnswer> {
  return page.evaluate(
    async ({ url, headers }) => {
      try {
        const response = await fetch(url, { headers });
        return {
          status: response.status,
          errorType: response.headers.get('x-amzn-errortype'),
          date: response.headers.get('date'),
          body: await response.text(),
        };
      } catch (error) {
        return { error: `${(error as Error).name}: ${(error as Error).message}` };
      }
    },
    { url, headers },
  );
}

beforeAll(async () => {
  chromiumPath('sigv4/msw');
  site = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>app</title>');
  });
  await new Promise<void>((resolve) => site?.listen(0, '127.0.0.1', resolve));
  pageOrigin = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
  const options = { emulate: 'lambda-url', region, credentials: [KEY] } as const;
  allowed = await startIamEmulator({ ...options, cors: { origins: [pageOrigin] } });
  elsewhere = await startIamEmulator({ ...options, cors: { origins: ['http://localhost:5173'] } });
  off = await startIamEmulator(options);

  browser = await launchChromium(chromium, {
    label: 'sigv4/msw',
    url: `${pageOrigin}/`,
    profilePrefix: 'sigv4-msw-chromium-',
  });
  page = browser.page;
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => (site ? site.close(resolve) : resolve(undefined)));
  await Promise.all([allowed?.close(), elsewhere?.close(), off?.close()]);
});

describe('a page on another origin, in Chromium', () => {
  it('cors on: fetches a presigned URL, gets 200 and reads the body', async () => {
    expect(new URL(allowed.url).origin).not.toBe(pageOrigin);
    const answer = await fetchInPage(presign(allowed, '/report?user=ada'));
    expect(answer.error).toBeUndefined();
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body ?? '')).toMatchObject({
      path: '/report',
      identity: { accessKeyId: KEY.accessKeyId, mode: 'query', service: 'lambda', region },
    });
    const arrived = allowed.requests.at(-1);
    expect(arrived?.raw.headers).toContainEqual(['Origin', pageOrigin]);
    expect(arrived?.result.ok).toBe(true);
  });

  it("cors on: a tampered URL's 403 body and x-amzn-ErrorType are readable from JS", async () => {
    const tampered = presign(allowed, '/report?user=ada').replace('user=ada', 'user=eve');
    const answer = await fetchInPage(tampered);
    expect(answer.status).toBe(403);
    expect(answer.errorType).toBe('InvalidSignatureException');
    expect(answer.date).toMatch(/GMT$/); // exposed too: SDKs correct their clock from it
    expect(answer.body).toMatch(/The request signature we calculated does not match/);
    expect(allowed.requests.at(-1)?.result).toMatchObject({ ok: false });
  });

  it('cors on: a non-simple request is preflighted, answered unverified, then verified', async () => {
    const preflightsBefore = allowed.preflights.length;
    const answer = await fetchInPage(presign(allowed, '/report?user=bob'), { 'x-trace-id': '7' });
    expect(answer.status).toBe(200);
    expect(allowed.preflights.length).toBe(preflightsBefore + 1);
    expect(allowed.preflights.at(-1)).toMatchObject({
      origin: pageOrigin,
      allowed: true,
      requestMethod: 'GET',
      requestHeaders: ['x-trace-id'],
    });
    expect(allowed.requests.at(-1)?.raw.method).toBe('GET');
  });

  it('cors off, or another origin allowed: the fetch fails in the page (TypeError)', async () => {
    for (const emulator of [off, elsewhere]) {
      const answer = await fetchInPage(presign(emulator, '/report?user=ada'));
      expect(answer.error).toMatch(/^TypeError: /);
      expect(answer.status).toBeUndefined();
      // The simple GET did reach the emulator and check out; the browser hid the answer.
      expect(emulator.requests.at(-1)?.result.ok).toBe(true);
    }
  });
});
