import { createHash } from 'node:crypto';
import type { IamEmulator, RecordedRequest } from '@sigv4/msw/server';
import { startIamEmulator } from '@sigv4/msw/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createSigner,
  isSigV4Error,
  type PresignOptions,
  type SignableRequest,
  type SignerOptions,
} from '../src/index.node.js';

// Every signing option, set on its own, and its effect on the request as it arrives at the
// IAM-checking emulator of @sigv4/msw over loopback (which verifies the signature itself).
// An option that cannot be honoured is refused at construction (ERR_SIGV4_INVALID_OPTION).

const CREDENTIALS = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
};
const SESSION = {
  accessKeyId: 'ASIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY2',
  sessionToken: 'FQoGZXIvYXdzEXAMPLETOKEN',
};
const NOW = new Date('2026-11-23T10:00:00Z');
const BASE: SignerOptions = {
  credentials: CREDENTIALS,
  service: 'execute-api',
  region: 'eu-west-1',
  clock: () => NOW,
};

let emulator: IamEmulator;
beforeAll(async () => {
  emulator = await startIamEmulator({
    emulate: 'apigateway-rest',
    region: 'eu-west-1',
    credentials: [CREDENTIALS, SESSION],
    clock: () => NOW,
  });
});
afterAll(() => emulator?.close());

type Request = Omit<SignableRequest, 'url'> & { path?: string };

async function send(options: SignerOptions, request: Partial<Request> = {}) {
  const { path = '/prod/items', method = 'POST', ...rest } = request;
  const headers = {
    'content-type': 'application/json',
    'x-custom': 'one',
    ...(rest.headers as object),
  };
  const body = typeof rest.body === 'string' ? rest.body : '{"a":1}';
  const signed = await createSigner({ ...BASE, ...options }).sign({
    ...rest,
    method,
    url: `${emulator.url}${path}`,
    headers,
    body,
  });
  await fetch(signed.url, { method, headers: { ...headers, ...signed.headers }, body });
  return arrival();
}

async function presigned(
  options: PresignOptions & { send?: RequestInit },
  signerOptions: SignerOptions = {},
) {
  const { send: init = {}, ...presign } = options;
  const url = await createSigner({ ...BASE, ...signerOptions }).presign(
    `${emulator.url}/prod/items`,
    presign,
  );
  await fetch(url, init);
  return arrival();
}

function arrival(): RecordedRequest {
  const last = emulator.requests.at(-1);
  if (last === undefined) throw new Error('nothing arrived');
  return last;
}

const header = (a: RecordedRequest, name: string): string | undefined =>
  a.raw.headers.find(([key]) => key.toLowerCase() === name)?.[1];
const signedHeaders = (a: RecordedRequest): readonly string[] => {
  if (!a.result.ok) throw new Error(`refused: ${a.result.reason}`);
  return a.result.identity.signedHeaders;
};
const query = (a: RecordedRequest) => new URL(`http://x${a.raw.target}`).searchParams;

