import { describe, expect, it } from 'vitest';
import {
  createSigner,
  isSigV4Error,
  presignUrl,
  SigV4Error,
  type SigV4ErrorCode,
  signWireRequest,
} from '../src/index.node.js';

const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
const TOKEN = 'IQoJb3JpZ2luX2VjEXAMPLETOKEN/secret+part==';
const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: SECRET, sessionToken: TOKEN };
const API = 'https://abc123.execute-api.eu-west-1.amazonaws.com/prod/items';

async function failure(run: () => unknown): Promise<SigV4Error> {
  try {
    await run();
  } catch (error) {
    if (error instanceof SigV4Error) return error;
    throw error;
  }
  throw new Error('expected a SigV4Error, nothing was thrown');
}

// Every code core throws, each from the public API, with a message that says what to do.
const cases: [SigV4ErrorCode, string, () => unknown, RegExp][] = [
  [
    'ERR_SIGV4_SCOPE_UNRESOLVED',
    'a custom domain with no service or region',
    () => createSigner({ credentials }).sign({ method: 'GET', url: 'https://api.example.com/v1' }),
    /^\[sigv4\] GET https:\/\/api\.example\.com\/v1: .*Pass the service/,
  ],
  [
    'ERR_SIGV4_INVALID_URL',
    'a relative URL',
    () => createSigner({ credentials }).sign({ method: 'GET', url: '/prod/items' }),
    /not an absolute URL\. Pass a full URL/,
  ],
  [
    'ERR_SIGV4_INVALID_URL',
    'a scheme that cannot be signed',
    () =>
      createSigner({ credentials }).sign({
        method: 'GET',
        url: 'ftp://abc.execute-api.eu-west-1.amazonaws.com/',
      }),
    /only https:, http:, wss: and ws: URLs/,
  ],
  [
    'ERR_SIGV4_INVALID_URL',
    'user info in the URL',
    () =>
      createSigner({ credentials }).sign({
        method: 'GET',
        url: 'https://me:pw@abc.execute-api.eu-west-1.amazonaws.com/',
      }),
    /user info/,
  ],
  [
    'ERR_SIGV4_CREDENTIALS_INVALID',
    'credentials without a secret',
    () =>
      createSigner({ credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: '' } }).sign({
        method: 'GET',
        url: API,
      }),
    /non-empty accessKeyId and secretAccessKey/,
  ],
  [
    'ERR_SIGV4_CREDENTIALS_EXPIRED',
    'expired credentials',
    () =>
      createSigner({
        credentials: { ...credentials, expiration: new Date('2020-01-01T00:00:00Z') },
      }).sign({
        method: 'GET',
        url: API,
      }),
    /expired at 2020-01-01T00:00:00\.000Z/,
  ],
  [
    'ERR_SIGV4_CREDENTIALS_EXPIRED',
    'a presigned URL that would outlive its credentials',
    () =>
      presignUrl(API, {
        credentials: { ...credentials, expiration: new Date(Date.now() + 60_000) },
        expiresIn: 3600,
      }),
    /before the presigned URL would.*shorter expiresIn/,
  ],
  [
    'ERR_SIGV4_CREDENTIALS_PROVIDER_FAILED',
    'a provider that throws',
    () =>
      createSigner({
        credentials: () => {
          throw new Error(`profile broken; secret was ${SECRET}`);
        },
      }).sign({ method: 'GET', url: API }),
    /credentials provider failed \(see `cause`\)/,
  ],
  [
    'ERR_SIGV4_PRESIGN_EXPIRY_INVALID',
    'a presign expiry over 7 days',
    () => presignUrl(API, { credentials, expiresIn: 604_801 }),
    /from 1 to 604800 \(7 days\), got 604801/,
  ],
  [
    'ERR_SIGV4_PRESIGN_EXPIRY_INVALID',
    'a fractional presign expiry',
    () => presignUrl(API, { credentials, expiresIn: 1.5 }),
    /whole number of seconds/,
  ],
  [
    'ERR_SIGV4_AMBIGUOUS_QUERY',
    'a raw + in a query given to the low-level signer',
    () =>
      signWireRequest(
        {
          method: 'GET',
          host: 'abc.execute-api.eu-west-1.amazonaws.com',
          path: '/',
          query: 'q=a+b',
        },
        { credentials, service: 'execute-api', region: 'eu-west-1' },
      ),
    /toStrictQuery\(\)/,
  ],
  [
    'ERR_SIGV4_INVALID_OPTION',
    'a region that is not a string',
    () => createSigner({ region: 5 as unknown as string }),
    /option `region` of createSigner must be a non-empty string/,
  ],
];

