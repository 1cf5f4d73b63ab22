// Loaded before every test file (vitest.shared.ts `setupFiles`). Some tests send a lower-case
// `patch` on purpose, to check it is signed and sent as written; fetch (undici) then warns once per
// process with the code UNDICI-FETCH-patch. That warning, and only that one, is dropped here so the
// test output stays quiet; every other warning still prints.
const emitWarning = process.emitWarning;
const EXPECTED = new Set(['UNDICI-FETCH-patch']);

process.emitWarning = function (this: NodeJS.Process, ...args: unknown[]) {
  const [, options] = args;
  const code =
    typeof options === 'object' && options !== null
      ? (options as { code?: unknown }).code
      : args[2];
  if (typeof code === 'string' && EXPECTED.has(code)) return;
  return (emitWarning as (...rest: unknown[]) => void).apply(this, args);
} as typeof process.emitWarning;
