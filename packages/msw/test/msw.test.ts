/**
 * The msw handlers against requests signed by independent signers (aws4fetch, aws4), with
 * `onUnhandledRequest: 'error'` so an unguarded host is never silently let through.
 */
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { sigv4Handler } from '../src/sigv4-handler.js';
import {
  amz,
  awsClient,
  KEY,
  MISMATCH,
  sha256,
  signWithAws4,
  TEMP,
  tamper,
  UNKNOWN,
} from './helpers.js';

const REST = 'https://abc123defg.execute-api.eu-west-1.amazonaws.com';
const HTTP_API = 'https://http456api.execute-api.eu-west-1.amazonaws.com';
const LAMBDA = 'https://abcdefghijklmnopqrstuvwxyz012345.lambda-url.eu-west-1.on.aws';
const credentials = [KEY, TEMP];

const server = setupServer(
  sigv4Handler({ hosts: new URL(REST).host, credentials }),
  sigv4Handler({ hosts: '*.execute-api.*.amazonaws.com', emulate: 'apigateway-http', credentials }),
  sigv4Handler({
    hosts: /\.lambda-url\.[a-z0-9-]+\.on\.aws$/,
    credentials,
    resolver: ({ identity, body }) =>
      Response.json({ who: identity.accessKeyId, bytes: body.byteLength }, { status: 201 }),
  }),
);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const api = awsClient('execute-api', 'eu-west-1');
const lambda = awsClient('lambda', 'eu-west-1');

async function refusal(response: Response) {
  return {
    status: response.status,
    type: response.headers.get('x-amzn-errortype'),
    body: (await response.json()) as Record<string, string>,
  };
}

/** A fixed clock for the window tests: the handler is replaced for one test. */
function useClock(iso: string, hosts = new URL(REST).host): void {
  server.use(sigv4Handler({ hosts, credentials, clock: () => new Date(iso) }));
}

describe('accepted: independent signers', () => {
  it('aws4fetch GET with an encoded path and query reaches the default echo', async () => {
    const response = await fetch(await api.sign(`${REST}/prod/a%20b/%C3%A9?q=x%2By&a=1&a=0`));
    expect(response.status).toBe(200);
    const echo = await response.json();
    expect(echo.path).toBe('/prod/a%20b/%C3%A9');
    expect(echo.identity).toMatchObject({
      accessKeyId: KEY.accessKeyId,
      region: 'eu-west-1',
      service: 'execute-api',
      mode: 'header',
    });
    expect(echo.identity.canonicalRequest).toContain('/prod/a%2520b/%25C3%25A9\na=0&a=1&q=x%2By\n');
  });

  it('aws4fetch POST with a JSON body', async () => {
    const body = JSON.stringify({ hello: 'wörld' });
    const response = await fetch(
      await api.sign(`${REST}/prod/items`, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json' },
      }),
    );
    expect(response.status).toBe(200);
    expect((await response.json()).body).toBe(body);
  });

  it('aws4 GET and POST', async () => {
    const get = await fetch(
      ...signWithAws4(`${REST}/prod/items?limit=10`, {}, 'execute-api', 'eu-west-1'),
    );
    expect(get.status).toBe(200);
    const post = await fetch(
      ...signWithAws4(
        `${REST}/prod/items`,
        { method: 'POST', body: '{"a":1}', headers: { 'content-type': 'application/json' } },
        'execute-api',
        'eu-west-1',
      ),
    );
    expect(post.status).toBe(200);
  });

  it('aws4fetch presigned URL (query mode)', async () => {
    const signed = await api.sign(`${REST}/prod/items?X-Amz-Expires=300`, {
      aws: { signQuery: true },
    });
    expect(new URL(signed.url).searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
    const response = await fetch(signed.url);
    expect(response.status).toBe(200);
    expect((await response.json()).identity.mode).toBe('query');
  });

  it('temporary credentials with their session token', async () => {
    const response = await fetch(
      await awsClient('execute-api', 'eu-west-1', TEMP).sign(`${REST}/prod/me`),
    );
    expect(response.status).toBe(200);
    expect((await response.json()).identity.accessKeyId).toBe(TEMP.accessKeyId);
  });

  it('Lambda URL POST with x-amz-content-sha256 reaches the custom resolver', async () => {
    const body = '{"order":42}';
    const response = await fetch(
      await lambda.sign(`${LAMBDA}/orders`, {
        method: 'POST',
        body,
        headers: { 'x-amz-content-sha256': sha256(body) },
      }),
    );
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ who: KEY.accessKeyId, bytes: 12 });
  });
});