describe('every error is a coded SigV4Error whose message says what to do', () => {
  it.each(cases)('%s: %s', async (code, _what, run, message) => {
    const error = await failure(run);
    expect(error.code).toBe(code);
    expect(error.name).toBe('SigV4Error');
    expect(isSigV4Error(error, code)).toBe(true);
    expect(error.message).toMatch(/^\[sigv4\] /);
    expect(error.message).toMatch(message);
  });

  it.each(cases)(
    '%s: %s never shows the secret key, the session token or a signature',
    async (_code, _what, run) => {
      const error = await failure(run);
      const everything = `${error.message} ${error.stack ?? ''} ${JSON.stringify(error)} ${String(error.url)}`;
      expect(everything).not.toContain(SECRET);
      expect(everything).not.toContain(TOKEN);
      expect(everything).not.toMatch(/Signature=|X-Amz-Signature/);
    },
  );

  it('errors from sign() name the method and the URL, without its query (it may hold a signature)', async () => {
    const error = await failure(() =>
      createSigner({ credentials }).sign({
        method: 'POST',
        url: 'https://api.example.com/v1?X-Amz-Signature=abc',
      }),
    );
    expect(error.method).toBe('POST');
    expect(error.url).toBe('https://api.example.com/v1?…');
    expect(error.message).not.toContain('abc');
  });

  it('isSigV4Error recognises an error from another copy of the package by name and code', () => {
    const foreign = Object.assign(new Error('x'), {
      name: 'SigV4Error',
      code: 'ERR_SIGV4_BODY_TOO_LARGE',
    });
    expect(isSigV4Error(foreign)).toBe(true);
    expect(isSigV4Error(foreign, 'ERR_SIGV4_BODY_TOO_LARGE')).toBe(true);
    expect(isSigV4Error(foreign, 'ERR_SIGV4_INVALID_URL')).toBe(false);
    expect(isSigV4Error(new Error('x'))).toBe(false);
    expect(isSigV4Error(null)).toBe(false);
  });

  it('a presign expiry is checked before any credentials are resolved', async () => {
    let calls = 0;
    const error = await failure(() =>
      presignUrl(API, {
        credentials: () => {
          calls += 1;
          return credentials;
        },
        expiresIn: 0,
      }),
    );
    expect(error.code).toBe('ERR_SIGV4_PRESIGN_EXPIRY_INVALID');
    expect(calls).toBe(0);
  });

  it.each([
    ['presignUrl', () => presignUrl(`${API}?tag=a`, { credentials, expiresIn: 0 })],
    [
      'createSigner().presign',
      () => createSigner({ credentials }).presign(`${API}?tag=a`, { expiresIn: 604_801 }),
    ],
    [
      'presignUrl, credentials that expire first',
      () =>
        presignUrl(`${API}?tag=a`, {
          credentials: { ...credentials, expiration: new Date(Date.now() + 60_000) },
          expiresIn: 3600,
        }),
    ],
  ])('errors from %s name the method and the URL, without its query', async (_name, run) => {
    const error = await failure(run);
    expect(error.message.startsWith(`[sigv4] GET ${API}?…: `)).toBe(true);
    expect(error.url).toBe(`${API}?…`);
  });

  it('expiresIn given as a string: says it must be a number (not "from 1 to 604800, got 300")', async () => {
    const error = await failure(() =>
      presignUrl(API, { credentials, expiresIn: '300' as unknown as number }),
    );
    expect(error.code).toBe('ERR_SIGV4_PRESIGN_EXPIRY_INVALID');
    expect(error.detail).toBe(
      'expiresIn must be a number of seconds (a whole number from 1 to 604800), got the string "300". Pass expiresIn: 300.',
    );
    const other = await failure(() =>
      presignUrl(API, { credentials, expiresIn: true as unknown as number }),
    );
    expect(other.detail).toBe(
      'expiresIn must be a number of seconds (a whole number from 1 to 604800), got boolean.',
    );
  });
});
