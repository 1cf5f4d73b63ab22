import type { IamEmulator, RecordedRequest } from '@sigv4/msw/server';
import { startIamEmulator } from '@sigv4/msw/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSignedFetch, presignUrl } from '../src/index.js';
import { BODY_CASES, strictParams, targetOf, URL_CASES } from './cases.js';
import { CREDENTIALS, KNOWN } from './helpers.js';

// The wire: a node:http emulator on 127.0.0.1 recomputes every signature from the raw request
// line, raw headers and raw body bytes (msw sees requests before they are serialised).
const REGION = 'eu-west-1';
let api: IamEmulator;
let lambda: IamEmulator;
let other: IamEmulator;
let pages = 0;

beforeAll(async () => {
  api = await startIamEmulator({
    emulate: 'apigateway-rest',
    region: REGION,
    credentials: KNOWN,
    resolver: ({ raw }) => {
      const path = raw.target.split('?')[0];
      if (path === '/prod/to-other')
        return { status: 307, headers: { location: `${other.url}/landing` } };
      if (path === '/prod/to-same')
        return { status: 302, headers: { location: '/prod/landed?via=a b' } };
      if (path === '/prod/flaky')
        return pages++ === 0 ? { status: 503 } : { status: 200, body: 'ok' };
      return { status: 200, body: 'ok' };
    },
  });
  lambda = await startIamEmulator({ emulate: 'lambda-url', region: REGION, credentials: KNOWN });
  other = await startIamEmulator({
    emulate: 'apigateway-http',
    region: REGION,
    credentials: KNOWN,
  });
});
afterAll(async () => {
  await Promise.all([api?.close(), lambda?.close(), other?.close()]);
});

const header = (r: RecordedRequest, name: string): string[] =>
  r.raw.headers.filter(([n]) => n.toLowerCase() === name).map(([, v]) => v);

const last = (e: IamEmulator): RecordedRequest => {
  const r = e.requests.at(-1);
  if (!r) throw new Error('the emulator received nothing');
  return r;
};

const emulators = () =>
  [
    ['API Gateway REST', api, 'execute-api'],
    ['Lambda function URL', lambda, 'lambda'],
  ] as const;

describe.each(['API Gateway REST', 'Lambda function URL'])('%s on the wire', (name) => {
  const target = () => emulators().find(([n]) => n === name)!;

  it.each(BODY_CASES)('body: $name, the bytes signed are the bytes that arrive', async (c) => {
    const [, emulator, service] = target();
    const signedFetch = createSignedFetch({ credentials: CREDENTIALS, service, region: REGION });
    const init = {
      method: 'POST',
      body: c.make(),
      ...(c.stream ? { duplex: 'half' } : {}),
    } as RequestInit;
    const response = await signedFetch(`${emulator.url}/prod/upload`, init);
    const got = last(emulator);
    expect(got.result.ok, JSON.stringify(got.result)).toBe(true);
    expect(response.status).toBe(200);
    const text = new TextDecoder().decode(got.raw.body);
    const type = header(got, 'content-type');
    if (c.name === 'FormData') {
      const boundary = type[0]?.split('boundary=')[1] ?? '';
      expect(boundary).not.toBe('');
      expect(text.startsWith(`--${boundary}\r\n`)).toBe(true);
      expect(text).toContain(c.expectText);
    } else {
      // The reference: what the runtime itself makes of the same body.
      const reference = new Request('http://127.0.0.1/', {
        method: 'POST',
        body: c.make(),
        ...(c.stream ? { duplex: 'half' } : {}),
      } as RequestInit);
      expect(got.raw.body).toEqual(new Uint8Array(await reference.arrayBuffer()));
      expect(type).toEqual(c.expectType === null ? [] : [c.expectType]);
    }
    expect(header(got, 'content-length')).toEqual([String(got.raw.body.byteLength)]);
    expect(header(got, 'transfer-encoding')).toEqual([]);
    expect(header(got, 'x-amz-content-sha256')).toHaveLength(1);
    expect(header(got, 'authorization')).toHaveLength(1);
  });

  it.each(URL_CASES)('URL: $name', async (c) => {
    const [, emulator, service] = target();
    const signedFetch = createSignedFetch({ credentials: CREDENTIALS, service, region: REGION });
    await signedFetch(`${emulator.url}${targetOf(c)}`);
    const got = last(emulator);
    expect(got.result.ok, JSON.stringify(got.result)).toBe(true);
    const query = got.raw.target.split('?')[1] ?? '';
    expect(query).not.toContain('+');
    if (c.params) expect(strictParams(query)).toEqual(c.params);
  });

  it('presigned URL with query parameters from an object, fetched as is', async () => {
    const [, emulator, service] = target();
    const url = await presignUrl(`${emulator.url}/prod/report`, {
      credentials: CREDENTIALS,
      service,
      region: REGION,
      query: { user: 'Bjarne Stroustrup' },
    });
    expect((await fetch(url)).status).toBe(200);
    const got = last(emulator);
    expect(got.result.ok && got.result.identity.mode).toBe('query');
    expect(got.raw.target).toContain('user=Bjarne%20Stroustrup');
    expect(header(got, 'authorization')).toEqual([]);
  });
});