describe('refused like API Gateway', () => {
  it('no signature: 403 Missing Authentication Token', async () => {
    const r = await refusal(await fetch(`${REST}/prod/items`));
    expect(r).toEqual({
      status: 403,
      type: 'MissingAuthenticationTokenException',
      body: { message: 'Missing Authentication Token' },
    });
  });

  it('REST API mismatch shows the canonical string and string-to-sign it expected', async () => {
    const signed = await api.sign(`${REST}/prod/items`, { method: 'POST', body: 'original' });
    const r = await refusal(await fetch(await tamper(signed, { body: 'tampered' })));
    expect(r.status).toBe(403);
    expect(r.type).toBe('InvalidSignatureException');
    expect(r.body.message).toMatch(
      new RegExp(
        `^${MISMATCH.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\n\\nThe Canonical String for this request should have been\\n'POST\\n/prod/items\\n\\n[^']*${sha256('tampered')}'\\n\\nThe String-to-Sign should have been\\n'AWS4-HMAC-SHA256\\n\\d{8}T\\d{6}Z\\n\\d{8}/eu-west-1/execute-api/aws4_request\\n[0-9a-f]{64}'\\n$`,
      ),
    );
  });

  it('HTTP API mismatch: the message alone', async () => {
    const signed = await api.sign(`${HTTP_API}/items`);
    const r = await refusal(await fetch(await tamper(signed, { url: `${HTTP_API}/other` })));
    expect(r).toEqual({
      status: 403,
      type: 'InvalidSignatureException',
      body: { message: MISMATCH },
    });
  });

  it.each([
    ['path', (s: Request) => tamper(s, { url: `${REST}/prod/other?x=1` })],
    ['query', (s: Request) => tamper(s, { url: `${REST}/prod/items?x=2` })],
    ['method', (s: Request) => tamper(s, { method: 'DELETE' })],
    ['a signed header', (s: Request) => tamper(s, { headers: { 'x-custom': 'changed' } })],
    [
      'the date',
      (s: Request) =>
        tamper(s, { headers: { 'x-amz-date': amz(new Date(Date.now() + 1000).toISOString()) } }),
    ],
  ])('tampered %s: signature mismatch', async (_what, change) => {
    const signed = await api.sign(`${REST}/prod/items?x=1`, {
      headers: { 'x-custom': 'original' },
    });
    const r = await refusal(await fetch(await change(signed)));
    expect(r.status).toBe(403);
    expect(r.body.message?.startsWith(`${MISMATCH}\n\nThe Canonical String`)).toBe(true);
  });

  it('wrong region in the scope', async () => {
    const r = await refusal(
      await fetch(await awsClient('execute-api', 'us-east-1').sign(`${REST}/prod/items`)),
    );
    expect(r).toMatchObject({
      status: 403,
      body: { message: "Credential should be scoped to a valid region, not 'us-east-1'. " },
    });
  });

  it('wrong service in the scope', async () => {
    const r = await refusal(
      await fetch(await awsClient('lambda', 'eu-west-1').sign(`${REST}/prod/items`)),
    );
    expect(r.body).toEqual({
      message: "Credential should be scoped to correct service: 'execute-api'. ",
    });
  });

  it('unknown access key, and a wrong session token', async () => {
    const unknown = await refusal(
      await fetch(await awsClient('execute-api', 'eu-west-1', UNKNOWN).sign(`${REST}/prod/items`)),
    );
    expect(unknown).toEqual({
      status: 403,
      type: 'UnrecognizedClientException',
      body: { message: 'The security token included in the request is invalid.' },
    });
    const badToken = await awsClient('execute-api', 'eu-west-1', {
      ...TEMP,
      sessionToken: 'other',
    }).sign(`${REST}/prod/items`);
    expect((await refusal(await fetch(badToken))).body.message).toBe(
      'The security token included in the request is invalid.',
    );
  });

  it('a signed header missing from the request', async () => {
    const signed = await api.sign(`${REST}/prod/items`, { headers: { 'x-custom': '1' } });
    const r = await refusal(await fetch(await tamper(signed, { headers: { 'x-custom': null } })));
    expect(r).toEqual({
      status: 403,
      type: 'IncompleteSignatureException',
      body: {
        message:
          "'x-custom' is named as a SignedHeader, but it does not exist in the HTTP request.",
      },
    });
  });

  it('signature expired, with a Date header to correct the clock', async () => {
    useClock('2024-01-01T00:10:00Z');
    const signed = await api.sign(`${REST}/prod/items`, { aws: { datetime: '20240101T000000Z' } });
    const response = await fetch(signed);
    expect(response.headers.get('date')).toBe('Mon, 01 Jan 2024 00:10:00 GMT');
    expect((await refusal(response)).body.message).toBe(
      'Signature expired: 20240101T000000Z is now earlier than 20240101T000500Z (20240101T001000Z - 5 min.)',
    );
  });

  it('signature not yet current', async () => {
    useClock('2024-01-01T00:00:00Z');
    const signed = await api.sign(`${REST}/prod/items`, { aws: { datetime: '20240101T001000Z' } });
    expect((await refusal(await fetch(signed))).body.message).toBe(
      'Signature not yet current: 20240101T001000Z is still later than 20240101T000500Z (20240101T000000Z + 5 min.)',
    );
  });

  it('presigned URL past X-Amz-Expires, and still fine before', async () => {
    const signed = await api.sign(`${REST}/prod/items?X-Amz-Expires=60`, {
      aws: { signQuery: true, datetime: '20240101T000000Z' },
    });
    useClock('2024-01-01T00:00:59Z');
    expect((await fetch(signed.url)).status).toBe(200);
    server.resetHandlers();
    useClock('2024-01-01T00:02:00Z');
    const r = await refusal(await fetch(signed.url));
    expect(r.status).toBe(403);
    expect(r.body.message).toMatch(/^Signature expired: 20240101T000000Z is now earlier than/);
  });
});

