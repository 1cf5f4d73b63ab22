import { Console } from 'node:console';
import { Writable } from 'node:stream';
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { stubNoAwsCredentials } from '../../../test-fixtures/no-aws-credentials.js';
import { createSignedFetch, isSigV4Error, presignUrl, type SigV4ErrorCode } from '../src/index.js';
import { CREDENTIALS } from './helpers.js';
import { type Loopback, startLoopback } from './loopback.js';

// Every SigV4Error code @sigv4/fetch can produce (all but ERR_SIGV4_AMBIGUOUS_QUERY, which the
// strict wire query makes unreachable), driven for real, and every way an error gets
// shown (message, stack, JSON, util.inspect, a console) searched for the secret key, the
// session token and any 64-hex signature.
const SECRET = CREDENTIALS.secretAccessKey;
const TOKEN = CREDENTIALS.sessionToken;
const SIG = 'b'.repeat(64);
const SECRET_QUERY = `X-Amz-Security-Token=${encodeURIComponent(TOKEN)}&sig=${SIG}`;

let server: Loopback;
let other: Loopback;
beforeAll(async () => {
  other = await startLoopback((_r, res) => res.end('other'));
  server = await startLoopback((r, res) => {
    if (r.target.startsWith('/away'))
      res.writeHead(302, { location: `${other.url}/x?${SECRET_QUERY}` }).end();
    else res.end('ok');
  });
});
afterAll(async () => {
  await Promise.all([server?.close(), other?.close()]);
});

const scope = { service: 'execute-api', region: 'eu-west-1' } as const;
const url = () => `${server.url}/p?${SECRET_QUERY}`;

const cases: ReadonlyArray<readonly [SigV4ErrorCode, () => Promise<unknown>]> = [
  ['ERR_SIGV4_SCOPE_UNRESOLVED', () => createSignedFetch({ credentials: CREDENTIALS })(url())],
  [
    'ERR_SIGV4_CREDENTIALS_MISSING',
    async () => {
      stubNoAwsCredentials(vi.stubEnv);
      return createSignedFetch(scope)(url());
    },
  ],
  [
    'ERR_SIGV4_CREDENTIALS_INVALID',
    () =>
      createSignedFetch({
        ...scope,
        credentials: { accessKeyId: '', secretAccessKey: SECRET, sessionToken: TOKEN },
      })(url()),
  ],
  [
    'ERR_SIGV4_CREDENTIALS_EXPIRED',
    () =>
      createSignedFetch({
        ...scope,
        credentials: { ...CREDENTIALS, expiration: new Date(Date.now() - 1000) },
      })(url()),
  ],
  [
    'ERR_SIGV4_CREDENTIALS_PROVIDER_FAILED',
    () =>
      createSignedFetch({
        ...scope,
        credentials: () => {
          throw new Error(`STS refused https://sts.amazonaws.com/?${SECRET_QUERY}`);
        },
      })(url()),
  ],
  [
    'ERR_SIGV4_BODY_TOO_LARGE',
    () =>
      createSignedFetch({ ...scope, credentials: CREDENTIALS, maxBodyBytes: 1 })(url(), {
        method: 'POST',
        body: 'xx',
      }),
  ],
  [
    'ERR_SIGV4_BODY_UNREADABLE',
    () =>
      createSignedFetch({ ...scope, credentials: CREDENTIALS })(url(), {
        method: 'POST',
        body: 42 as unknown as BodyInit,
      }),
  ],
  [
    'ERR_SIGV4_INVALID_URL',
    () => createSignedFetch({ ...scope, credentials: CREDENTIALS })(`http://[bad?${SECRET_QUERY}`),
  ],
  [
    'ERR_SIGV4_PRESIGN_EXPIRY_INVALID',
    () => presignUrl(url(), { ...scope, credentials: CREDENTIALS, expiresIn: 0 }),
  ],
  [
    'ERR_SIGV4_INVALID_OPTION',
    async () => createSignedFetch({ credentials: CREDENTIALS, retry: { methods: 'GET' as never } }),
  ],
  [
    'ERR_SIGV4_UNSIGNABLE_REQUEST',
    () =>
      createSignedFetch({ ...scope, credentials: CREDENTIALS })(
        `${server.url}/p?__proto__=1&${SECRET_QUERY}`,
      ),
  ],
  [
    'ERR_SIGV4_REDIRECT_BLOCKED',
    () =>
      createSignedFetch({ ...scope, credentials: CREDENTIALS, crossOriginRedirect: 'error' })(
        `${server.url}/away?${SECRET_QUERY}`,
      ),
  ],
];

function shown(error: unknown): string[] {
  let logged = '';
  const sink = new Writable({
    write(chunk, _enc, done) {
      logged += String(chunk);
      done();
    },
  });
  const console = new Console({ stdout: sink, stderr: sink });
  console.error(error);
  console.log('failed:', error);
  const e = error as Error;
  return [
    e.message,
    String(e.stack),
    JSON.stringify(error),
    inspect(error, { depth: 10, showHidden: true }),
    logged,
  ];
}

describe('no error of @sigv4/fetch shows a secret, a token or a signature', () => {
  it.each(cases)('%s', async (code, run) => {
    const error = await Promise.resolve()
      .then(run)
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    // fetch's own refusals are TypeErrors with our error as the cause: both are checked.
    const ours = error instanceof TypeError ? error.cause : error;
    expect(isSigV4Error(ours, code)).toBe(true);
    for (const text of shown(error)) {
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain(TOKEN);
      expect(text).not.toContain(encodeURIComponent(TOKEN));
      expect(text).not.toMatch(/[0-9a-f]{64}/i);
    }
  });
});
