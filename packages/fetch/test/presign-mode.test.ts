import type { IamEmulator } from '@sigv4/msw/server';
import { startIamEmulator } from '@sigv4/msw/server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSignedFetch, isSigV4Error } from '../src/index.js';
import { CREDENTIALS, KNOWN } from './helpers.js';

// mode 'presign': SigV4 in the query, each hop presigned, verified as API Gateway would.
let emulator: IamEmulator;
beforeAll(async () => {
  emulator = await startIamEmulator({
    emulate: 'apigateway-rest',
    region: 'eu-west-1',
    credentials: KNOWN,
    resolver: ({ raw }) =>
      raw.target.startsWith('/prod/moved')
        ? { status: 307, headers: { location: '/prod/landed' } }
        : { status: 200, body: `${raw.method} ${raw.body.byteLength}` },
  });
});
afterAll(() => emulator.close());
beforeEach(() => emulator.reset());

const presigning = (extra = {}) =>
  createSignedFetch({
    credentials: CREDENTIALS,
    service: 'execute-api',
    region: 'eu-west-1',
    mode: 'presign',
    ...extra,
  });

describe("mode: 'presign'", () => {
  it('sends a presigned URL and no Authorization header, every hop, body hash signed', async () => {
    const res = await presigning()(`${emulator.url}/prod/moved?q=a b`, {
      method: 'POST',
      body: '{"a":1}',
    });
    expect(await res.text()).toBe('POST 7');
    expect(emulator.requests).toHaveLength(2);
    for (const request of emulator.requests) {
      expect(request.result.ok).toBe(true);
      expect(request.raw.target).toMatch(/X-Amz-Signature=[0-9a-f]{64}/);
      expect(request.raw.headers.some(([name]) => name.toLowerCase() === 'authorization')).toBe(
        false,
      );
    }
  });

  it('a changed body is refused by the server: the hash is in the signature', async () => {
    const tampering = createSignedFetch({
      credentials: CREDENTIALS,
      service: 'execute-api',
      region: 'eu-west-1',
      mode: 'presign',
      fetch: (input, init) => fetch(input, { ...init, body: '{"a":2}' }),
    });
    const res = await tampering(`${emulator.url}/prod/items`, { method: 'POST', body: '{"a":1}' });
    expect(res.status).toBe(403);
  });

  it.each([{ onSigned: () => undefined }, { contentSha256Header: true }])(
    '%o cannot take effect: refused at construction',
    (extra) => {
      let error: unknown;
      try {
        presigning(extra);
      } catch (e) {
        error = e;
      }
      expect(isSigV4Error(error, 'ERR_SIGV4_INVALID_OPTION')).toBe(true);
    },
  );
});
