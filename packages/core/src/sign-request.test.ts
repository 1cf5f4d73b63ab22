import { describe, expect, it } from 'vitest';
import type { AwsCredentials } from './credentials.js';
import { isSigV4Error } from './errors.js';
import { createSigner, signWireRequest } from './index.node.js';

const REQUEST = { method: 'GET', host: 'abc123.execute-api.eu-west-1.amazonaws.com', path: '/' };
const T0 = new Date('2026-01-01T00:00:00Z');

/** Signs REQUEST with `credentials` at `signingDate`; the error code, or 'signed'. */
async function outcome(credentials: AwsCredentials, signingDate: Date): Promise<string> {
  try {
    await signWireRequest(REQUEST, {
      credentials,
      service: 'execute-api',
      region: 'eu-west-1',
      signingDate,
    });
    return 'signed';
  } catch (error) {
    return isSigV4Error(error) ? error.code : String(error);
  }
}

describe('signWireRequest: the same credentials object, signed with again', () => {
  it('is refused once it has expired, although it was accepted before', async () => {
    const credentials = {
      accessKeyId: 'AKIDEXAMPLE',
      secretAccessKey: 'secret',
      expiration: new Date(T0.getTime() + 60_000),
    };
    expect(await outcome(credentials, T0)).toBe('signed');
    expect(await outcome(credentials, new Date(T0.getTime() + 120_000))).toBe(
      'ERR_SIGV4_CREDENTIALS_EXPIRED',
    );
  });

  it('is checked again when its values change (a token with a line break is refused)', async () => {
    const credentials: { -readonly [K in keyof AwsCredentials]: AwsCredentials[K] } = {
      accessKeyId: 'AKIDEXAMPLE',
      secretAccessKey: 'secret',
      sessionToken: 'token',
    };
    expect(await outcome(credentials, T0)).toBe('signed');
    credentials.sessionToken = 'token\n';
    expect(await outcome(credentials, T0)).toBe('ERR_SIGV4_CREDENTIALS_INVALID');
    credentials.sessionToken = 'token';
    credentials.expiration = new Date(T0.getTime() - 1);
    expect(await outcome(credentials, T0)).toBe('ERR_SIGV4_CREDENTIALS_EXPIRED');
  });
});

describe('Signer.sign with a URL object', () => {
  const signer = createSigner({
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
    clock: () => T0,
  });

  it.each([
    [
      'a query already strict',
      'https://abc123.execute-api.eu-west-1.amazonaws.com/prod/items?a=1&b=2',
    ],
    [
      'a query to rewrite and a fragment',
      'https://abc123.execute-api.eu-west-1.amazonaws.com/prod/items?q=a+b&x=*#top',
    ],
    ['an S3 path to rewrite', 'https://bucket.s3.eu-west-1.amazonaws.com/a(1)/%41.txt?x=*'],
  ])(
    "signs %s as the same URL given as a string, and leaves the caller's URL as it was",
    async (_, href) => {
      const url = new URL(href);
      const fromUrl = await signer.sign({ method: 'GET', url });
      const fromString = await signer.sign({ method: 'GET', url: href });
      expect(url.href).toBe(new URL(href).href);
      expect(fromUrl.url).toBe(fromString.url);
      expect(fromUrl.headers.authorization).toBe(fromString.headers.authorization);
    },
  );
});

describe('Signer.sign, request after request', () => {
  const signer = createSigner({
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
    service: 'execute-api',
    region: 'eu-west-1',
    clock: () => T0,
  });
  const base = 'https://abc123.execute-api.eu-west-1.amazonaws.com/prod/items';

  it('signs each query as its own, whichever was signed before', async () => {
    const queries: string[] = [];
    for (const query of ['limit=10&start=a', 'b=2', 'limit=10&start=a', '', 'b=2&b=1']) {
      const signed = await signer.sign({ method: 'GET', url: `${base}?${query}` });
      queries.push(signed.canonicalRequest.split('\n')[2] ?? '');
    }
    expect(queries).toEqual(['limit=10&start=a', 'b=2', 'limit=10&start=a', '', 'b=1&b=2']);
  });

  it('hands every result its own signedHeaders array', async () => {
    const first = await signer.sign({ method: 'GET', url: base, headers: { accept: 'x' } });
    (first.signedHeaders as string[]).push('changed-by-the-caller');
    const second = await signer.sign({ method: 'GET', url: base, headers: { accept: 'x' } });
    expect(second.signedHeaders).toEqual(['accept', 'host', 'x-amz-content-sha256', 'x-amz-date']);
    expect(second.headers.authorization).toContain(
      'SignedHeaders=accept;host;x-amz-content-sha256;x-amz-date,',
    );
  });
});
