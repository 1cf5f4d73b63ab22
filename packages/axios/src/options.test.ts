import { DEFAULT_MAX_BODY_BYTES, isSigV4Error } from '@sigv4/core';
import { describe, expect, it } from 'vitest';
import { resolveOptions } from './options.ts';

describe('resolveOptions', () => {
  it('applies the defaults', () => {
    const { policy, signContentLength } = resolveOptions({});
    expect(signContentLength).toBe(false);
    expect(policy).toMatchObject({
      maxBodyBytes: DEFAULT_MAX_BODY_BYTES,
      onSigned: undefined,
      correctClockSkew: true,
      crossOrigin: 'follow-unsigned',
      maxRedirects: 20,
    });
  });

  it('signs content-length only when asked and not also refused', () => {
    expect(resolveOptions({ alwaysSignHeaders: ['Content-Length'] }).signContentLength).toBe(true);
    expect(
      resolveOptions({
        alwaysSignHeaders: ['content-length'],
        neverSignHeaders: ['content-length'],
      }).signContentLength,
    ).toBe(false);
  });

  it.each([
    [{ maxBodyBytes: -1 }, 'maxBodyBytes'],
    [{ maxBodyBytes: 1.5 }, 'maxBodyBytes'],
    [{ onSigned: 'log' }, 'onSigned'],
    [{ alwaysSignHeaders: 'content-length' }, 'alwaysSignHeaders'],
    [{ retry: { methods: 'GET' } }, 'retry.methods'],
    [{ retry: { statusCodes: '5035' } }, 'retry.statusCodes'],
    [{ crossOriginRedirect: 'follow' }, 'crossOriginRedirect'],
    [{ clock: Date.now() }, 'clock'],
    [{ region: '' }, 'region'],
    [{ regoin: 'eu-west-1' }, 'regoin'],
  ])('refuses %o, naming the option', (options, name) => {
    let caught: unknown;
    try {
      resolveOptions(options as never);
    } catch (error) {
      caught = error;
    }
    expect(isSigV4Error(caught, 'ERR_SIGV4_INVALID_OPTION')).toBe(true);
    expect((caught as Error).message).toContain(`\`${name}\``);
  });
});
