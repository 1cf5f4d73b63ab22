import { describe, expect, it } from 'vitest';
import { invalidOption, isSigV4EmulatorError, SigV4EmulatorError } from './emulator-error.js';

describe('SigV4EmulatorError', () => {
  const caught = (() => {
    try {
      invalidOption('port', 'is -1', 'Use 0 (a free port) or 1-65535.');
    } catch (error) {
      return error;
    }
  })();

  it('has its own name, so a guard for SigV4Error (which checks name and code) does not take it', () => {
    expect(caught).toBeInstanceOf(SigV4EmulatorError);
    expect(caught).toMatchObject({ name: 'SigV4EmulatorError', code: 'ERR_SIGV4_INVALID_OPTION' });
    expect((caught as Error).message).toBe(
      '[sigv4/msw] Option `port` is -1. Use 0 (a free port) or 1-65535.',
    );
  });

  it('isSigV4EmulatorError: instances, same-named errors from another copy, and codes', () => {
    expect(isSigV4EmulatorError(caught)).toBe(true);
    expect(isSigV4EmulatorError(caught, 'ERR_SIGV4_INVALID_OPTION')).toBe(true);
    const otherRealm = Object.assign(new Error('x'), {
      name: 'SigV4EmulatorError',
      code: 'ERR_SIGV4_INVALID_OPTION',
    });
    expect(isSigV4EmulatorError(otherRealm)).toBe(true);
    const coreError = Object.assign(new Error('x'), {
      name: 'SigV4Error',
      code: 'ERR_SIGV4_INVALID_OPTION',
    });
    expect(isSigV4EmulatorError(coreError)).toBe(false);
    expect(isSigV4EmulatorError(new Error('x'))).toBe(false);
    expect(isSigV4EmulatorError(null)).toBe(false);
  });
});
