import type { IamEmulator } from '@sigv4/msw/server';
import { startIamEmulator } from '@sigv4/msw/server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSignedFetch, isSigV4Error, type SignedRequestInit } from '../src/index.js';
import { CREDENTIALS, KNOWN } from './helpers.js';

// `init.sigv4`: one request's own service and region, over the options and the host, on the
// wire: a Lambda function URL emulator in us-east-1 accepts only `us-east-1/lambda`.
let emulator: IamEmulator;
beforeAll(async () => {
  emulator = await startIamEmulator({
    emulate: 'lambda-url',
    region: 'us-east-1',
    credentials: KNOWN,
    resolver: ({ raw }) =>
      raw.target === '/moved'
        ? { status: 307, headers: { location: '/landed' } }
        : { status: 200, body: 'ok' },
  });
});
afterAll(() => emulator.close());
beforeEach(() => emulator.reset());

const signedFetch = createSignedFetch({
  credentials: CREDENTIALS,
  service: 'execute-api',
  region: 'eu-west-1',
});

describe('a request with its own sigv4 scope', () => {
  it('is signed for it, every hop, while other requests keep the options', async () => {
    const init: SignedRequestInit = {
      method: 'POST',
      body: 'x',
      sigv4: { service: 'lambda', region: 'us-east-1' },
    };
    const res = await signedFetch(`${emulator.url}/moved`, init);
    expect([res.status, await res.text()]).toEqual([200, 'ok']);
    expect(emulator.requests.map((r) => [r.raw.target, r.result.ok])).toEqual([
      ['/moved', true],
      ['/landed', true],
    ]);
    const plain = await signedFetch(`${emulator.url}/other`);
    expect(plain.status).toBe(403);
  });

  it('is not passed on to the fetch beneath', async () => {
    const seen: RequestInit[] = [];
    const recording = createSignedFetch({
      credentials: CREDENTIALS,
      fetch: async (_input, init) => {
        seen.push(init ?? {});
        return new Response('ok');
      },
    });
    const init: SignedRequestInit = { sigv4: { service: 'lambda', region: 'us-east-1' } };
    await recording('https://abc123.execute-api.eu-west-1.amazonaws.com/prod/x', init);
    expect('sigv4' in (seen[0] ?? {})).toBe(false);
    expect(new Headers(seen[0]?.headers).get('authorization')).toContain('/us-east-1/lambda/');
  });

  it.each([[{ service: '' }], [{ region: 5 }], ['lambda']])(
    'a sigv4 of %o is refused: ERR_SIGV4_INVALID_OPTION, nothing sent',
    async (sigv4) => {
      const error = await signedFetch(`${emulator.url}/x`, {
        sigv4,
      } as unknown as SignedRequestInit).catch((e: unknown) => e);
      expect(isSigV4Error(error, 'ERR_SIGV4_INVALID_OPTION')).toBe(true);
      expect(emulator.requests).toHaveLength(0);
    },
  );
});