describe('each signer option on the wire (header mode)', () => {
  it.each<[string, SignerOptions, Partial<Request>, (a: RecordedRequest) => void]>([
    [
      'credentials as a value: its key signs',
      {},
      {},
      (a) => expect(a.result.ok && a.result.identity.accessKeyId).toBe('AKIDEXAMPLE'),
    ],
    [
      'credentials as an async provider with a session token: the token arrives, signed',
      { credentials: async () => SESSION },
      {},
      (a) => {
        expect(header(a, 'x-amz-security-token')).toBe(SESSION.sessionToken);
        expect(signedHeaders(a)).toContain('x-amz-security-token');
      },
    ],
    [
      'service: the scope names it (the emulator, execute-api, refuses another)',
      { service: 'lambda' },
      {},
      (a) => {
        expect(header(a, 'authorization')).toContain('/eu-west-1/lambda/aws4_request');
        expect(a.result.ok || a.result.reason).toBe('credential-scope');
      },
    ],
    [
      'region: the scope names it (the emulator, eu-west-1, refuses another)',
      { region: 'us-west-2' },
      {},
      (a) => {
        expect(header(a, 'authorization')).toContain('/us-west-2/execute-api/aws4_request');
        expect(a.result.ok || a.result.reason).toBe('credential-scope');
      },
    ],
    [
      'clock: x-amz-date is its time',
      { clock: () => new Date('2026-11-23T10:01:02Z') },
      {},
      (a) => {
        expect(header(a, 'x-amz-date')).toBe('20261123T100102Z');
        expect(a.result.ok).toBe(true);
      },
    ],
    [
      'contentSha256Header: true (default) sends and signs the body hash',
      { contentSha256Header: true },
      {},
      (a) => {
        expect(header(a, 'x-amz-content-sha256')).toBe(
          createHash('sha256').update('{"a":1}').digest('hex'),
        );
        expect(signedHeaders(a)).toContain('x-amz-content-sha256');
      },
    ],
    [
      'contentSha256Header: false neither sends nor signs it',
      { contentSha256Header: false },
      {},
      (a) => {
        expect(header(a, 'x-amz-content-sha256')).toBeUndefined();
        expect(signedHeaders(a)).not.toContain('x-amz-content-sha256');
      },
    ],
    [
      'alwaysSignHeaders signs a header left unsigned by default',
      { alwaysSignHeaders: ['User-Agent'] },
      { headers: { 'user-agent': 'sigv4-test/1' } },
      (a) => {
        expect(header(a, 'user-agent')).toBe('sigv4-test/1');
        expect(signedHeaders(a)).toContain('user-agent');
      },
    ],
    [
      'without alwaysSignHeaders the same header is sent unsigned',
      {},
      { headers: { 'user-agent': 'sigv4-test/1' } },
      (a) => expect(signedHeaders(a)).not.toContain('user-agent'),
    ],
    [
      'neverSignHeaders sends a header unsigned',
      { neverSignHeaders: ['X-Custom'] },
      {},
      (a) => {
        expect(header(a, 'x-custom')).toBe('one');
        expect(signedHeaders(a)).not.toContain('x-custom');
        expect(signedHeaders(a)).toContain('content-type');
      },
    ],
  ])('%s', async (_name, options, request, check) => {
    check(await send(options, request));
  });
});

describe('each sign() request option on the wire', () => {
  it('signingDate: x-amz-date is that time, not the clock', async () => {
    const a = await send({}, { signingDate: new Date('2026-11-23T09:58:00Z') });
    expect(header(a, 'x-amz-date')).toBe('20261123T095800Z');
    expect(a.result.ok).toBe(true);
  });

  it('payloadHash: sent as given and signed (a wrong one is refused by the emulator)', async () => {
    const right = createHash('sha256').update('{"a":1}').digest('hex');
    const ok = await send({}, { payloadHash: right });
    expect(header(ok, 'x-amz-content-sha256')).toBe(right);
    expect(ok.result.ok).toBe(true);
    const wrong = await send({}, { payloadHash: 'a'.repeat(64) });
    expect(header(wrong, 'x-amz-content-sha256')).toBe('a'.repeat(64));
    expect(wrong.result.ok || wrong.result.reason).toBe('payload-hash-mismatch');
  });
});