describe('refused like a Lambda function URL', () => {
  it('no signature: 403 {"Message":"Forbidden"}', async () => {
    const response = await fetch(`${LAMBDA}/orders`);
    expect(response.status).toBe(403);
    expect(response.headers.get('x-amzn-errortype')).toBe('AccessDeniedException');
    expect(await response.text()).toBe('{"Message":"Forbidden"}');
  });

  it('POST with x-amz-content-sha256: UNSIGNED-PAYLOAD (what CloudFront OAC signs without the viewer hash)', async () => {
    const signed = await lambda.sign(`${LAMBDA}/orders`, {
      method: 'POST',
      body: '{}',
      headers: { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
    });
    const r = await refusal(await fetch(signed));
    expect(r).toEqual({
      status: 403,
      type: 'InvalidSignatureException',
      body: { message: MISMATCH },
    });
  });

  it('POST signed over its body without x-amz-content-sha256, body changed after signing', async () => {
    const signed = await lambda.sign(`${LAMBDA}/orders`, { method: 'POST', body: '{}' });
    const r = await refusal(await fetch(await tamper(signed, { body: '{"x":1}' })));
    expect(r).toEqual({
      status: 403,
      type: 'InvalidSignatureException',
      body: { message: MISMATCH },
    });
  });

  it('PUT whose x-amz-content-sha256 is not the hash of the body that arrived', async () => {
    const signed = await lambda.sign(`${LAMBDA}/orders/1`, {
      method: 'PUT',
      body: 'a',
      headers: { 'x-amz-content-sha256': sha256('a') },
    });
    const r = await refusal(await fetch(await tamper(signed, { body: 'b' })));
    expect(r.body).toEqual({ message: MISMATCH });
  });

  it('wrong service: scoped to execute-api', async () => {
    const r = await refusal(await fetch(await api.sign(`${LAMBDA}/orders`)));
    expect(r.body).toEqual({
      message: "Credential should be scoped to correct service: 'lambda'. ",
    });
  });
});

describe('hosts', () => {
  it('an unguarded host stays unhandled (onUnhandledRequest: error)', async () => {
    // msw reports it on console.error: caught here, so the test run stays quiet.
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await expect(fetch('https://example.com/')).rejects.toThrow();
    expect(String(error.mock.calls[0]?.[0])).toContain(
      'intercepted a request without a matching request handler',
    );
  });
});
