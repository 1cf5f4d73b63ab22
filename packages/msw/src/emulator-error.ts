/**
 * The error the emulator throws for bad options. Named `SigV4Error` with a `code`, like every
 * `@sigv4/*` error, so `isSigV4Error` from `@sigv4/core` recognises it (it checks `name` and
 * `code`), without this package importing core.
 */

/** Codes the emulator throws. */
export type EmulatorErrorCode = 'ERR_SIGV4_INVALID_OPTION';

export class SigV4EmulatorError extends Error {
  override readonly name = 'SigV4Error';
  readonly code: EmulatorErrorCode;

  constructor(code: EmulatorErrorCode, message: string) {
    super(`[sigv4/msw] ${message}`);
    this.code = code;
  }
}

/** Throws an `ERR_SIGV4_INVALID_OPTION` naming the option and how to fix it. */
export function invalidOption(option: string, problem: string, fix: string): never {
  throw new SigV4EmulatorError(
    'ERR_SIGV4_INVALID_OPTION',
    `Option \`${option}\` ${problem}. ${fix}`,
  );
}
