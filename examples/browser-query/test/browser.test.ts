/**
 * The recipe in Chromium: a page (another origin than the API) asks TanStack Query for orders;
 * the signed fetch gets temporary credentials from a Cognito identity pool (its two JSON calls
 * answered by a local stand-in, as AWS documents them) and calls the IAM emulator across origins
 * (CORS preflight, then the signed request, verified on its socket).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
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

const region = 'eu-west-1';
const identityPoolId = `${region}:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0`;
const identityId = `${region}:11111111-2222-3333-4444-555555555555`;
/** What Cognito's GetCredentialsForIdentity hands a guest identity (the pool's unauth role). */
const guest = {
  accessKeyId: 'ASIAGUESTEXAMPLE0001',
  secretAccessKey: 'cognito/guest/secret/EXAMPLEKEY0000000000',
  sessionToken: 'IQoJb3JpZ2luX2VjEXAMPLE-cognito-guest-session-token==',
  principalArn:
    'arn:aws:sts::123456789012:assumed-role/Cognito_OrdersUnauth_Role/CognitoIdentityCredentials',
};

/** The page's code as a browser bundle, @sigv4/fetch from its sources with core's portable entry. */
async function pageBundle(): Promise<string> {
  const packages = new URL('../../../packages/', import.meta.url);
  const here = fileURLToPath(new URL('..', import.meta.url));
  const result = await build({
    absWorkingDir: here, // where the aliases to packages are resolved from
    stdin: {
      contents:
        "import { createOrdersQueries } from './src/orders-queries.mjs'; window.createOrdersQueries = createOrdersQueries;",
      resolveDir: here,
      loader: 'js',
    },
    alias: {
      '@sigv4/fetch': fileURLToPath(new URL('fetch/src/index.ts', packages)),
      '@sigv4/core/internal': fileURLToPath(new URL('core/src/internal.ts', packages)),
      '@sigv4/core': fileURLToPath(new URL('core/src/index.ts', packages)),
      // esbuild does not apply the package's `browser` map to its own entry point (webpack and
      // Vite do): name the browser entry, as README.md tells esbuild users to.
      '@aws-sdk/credential-providers': '@aws-sdk/credential-providers/dist-es/index.browser.js',
    },
    bundle: true,
    platform: 'browser',
    format: 'esm',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]?.text ?? '';
}

/** Cognito Identity's two calls a guest makes (JSON 1.1, unsigned), as the AWS API reference gives them. */
const cognitoCalls: Array<{ target: string; body: unknown; authorization: string | undefined }> =
  [];
async function cognito(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<
    string,
    unknown
  >;
  const target = String(req.headers['x-amz-target'] ?? '');
  cognitoCalls.push({ target, body, authorization: req.headers.authorization });
  const json = { 'content-type': 'application/x-amz-json-1.1' };
  if (target === 'AWSCognitoIdentityService.GetId' && body.IdentityPoolId === identityPoolId) {
    res.writeHead(200, json).end(JSON.stringify({ IdentityId: identityId }));
  } else if (
    target === 'AWSCognitoIdentityService.GetCredentialsForIdentity' &&
    body.IdentityId === identityId
  ) {
    res.writeHead(200, json).end(
      JSON.stringify({
        IdentityId: identityId,
        Credentials: {
          AccessKeyId: guest.accessKeyId,
          SecretKey: guest.secretAccessKey,
          SessionToken: guest.sessionToken,
          Expiration: Math.floor(Date.now() / 1000) + 3600,
        },
      }),
    );
  } else {
    res
      .writeHead(400, { ...json, 'x-amzn-errortype': 'InvalidParameterException' })
      .end(
        JSON.stringify({ __type: 'InvalidParameterException', message: `unexpected ${target}` }),
      );
  }
}

let emulator: IamEmulator;
let server: Server;
let origin: string;
let browser: ChromiumSession<BrowserContext> | undefined;
let page: Page;
const attempts = new Map<string, number>();

beforeAll(async () => {
  chromiumPath('example-browser-query');
  const bundle = await pageBundle();
  server = createServer((req, res) => {
    if (req.url === '/app.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(bundle);
    } else if (req.url?.startsWith('/cognito')) {
      cognito(req, res).catch((error: unknown) => res.writeHead(500).end(String(error)));
    } else {
      res
        .writeHead(200, { 'content-type': 'text/html' })
        .end('<!doctype html><title>orders</title><script type="module" src="/app.js"></script>');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // An HTTP API with AWS_IAM routes and CORS for the page's origin, on another port: cross-origin.
  emulator = await startIamEmulator({
    emulate: 'apigateway-http',
    region,
    credentials: [guest],
    cors: { origins: [origin] },
    resolver: ({ raw }) => {
      const seen = (attempts.get(raw.target) ?? 0) + 1;
      attempts.set(raw.target, seen);
      if (raw.target.endsWith('/flaky') && seen === 1) return { status: 503, body: 'busy' };
      const id = decodeURIComponent(raw.target.split('/').at(-1) ?? '');
      return {
        status: 200,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ id }),
      };
    },
  });

  browser = await launchChromium(chromium, { label: 'example-browser-query', url: `${origin}/` });
  page = browser.page;
  await page.waitForFunction(() => 'createOrdersQueries' in window, undefined, { timeout: 15_000 });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  await emulator?.close();
});

const header = (name: string, headers: ReadonlyArray<readonly [string, string]> | undefined) =>
  headers?.find(([key]) => key.toLowerCase() === name)?.[1];

/** Runs the page's code: the same queries object for every call, as one app would. */
function inPage(ids: readonly string[]) {
  return page.evaluate(
    async ({ apiUrl, pool, cognitoEndpoint, ids }) => {
      type App = { order: (id: string) => Promise<{ id: string }> };
      const w = window as unknown as { app?: App; createOrdersQueries: (o: object) => App };
      w.app ??= w.createOrdersQueries({
        apiUrl,
        identityPoolId: pool,
        cognitoEndpoint,
        service: 'execute-api',
        region: 'eu-west-1',
      });
      const results = [];
      for (const id of ids) results.push(await w.app.order(id));
      return results;
    },
    {
      apiUrl: `${emulator.url}/prod`,
      pool: identityPoolId,
      cognitoEndpoint: `${origin}/cognito`,
      ids,
    },
  );
}

describe('TanStack Query + Cognito identity pool credentials, in Chromium', () => {
  it('queries arrive signed with the guest credentials, preflighted, verified on the socket', async () => {
    const before = emulator.requests.length;
    // '7' twice: the second answer comes from the query cache (staleTime), not the network.
    await expect(inPage(['7', '7', 'a b'])).resolves.toEqual([
      { id: '7' },
      { id: '7' },
      { id: 'a b' },
    ]);
    const arrived = emulator.requests.slice(before);
    expect(arrived.map((r) => r.raw.target)).toEqual(['/prod/orders/7', '/prod/orders/a%20b']);
    for (const request of arrived) {
      expect(request.result).toMatchObject({
        ok: true,
        identity: { accessKeyId: guest.accessKeyId, principalArn: guest.principalArn },
      });
      expect(header('x-amz-security-token', request.raw.headers)).toBe(guest.sessionToken);
      expect(header('user-agent', request.raw.headers)).toMatch(/Chrome\//);
      expect(header('origin', request.raw.headers)).toBe(origin);
    }
    const preflight = emulator.preflights.at(-1);
    expect(preflight).toMatchObject({ origin, allowed: true, requestMethod: 'GET' });
    expect(preflight?.requestHeaders).toEqual(
      expect.arrayContaining(['authorization', 'x-amz-date', 'x-amz-security-token']),
    );
  });

  it('Cognito was asked once for an identity and once for credentials, unsigned', () => {
    expect(cognitoCalls.map((call) => call.target)).toEqual([
      'AWSCognitoIdentityService.GetId',
      'AWSCognitoIdentityService.GetCredentialsForIdentity',
    ]);
    expect(cognitoCalls.every((call) => call.authorization === undefined)).toBe(true);
  });

  it("TanStack Query's retry after a 503 is signed again and verifies", async () => {
    const before = emulator.requests.length;
    await expect(inPage(['flaky'])).resolves.toEqual([{ id: 'flaky' }]);
    const tries = emulator.requests.slice(before);
    expect(tries.map((r) => r.raw.target)).toEqual(['/prod/orders/flaky', '/prod/orders/flaky']);
    expect(tries.every((r) => r.result.ok)).toBe(true);
    expect(cognitoCalls).toHaveLength(2); // the cached credentials, not a new identity
  });
});
