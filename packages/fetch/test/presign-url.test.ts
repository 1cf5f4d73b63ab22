/**
 * `presignUrl`: its refusals name the URL (redacted, as every SigV4Error) and say what is wrong
 * with the value; a URL presigned with a signed header verifies at the IAM emulator over a
 * socket when that header is sent, and is refused without it.
 */
import { createHash } from 'node:crypto';
import { type IamEmulator, startIamEmulator } from '@sigv4/msw/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isSigV4Error, type PresignUrlOptions, presignUrl } from '../src/index.js';
import { CREDENTIALS, LAMBDA } from './helpers.js';

const KEY = { accessKeyId: CREDENTIALS.accessKeyId, secretAccessKey: CREDENTIALS.secretAccessKey };
/** A URL whose query holds a token: it must never show in a message. */
const WITH_TOKEN = `${LAMBDA}/report?X-Amz-Security-Token=${encodeURIComponent(CREDENTIALS.sessionToken)}&user=ada`;

async function refusal(
  promise: Promise<unknown>,
): Promise<Error & { code?: string; url?: string }> {
  const error = await promise.then(
    () => {
      throw new Error('accepted');
    },
    (e: unknown) => e,
  );
  expect(isSigV4Error(error)).toBe(true);
  return error as Error;
}

describe('presignUrl refusals', () => {
  it('expiresIn given as a string: says it must be a number, names the URL', async () => {
    const error = await refusal(
      presignUrl(WITH_TOKEN, { credentials: KEY, expiresIn: '300' as unknown as number }),
    );
    expect(error.code).toBe('ERR_SIGV4_PRESIGN_EXPIRY_INVALID');
    expect(error.message).toBe(
      `[sigv4] GET ${LAMBDA}/report?…: expiresIn must be a number of seconds (a whole number from 1 to 604800), got the string "300". Pass expiresIn: 300.`,
    );
    expect(error.url).toBe(`${LAMBDA}/report?…`);
  });

  it('expiresIn out of range: names the URL, without its query', async () => {
    const error = await refusal(presignUrl(WITH_TOKEN, { credentials: KEY, expiresIn: 0 }));
    expect(error.message).toBe(
      `[sigv4] GET ${LAMBDA}/report?…: expiresIn must be a whole number of seconds from 1 to 604800 (7 days), got 0.`,
    );
  });

  it('credentials that expire before the URL would: names the URL', async () => {
    const error = await refusal(
      presignUrl(`${LAMBDA}/report?user=ada`, {
        credentials: { ...CREDENTIALS, expiration: new Date(Date.now() + 60_000) },
        expiresIn: 3600,
      }),
    );
    expect(error.code).toBe('ERR_SIGV4_CREDENTIALS_EXPIRED');
    expect(error.message.startsWith(`[sigv4] GET ${LAMBDA}/report?…: `)).toBe(true);
    expect(error.message).not.toContain(CREDENTIALS.sessionToken);
    expect(error.message).not.toContain('IQoJ');
  });
});

let emulator: IamEmulator;
beforeAll(async () => {
  emulator = await startIamEmulator({
    emulate: 'lambda-url',
    region: 'eu-west-1',
    credentials: [KEY],
  });
});
afterAll(() => emulator.close());

describe('presignUrl with signed headers, on the wire', () => {
  const options = (extra: PresignUrlOptions): PresignUrlOptions => ({
    credentials: KEY,
    service: 'lambda',
    region: 'eu-west-1',
    ...extra,
  });

  it('a header signed into the URL: verified when sent with it, refused without or changed', async () => {
    const url = await presignUrl(
      `${emulator.url}/report`,
      options({ headers: { 'x-tenant': 'acme' } }),
    );
    expect(new URL(url).searchParams.get('X-Amz-SignedHeaders')).toBe('host;x-tenant');

    const ok = await fetch(url, { headers: { 'x-tenant': 'acme' } });
    expect(ok.status, await ok.text()).toBe(200);
    const arrived = emulator.requests.at(-1);
    expect(arrived?.raw.headers).toContainEqual(['x-tenant', 'acme']);
    expect(arrived?.result).toMatchObject({
      ok: true,
      identity: { mode: 'query', signedHeaders: ['host', 'x-tenant'] },
    });

    expect((await fetch(url)).status).toBe(403);
    expect((await fetch(url, { headers: { 'x-tenant': 'other' } })).status).toBe(403);
  });

  it('a body signed into the URL (its hash): verified with that body, refused with another', async () => {
    const body = '{"name":"Ada"}';
    const url = await presignUrl(`${emulator.url}/orders`, options({ method: 'POST', body }));
    const ok = await fetch(url, { method: 'POST', body });
    expect(ok.status, await ok.text()).toBe(200);
    expect((await fetch(url, { method: 'POST', body: '{"name":"Bob"}' })).status).toBe(403);
  });

  it('payloadHash (the hex SHA-256 of the body to come): verified with that body only', async () => {
    const body = 'a report of 30 bytes, exactly';
    const payloadHash = createHash('sha256').update(body).digest('hex');
    const url = await presignUrl(`${emulator.url}/upload`, options({ method: 'PUT', payloadHash }));
    const ok = await fetch(url, { method: 'PUT', body });
    expect(ok.status, await ok.text()).toBe(200);
    expect((await fetch(url, { method: 'PUT', body: 'another body' })).status).toBe(403);
  });
});
