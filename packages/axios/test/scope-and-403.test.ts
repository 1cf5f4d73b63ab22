/**
 * Through the axios interceptor: the one rule for service and region (explicit wins, else the
 * host), and core's explain403 reading an axios error's response.
 */
import { explain403, formatExplanation, type SignedRequestInfo } from '@sigv4/core';
import axios, { type AxiosError } from 'axios';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { addSigV4Interceptor, isSigV4Error } from '../src/index.js';
import { CREDENTIALS } from './helpers.js';

const API = 'https://abc123defg.execute-api.eu-west-1.amazonaws.com';
const authorizations: string[] = [];
const server = setupServer(
  http.get(`${API}/prod/denied`, () =>
    HttpResponse.json(
      { message: 'Signature expired: 20240101T000000Z is now earlier than 20240101T000500Z' },
      {
        status: 403,
        headers: {
          'x-amzn-ErrorType': 'InvalidSignatureException',
          date: 'Mon, 01 Jan 2024 00:10:00 GMT',
        },
      },
    ),
  ),
  http.all('*', ({ request }) => {
    authorizations.push(request.headers.get('authorization') ?? '');
    return HttpResponse.text('ok');
  }),
);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  authorizations.length = 0;
});
afterAll(() => server.close());

const scopeOf = (authorization: string | undefined): string | undefined =>
  /Credential=[^/]+\/\d{8}\/([^/]+)\/([^/]+)\//
    .exec(authorization ?? '')
    ?.slice(1)
    .join('/');

describe('service and region through the axios interceptor: explicit wins, else the host', () => {
  it.each([
    [{}, 'eu-west-1/execute-api'],
    [{ service: 'lambda', region: 'us-east-1' }, 'us-east-1/lambda'],
    [{ region: 'us-west-2' }, 'us-west-2/execute-api'],
  ])('%o on an eu-west-1 execute-api host signs %s', async (options, scope) => {
    const api = axios.create({ adapter: 'http' });
    addSigV4Interceptor(api, { credentials: CREDENTIALS, ...options });
    await api.get(`${API}/prod/x`);
    expect(scopeOf(authorizations[0])).toBe(scope);
  });
});

describe("a request's own sigv4 scope through the interceptor", () => {
  it('wins over the options and the host, for that request only', async () => {
    const api = axios.create({ adapter: 'http' });
    addSigV4Interceptor(api, { credentials: CREDENTIALS, region: 'eu-west-1' });
    await api.get(`${API}/prod/x`, { sigv4: { service: 'lambda', region: 'us-east-1' } });
    await api.get(`${API}/prod/y`);
    expect(authorizations.map(scopeOf)).toEqual(['us-east-1/lambda', 'eu-west-1/execute-api']);
  });

  it('a sigv4 that is not a scope is refused: ERR_SIGV4_INVALID_OPTION, nothing sent', async () => {
    const api = axios.create({ adapter: 'http' });
    addSigV4Interceptor(api, { credentials: CREDENTIALS });
    const error = await api
      .get(`${API}/prod/x`, { sigv4: { service: '' } })
      .catch((e: unknown) => e);
    expect(isSigV4Error(error, 'ERR_SIGV4_INVALID_OPTION')).toBe(true);
    expect(authorizations).toHaveLength(0);
  });
});

describe('explain403 with an axios error', () => {
  it("reads error.response (status, headers, parsed data) with onSigned's info", async () => {
    let signed: SignedRequestInfo | undefined;
    const api = axios.create({ adapter: 'http' });
    addSigV4Interceptor(api, {
      credentials: CREDENTIALS,
      onSigned: (info) => {
        signed = info;
      },
    });
    const error = (await api.get(`${API}/prod/denied`).catch((e: unknown) => e)) as AxiosError;
    expect(error.response?.status).toBe(403);
    if (!error.response || !signed) throw new Error('no response or nothing signed');
    const why = explain403(
      { status: error.response.status, headers: error.response.headers, body: error.response.data },
      signed,
      new Date('2024-01-01T00:00:00Z'),
    );
    expect(why?.cause).toMatch(/^clock skew: the server's clock is 60\d s/);
    expect([signed.service, signed.region, signed.accessKeyId]).toEqual([
      'execute-api',
      'eu-west-1',
      CREDENTIALS.accessKeyId,
    ]);
    expect(formatExplanation(why!).join('\n')).not.toContain(CREDENTIALS.secretAccessKey);
  });
});
