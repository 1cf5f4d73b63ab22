// A tiny case collector with no test-runner globals, so that the same suite runs in Node, Deno,
// Bun, workerd and a browser page. `run()` resolves to plain JSON results.

/** A failed expectation. */
export class CheckFailure extends Error {
  name = 'CheckFailure';
}

/** Throws a CheckFailure with `message` unless `condition` holds. */
export function assert(condition, message) {
  if (!condition) throw new CheckFailure(message);
}

/** Throws unless `actual === expected`, saying what differed. */
export function equal(actual, expected, what) {
  if (actual !== expected) {
    throw new CheckFailure(`${what}: expected ${show(expected)}, got ${show(actual)}`);
  }
}

/** Throws unless the two byte arrays are the same, naming the first difference. */
export function sameBytes(actual, expected, what) {
  const a = new Uint8Array(actual);
  const e = new Uint8Array(expected);
  const length = Math.min(a.length, e.length);
  for (let i = 0; i < length; i++) {
    if (a[i] !== e[i]) {
      throw new CheckFailure(
        `${what}: byte ${i} is ${a[i]}, expected ${e[i]} (${e.length} bytes expected)`,
      );
    }
  }
  if (a.length !== e.length) {
    throw new CheckFailure(`${what}: ${a.length} bytes arrived, expected ${e.length}`);
  }
}

function show(value) {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

function describe(error) {
  if (error instanceof CheckFailure) return error.message;
  if (error instanceof Error) {
    const code = 'code' in error && error.code ? ` [${error.code}]` : '';
    return `threw ${error.name}${code}: ${error.message}`;
  }
  return `threw ${show(error)}`;
}

/**
 * `check(name, fn, { timeoutMs })` adds a case; `fn` may return a string, shown as a note (what
 * this runtime did, where the suite accepts more than one correct outcome). `run()` runs them in
 * order, each bounded by its timeout, and resolves to `[{ name, ok, ms, note?, error? }]`.
 */
export function createSuite() {
  const cases = [];
  return {
    check(name, fn, { timeoutMs = 5000 } = {}) {
      cases.push({ name, fn, timeoutMs });
    },
    async run() {
      const results = [];
      for (const { name, fn, timeoutMs } of cases) {
        const started = Date.now();
        let timer;
        const timeout = new Promise((_, reject) => {
          timer = setTimeout(
            () => reject(new CheckFailure(`did not settle within ${timeoutMs} ms`)),
            timeoutMs,
          );
        });
        try {
          const note = await Promise.race([fn(), timeout]);
          results.push({ name, ok: true, ms: Date.now() - started, ...(note ? { note } : {}) });
        } catch (error) {
          results.push({ name, ok: false, ms: Date.now() - started, error: describe(error) });
        } finally {
          clearTimeout(timer);
        }
      }
      return results;
    },
  };
}
