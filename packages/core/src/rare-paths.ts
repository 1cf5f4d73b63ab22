/**
 * The code a typical signed call never runs, in one module that core loads on first use with
 * `import()`: following a redirect, peeking at a 403 and reading AWS's clock-skew answer, retry delays, and bodies
 * that are not already bytes (Blob, FormData, streams, async iterables). A page whose calls
 * need none of these never downloads or parses them; the first call that needs one loads them
 * all. One module, not one per path: esbuild splits the code a lazy module shares with the
 * entry into a chunk of its own for each set of importers, and every such chunk is one more
 * file, gzipped apart (measured in bench/src/bundle.mjs: one module per path cost more than it
 * saved). Presigning stays in the entry for the same reason: it shares most of the signing
 * code, which would move out of the entry into a shared chunk the GET loads anyway.
 */
export { serverTimeFromSkewError } from './clock-skew.js';
export { peekStream } from './transport/peek-stream.js';
export { readAsyncBody } from './transport/read-body-async.js';
export { followRedirect } from './transport/redirect.js';
export { retryAfterMs, retryDelayMs } from './transport/retry.js';
