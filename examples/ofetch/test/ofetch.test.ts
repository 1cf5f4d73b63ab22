import { type IamEmulator, startIamEmulator } from '@sigv4/msw/server';
import { FetchError } from 'ofetch';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createOrdersClient, getOrder, placeOrder } from '../src/orders-client.mjs';

const credentials = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
};
const region = 'eu-west-1';

let emulator: IamEmulator;
const attempts = new Map<string, number>();
beforeAll(async () => {
  emulator = await startIamEmulator({
    emulate: 'apigateway-rest',
    region,
    credentials: [credentials],
    // `/prod/orders/flaky` answers 503 to its first two verified attempts, as a busy backend would.
    resolver: ({ raw }) => {
      const seen = (attempts.get(raw.target) ?? 0) + 1;
      attempts.set(raw.target, seen);
      if (raw.target === '/prod/orders/flaky' && seen <= 2) return { status: 503, body: 'busy' };
      return { status: 200, headers: { 'content-type': 'application/json' }, body: '{"id":"7"}' };
    },
  });
});
afterAll(() => emulator.close());
beforeEach(() => {
  emulator.reset();
});

/** A clock one second further on each time it is read: every signature has its own x-amz-date. */
function tickingClock(): () => Date {
  const start = Date.now();
  let reads = 0;
  return () => {
    reads += 1;
    return new Date(start + reads * 1_000);
  };
}

function client(overrides: { secretAccessKey?: string } = {}) {
  return createOrdersClient({
    apiUrl: `${emulator.url}/prod`,
    service: 'execute-api',
    region,
    credentials: { ...credentials, ...overrides },
    clock: tickingClock(),
  });
}

const header = (name: string, headers: ReadonlyArray<readonly [string, string]> | undefined) =>
  headers?.find(([key]) => key.toLowerCase() === name)?.[1];

describe('ofetch with a signed fetch, against the REST API emulator', () => {
  it('a GET and a JSON POST arrive signed and verified', async () => {
    await expect(getOrder(client(), 'a b')).resolves.toEqual({ id: '7' });
    const get = emulator.requests.at(-1);
    expect(get?.raw.target).toBe('/prod/orders/a%20b');
    expect(get?.result).toMatchObject({ ok: true, identity: { accessKeyId: 'AKIDEXAMPLE' } });

    await placeOrder(client(), { sku: 'B-42', quantity: 2 });
    const post = emulator.requests.at(-1);
    expect(post?.raw.method).toBe('POST');
    expect(new TextDecoder().decode(post?.raw.body)).toBe('{"sku":"B-42","quantity":2}');
    expect(post?.result.ok).toBe(true);
  });

  it("ofetch's retries are signed again: three attempts, three dates, three valid signatures", async () => {
    await expect(getOrder(client(), 'flaky')).resolves.toEqual({ id: '7' });
    const tries = emulator.requests;
    expect(tries.map((r) => r.raw.target)).toEqual(Array(3).fill('/prod/orders/flaky'));
    expect(tries.every((r) => r.result.ok)).toBe(true);
    const dates = tries.map((r) => header('x-amz-date', r.raw.headers));
    const signatures = tries.map((r) => header('authorization', r.raw.headers));
    expect(new Set(dates).size).toBe(3);
    expect(new Set(signatures).size).toBe(3);
  });

  it("a wrong secret gets API Gateway's 403 as an ofetch FetchError, and 403 is not retried", async () => {
    const error = await getOrder(client({ secretAccessKey: 'not-the-secret' }), '7').catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(FetchError);
    expect((error as FetchError).statusCode).toBe(403);
    expect((error as FetchError).data).toMatchObject({
      message: expect.stringMatching(/^The request signature we calculated does not match/),
    });
    expect(emulator.requests.length).toBe(1);
  });
});
