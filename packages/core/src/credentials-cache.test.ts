import { describe, expect, it } from 'vitest';
import type { AwsCredentials } from './credentials.js';
import { createCredentialsCache } from './credentials-cache.js';
import { isSigV4Error } from './errors.js';

const T0 = new Date('2026-01-01T00:00:00Z');
const creds = (n: number, expiration?: Date): AwsCredentials => ({
  accessKeyId: `AKIDEXAMPLE${n}`,
  secretAccessKey: `secret-${n}`,
  sessionToken: `token-${n}`,
  ...(expiration ? { expiration } : {}),
});

function manualClock(start: Date) {
  let now = start.getTime();
  return { clock: () => new Date(now), advance: (ms: number) => (now += ms) };
}

describe('createCredentialsCache', () => {
  it('a thousand concurrent gets cause one provider call', async () => {
    let calls = 0;
    const cache = createCredentialsCache(async () => {
      calls += 1;
      await new Promise((r) => setTimeout(r, 5));
      return creds(calls);
    });
    const all = await Promise.all(Array.from({ length: 1000 }, () => cache.get()));
    expect(calls).toBe(1);
    expect(new Set(all.map((c) => c.accessKeyId))).toEqual(new Set(['AKIDEXAMPLE1']));
  });

  it('reuses credentials until 5 minutes before they expire, then refreshes once', async () => {
    const { clock, advance } = manualClock(T0);
    let calls = 0;
    const cache = createCredentialsCache(
      () => {
        calls += 1;
        return creds(calls, new Date(clock().getTime() + 60 * 60_000));
      },
      { clock },
    );
    expect((await cache.get()).accessKeyId).toBe('AKIDEXAMPLE1');
    advance(54 * 60_000);
    expect((await cache.get()).accessKeyId).toBe('AKIDEXAMPLE1');
    advance(2 * 60_000); // 4 minutes left: inside the refresh window
    const refreshed = await Promise.all([cache.get(), cache.get(), cache.get()]);
    expect(refreshed.map((c) => c.accessKeyId)).toEqual([
      'AKIDEXAMPLE2',
      'AKIDEXAMPLE2',
      'AKIDEXAMPLE2',
    ]);
    expect(calls).toBe(2);
  });

  it('credentials without an expiration are kept', async () => {
    let calls = 0;
    const cache = createCredentialsCache(() => {
      calls += 1;
      return creds(1);
    });
    await cache.get();
    await cache.get();
    expect(calls).toBe(1);
  });

  it('never returns expired credentials: a provider that returns them is an error', async () => {
    const { clock } = manualClock(T0);
    const cache = createCredentialsCache(() => creds(1, new Date(T0.getTime() - 1)), { clock });
    await expect(cache.get()).rejects.toSatisfy((e) =>
      isSigV4Error(e, 'ERR_SIGV4_CREDENTIALS_EXPIRED'),
    );
  });

  it('a value that has expired is refused too', async () => {
    const { clock, advance } = manualClock(T0);
    const cache = createCredentialsCache(creds(1, new Date(T0.getTime() + 1000)), { clock });
    await cache.get();
    advance(2000);
    await expect(cache.get()).rejects.toSatisfy((e) =>
      isSigV4Error(e, 'ERR_SIGV4_CREDENTIALS_EXPIRED'),
    );
  });

  it('a failing provider is ERR_SIGV4_CREDENTIALS_PROVIDER_FAILED with the cause, and the next get asks again', async () => {
    let calls = 0;
    const boom = new Error('sso session expired');
    const cache = createCredentialsCache(() => {
      calls += 1;
      if (calls === 1) throw boom;
      return creds(2);
    });
    const error = await cache.get().catch((e: unknown) => e);
    expect(isSigV4Error(error, 'ERR_SIGV4_CREDENTIALS_PROVIDER_FAILED')).toBe(true);
    expect((error as Error).cause).toBe(boom);
    expect((await cache.get()).accessKeyId).toBe('AKIDEXAMPLE2');
  });

  it('malformed credentials are ERR_SIGV4_CREDENTIALS_INVALID', async () => {
    const cache = createCredentialsCache(() => ({
      accessKeyId: 'AKIDEXAMPLE',
      secretAccessKey: '',
    }));
    await expect(cache.get()).rejects.toSatisfy((e) =>
      isSigV4Error(e, 'ERR_SIGV4_CREDENTIALS_INVALID'),
    );
  });

  it('invalidate() makes the next get ask the provider again', async () => {
    let calls = 0;
    const cache = createCredentialsCache(() => creds(++calls));
    await cache.get();
    cache.invalidate();
    expect((await cache.get()).accessKeyId).toBe('AKIDEXAMPLE2');
  });

  it('credentials that arrive with 3 minutes left are reused until 15 s before expiry', async () => {
    const { clock, advance } = manualClock(T0);
    let calls = 0;
    const expiration = new Date(T0.getTime() + 3 * 60_000);
    const cache = createCredentialsCache(
      () => {
        calls += 1;
        return creds(calls, expiration);
      },
      { clock },
    );
    for (let i = 0; i < 20; i++) await cache.get();
    expect(calls).toBe(1);
    advance(3 * 60_000 - 16_000);
    await cache.get();
    expect(calls).toBe(1);
    advance(2_000); // 14 s left: asked again
    await cache.get().catch(() => undefined);
    expect(calls).toBe(2);
  });

  it('a refresh that fails while the old credentials are still good falls back to them', async () => {
    const { clock, advance } = manualClock(T0);
    let calls = 0;
    const cache = createCredentialsCache(
      () => {
        calls += 1;
        if (calls === 2) throw new Error('throttled');
        return creds(calls, new Date(clock().getTime() + 60 * 60_000));
      },
      { clock },
    );
    await cache.get();
    advance(56 * 60_000); // inside the refresh window, 4 minutes left
    expect((await cache.get()).accessKeyId).toBe('AKIDEXAMPLE1');
    expect((await cache.get()).accessKeyId).toBe('AKIDEXAMPLE3');
  });
});