describe('redirects on the wire', () => {
  const signedFetch = () =>
    createSignedFetch({ credentials: CREDENTIALS, service: 'execute-api', region: REGION });

  it('to another origin: what arrives there carries no signature and no session token', async () => {
    const before = other.requests.length;
    const response = await signedFetch()(`${api.url}/prod/to-other`, {
      method: 'POST',
      body: 'payload',
    });
    expect(response.redirected).toBe(true);
    expect(other.requests).toHaveLength(before + 1);
    const got = last(other);
    const names = got.raw.headers.map(([n]) => n.toLowerCase());
    for (const name of [
      'authorization',
      'x-amz-date',
      'x-amz-security-token',
      'x-amz-content-sha256',
    ]) {
      expect(names).not.toContain(name);
    }
    expect(JSON.stringify(got.raw)).not.toContain(CREDENTIALS.sessionToken);
    expect(got.result.ok).toBe(false);
    expect(new TextDecoder().decode(got.raw.body)).toBe('payload');
  });

  it('within the origin: followed and signed again', async () => {
    const response = await signedFetch()(`${api.url}/prod/to-same`);
    expect(response.status).toBe(200);
    expect(response.redirected).toBe(true);
    const got = last(api);
    expect(got.raw.target).toBe('/prod/landed?via=a%20b');
    expect(got.result.ok).toBe(true);
  });
});

describe('clock skew and retries on the wire', () => {
  it('an emulator 10 minutes ahead: one refusal, then accepted with the corrected clock', async () => {
    const ahead = await startIamEmulator({
      emulate: 'apigateway-rest',
      region: REGION,
      credentials: KNOWN,
      clock: () => new Date(Date.now() + 600_000),
    });
    try {
      const signedFetch = createSignedFetch({
        credentials: CREDENTIALS,
        service: 'execute-api',
        region: REGION,
      });
      expect((await signedFetch(`${ahead.url}/prod/a`, { method: 'PUT', body: 'x' })).status).toBe(
        200,
      );
      expect((await signedFetch(`${ahead.url}/prod/b`)).status).toBe(200);
      expect(ahead.requests.map((r) => r.result.ok)).toEqual([false, true, true]);
    } finally {
      await ahead.close();
    }
  });

  it('a retried GET is signed again and accepted', async () => {
    const before = api.requests.length;
    const signedFetch = createSignedFetch({
      credentials: CREDENTIALS,
      service: 'execute-api',
      region: REGION,
      retry: { limit: 2, delay: () => 0 },
    });
    expect((await signedFetch(`${api.url}/prod/flaky`)).status).toBe(200);
    const attempts = api.requests.slice(before);
    expect(attempts).toHaveLength(2);
    expect(attempts.every((r) => r.result.ok)).toBe(true);
  });
});
