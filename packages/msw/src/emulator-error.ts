/**
 * The error the emulator throws for bad options. It has its own name, `SigV4EmulatorError`, and
 * its own guard, `isSigV4EmulatorError`: `@sigv4/core`'s `isSigV4Error` does not take it for a
 * `SigV4Error` (which carries `method`, `url` and `detail` this class has not).
 */

/** Codes the emulator throws. */
export type EmulatorErrorCode = 'ERR_SIGV4_INVALID_OPTION';

const NAME = 'SigV4EmulatorError';

export class SigV4EmulatorError extends Error {
  override readonly name = NAME;
  readonly code: EmulatorErrorCode;

  constructor(code: EmulatorErrorCode, message: string) {
    super(`[sigv4/msw] ${message}`);
    this.code = code;
  }
}

/**
 * Whether `error` is a `SigV4EmulatorError` (optionally with this `code`). Checks `name` and
 * `code` as well as `instanceof`, so it also works across realms and duplicate package copies.
 *
 * @example
 * ```ts
 * try {
 *   await startIamEmulator({ emulate: 'lambda-url', credentials: [] });
 * } catch (error) {
 *   if (isSigV4EmulatorError(error, 'ERR_SIGV4_INVALID_OPTION')) console.error(error.message);
 * }
 * ```
 */
export function isSigV4EmulatorError(
  error: unknown,
  code?: EmulatorErrorCode,
): error is SigV4EmulatorError {
  if (error instanceof SigV4EmulatorError) return code === undefined || error.code === code;
  if (typeof error !== 'object' || error === null) return false;
  const candidate = error as { name?: unknown; code?: unknown };
  return (
    candidate.name === NAME &&
    typeof candidate.code === 'string' &&
    (code === undefined || candidate.code === code)
  );
}

/** Throws an `ERR_SIGV4_INVALID_OPTION` naming the option and how to fix it. */
export function invalidOption(option: string, problem: string, fix: string): never {
  throw new SigV4EmulatorError(
    'ERR_SIGV4_INVALID_OPTION',
    `Option \`${option}\` ${problem}. ${fix}`,
  );
}
