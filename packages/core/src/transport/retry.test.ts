import { describe, expect, it } from 'vitest';
import { isSigV4Error } from '../errors.js';
import { retryAfterMs, retryDelayMs } from './retry.js';
import { resolveRetry } from './retry-options.js';

describe('resolveRetry', () => {
  it('absent: no retries; a number: that many, idempotent methods', () => {
    expect(resolveRetry(undefined, 'f').limit).toBe(0);
    const policy = resolveRetry(3, 'f');
    expect(policy.limit).toBe(3);
    expect(policy.methods.has('POST')).toBe(false);
    expect(policy.methods.has('PUT')).toBe(true);
  });

  it('an object: limit 2 by default, methods upper-cased, statuses as a set', () => {
    const policy = resolveRetry({ methods: ['get', 'post'], statusCodes: [503] }, 'f');
    expect(policy.limit).toBe(2);
    expect([...policy.methods]).toEqual(['GET', 'POST']);
    expect(policy.statusCodes.has(503)).toBe(true);
    expect(policy.statusCodes.has(50)).toBe(false);
  });

  it.each([
    ['retry', 'three'],
    ['retry', 11],
    ['retry.limit', { limit: 1.5 }],
    ['retry.methods', { methods: 'GET' }],
    ['retry.methods', { methods: ['GET POST'] }],
    ['retry.statusCodes', { statusCodes: '5035' }],
    ['retry.statusCodes', { statusCodes: [99] }],
    ['retry.delay', { delay: 5 }],
    ['retry.limt', { limt: 2 }],
  ])('refuses %s = %j with ERR_SIGV4_INVALID_OPTION naming it', (name, value) => {
    let error: unknown;
    try {
      resolveRetry(value, 'createSignedFetch');
    } catch (e) {
      error = e;
    }
    expect(isSigV4Error(error, 'ERR_SIGV4_INVALID_OPTION')).toBe(true);
    expect((error as Error).message).toContain(`option \`${name}\` of createSignedFetch`);
  });
});

describe('retry delays', () => {
  it('Retry-After in seconds or as a date, capped at 30 s', () => {
    expect(retryAfterMs('2')).toBe(2000);
    expect(retryAfterMs('600')).toBe(30_000);
    expect(retryAfterMs(new Date(10_000).toUTCString(), 5_000)).toBe(5_000);
    expect(retryAfterMs('soon')).toBeUndefined();
    expect(retryAfterMs(null)).toBeUndefined();
  });

  it('a delay function returning nonsense waits 0', () => {
    const policy = resolveRetry({ delay: () => Number.NaN }, 'f');
    expect(retryDelayMs(policy, 1, undefined)).toBe(0);
    expect(retryDelayMs(resolveRetry({}, 'f'), 2, undefined)).toBe(600);
  });
});