describe('each presign option on the wire', () => {
  it('expiresIn: X-Amz-Expires', async () => {
    const a = await presigned({ expiresIn: 120 });
    expect(query(a).get('X-Amz-Expires')).toBe('120');
    expect(a.result.ok).toBe(true);
  });

  it('query: added and signed', async () => {
    const a = await presigned({ query: { user: 'Bjarne Stroustrup' } });
    expect(a.raw.target).toContain('user=Bjarne%20Stroustrup');
    expect(a.result.ok).toBe(true);
  });

  it('method: the URL works with that method only', async () => {
    const a = await presigned({ method: 'DELETE', send: { method: 'DELETE' } });
    expect(a.result.ok).toBe(true);
    const b = await presigned({ method: 'DELETE', send: { method: 'GET' } });
    expect(b.result.ok || b.result.reason).toBe('signature-mismatch');
  });

  it('signingDate: X-Amz-Date', async () => {
    const a = await presigned({ signingDate: new Date('2026-11-23T09:59:00Z') });
    expect(query(a).get('X-Amz-Date')).toBe('20261123T095900Z');
    expect(a.result.ok).toBe(true);
  });

  it('headers: signed, listed in X-Amz-SignedHeaders, sent as headers (other values refused)', async () => {
    const headers = { 'content-type': 'application/json', 'x-tenant': 'acme' };
    const a = await presigned({ headers, send: { headers } });
    expect(query(a).get('X-Amz-SignedHeaders')).toBe('content-type;host;x-tenant');
    expect(query(a).has('x-tenant')).toBe(false);
    expect(signedHeaders(a)).toEqual(['content-type', 'host', 'x-tenant']);
    const b = await presigned({ headers, send: { headers: { ...headers, 'x-tenant': 'other' } } });
    expect(b.result.ok || b.result.reason).toBe('signature-mismatch');
  });

  it('body / payloadHash: a presigned POST carries the body it was signed for, no other', async () => {
    const body = '{"name":"Ada"}';
    const a = await presigned({ method: 'POST', body, send: { method: 'POST', body } });
    expect(a.result.ok).toBe(true);
    const payloadHash = createHash('sha256').update(body).digest('hex');
    const b = await presigned({ method: 'POST', payloadHash, send: { method: 'POST', body } });
    expect(b.result.ok).toBe(true);
    const c = await presigned({
      method: 'POST',
      payloadHash,
      send: { method: 'POST', body: '{}' },
    });
    expect(c.result.ok || c.result.reason).toBe('signature-mismatch');
  });

  it('signer options apply to presigning too: alwaysSignHeaders', async () => {
    const headers = { 'user-agent': 'sigv4-test/1' };
    const a = await presigned(
      { headers, send: { headers } },
      { alwaysSignHeaders: ['user-agent'] },
    );
    expect(query(a).get('X-Amz-SignedHeaders')).toBe('host;user-agent');
    expect(a.result.ok).toBe(true);
  });
});

describe('options that cannot be honoured are refused at construction', () => {
  it.each<[string, SignerOptions, RegExp]>([
    ['alwaysSignHeaders: date', { alwaysSignHeaders: ['Date'] }, /"date", which cannot be signed/],
    [
      'alwaysSignHeaders: authorization',
      { alwaysSignHeaders: ['authorization'] },
      /cannot be signed/,
    ],
    [
      'alwaysSignHeaders: x-amz-content-sha256 with contentSha256Header: false',
      { alwaysSignHeaders: ['x-amz-content-sha256'], contentSha256Header: false },
      /contentSha256Header: false leaves that header out/,
    ],
    ['neverSignHeaders: host', { neverSignHeaders: ['Host'] }, /"host", which is always signed/],
    ['neverSignHeaders: x-amz-date', { neverSignHeaders: ['x-amz-date'] }, /always signed/],
    [
      'neverSignHeaders: x-amz-security-token',
      { neverSignHeaders: ['x-amz-security-token'] },
      /always signed/,
    ],
    [
      'neverSignHeaders: x-amz-content-sha256',
      { neverSignHeaders: ['x-amz-content-sha256'] },
      /pass contentSha256Header: false/,
    ],
    [
      'alwaysSignHeaders not an array',
      { alwaysSignHeaders: 'content-length' as unknown as string[] },
      /`alwaysSignHeaders` of createSigner must be an array/,
    ],
    [
      'contentSha256Header not a boolean',
      { contentSha256Header: 'no' as unknown as boolean },
      /`contentSha256Header` of createSigner must be true or false/,
    ],
  ])('%s', (_name, options, message) => {
    let error: unknown;
    try {
      createSigner({ ...BASE, ...options });
    } catch (e) {
      error = e;
    }
    expect(isSigV4Error(error, 'ERR_SIGV4_INVALID_OPTION')).toBe(true);
    expect((error as Error).message).toMatch(message);
  });
});
