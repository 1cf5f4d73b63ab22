// Shared fixtures and statistics of the benchmark: one set of credentials, the three requests
// every signer signs, the iteration budgets per mode, and medians over interleaved rounds.

/** Credentials given as values to every signer (never real ones). */
export const CREDENTIALS = Object.freeze({
  accessKeyId: 'AKIDBENCHEXAMPLE0001',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  sessionToken:
    'IQoJb3JpZ2luX2VjEBenchSessionTokenOfAboutTheUsualLengthForLambdaRoleCredentials0123456789/abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ+0123456789==',
});

export const REGION = 'eu-west-1';

const JSON_1K = JSON.stringify({
  id: 'order-0001',
  customer: { name: 'Ada Lovelace', email: 'ada@example.com' },
  items: Array.from({ length: 9 }, (_, i) => ({ sku: `SKU-${1000 + i}`, qty: i + 1, price: 9.5 })),
  note: '',
});

/** A JSON body of exactly 1024 bytes. */
export const BODY_1K = JSON_1K.replace(
  '"note":""',
  `"note":"${'x'.repeat(1024 - JSON_1K.length)}"`,
);

/** 5 MiB of deterministic bytes. */
export const BODY_5M = (() => {
  const bytes = new Uint8Array(5 * 1024 * 1024);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 31 + 7) & 0xff;
  return bytes;
})();

/**
 * The three requests. `emulate` and `service` say how @sigv4/msw verifies what each signer
 * produced; `host`, `path` and `query` are the pre-split wire form for low-level signers.
 * @typedef {{ id: string, label: string, method: string, url: string, host: string, path: string,
 *   query: string, queryObject: Record<string, string>, headers: Record<string, string>,
 *   body: string | Uint8Array | undefined, bytes: number, service: string,
 *   emulate: 'apigateway-rest' | 'lambda-url' }} Scenario
 */

/** @type {Scenario[]} */
export const SCENARIOS = [
  {
    id: 'get',
    label: 'small GET, execute-api, session token',
    method: 'GET',
    url: 'https://abc123defg.execute-api.eu-west-1.amazonaws.com/prod/items?limit=10&start=a',
    host: 'abc123defg.execute-api.eu-west-1.amazonaws.com',
    path: '/prod/items',
    query: 'limit=10&start=a',
    queryObject: { limit: '10', start: 'a' },
    headers: { accept: 'application/json' },
    body: undefined,
    bytes: 0,
    service: 'execute-api',
    emulate: 'apigateway-rest',
  },
  {
    id: 'post',
    label: '1 KB JSON POST, lambda-url',
    method: 'POST',
    url: 'https://abcdefghijklmnopqrstuvwxyz012345.lambda-url.eu-west-1.on.aws/report',
    host: 'abcdefghijklmnopqrstuvwxyz012345.lambda-url.eu-west-1.on.aws',
    path: '/report',
    query: '',
    queryObject: {},
    headers: { 'content-type': 'application/json' },
    body: BODY_1K,
    bytes: 1024,
    service: 'lambda',
    emulate: 'lambda-url',
  },
  {
    id: 'put5m',
    label: '5 MiB PUT, execute-api',
    method: 'PUT',
    url: 'https://abc123defg.execute-api.eu-west-1.amazonaws.com/prod/blobs/b1',
    host: 'abc123defg.execute-api.eu-west-1.amazonaws.com',
    path: '/prod/blobs/b1',
    query: '',
    queryObject: {},
    headers: { 'content-type': 'application/octet-stream' },
    body: BODY_5M,
    bytes: BODY_5M.length,
    service: 'execute-api',
    emulate: 'apigateway-rest',
  },
];

/** Iteration budgets. `smoke` only proves every scenario runs; its numbers mean nothing. */
export const BUDGETS = {
  full: {
    sign: { warmupMs: 300, rounds: 31, batch: { get: 1000, post: 600, put5m: 6 } },
    e2e: { warmup: 200, rounds: 25, batch: 200 },
    cold: { runs: 25 },
    pairs: {
      sign: { warmupMs: 300, rounds: 41, batch: { get: 1500, post: 1000, put5m: 6 } },
      e2e: { warmup: 400, rounds: 41, batch: 400 },
      runs: 3,
    },
  },
  quick: {
    sign: { warmupMs: 100, rounds: 11, batch: { get: 100, post: 50, put5m: 1 } },
    e2e: { warmup: 50, rounds: 7, batch: 30 },
    cold: { runs: 7 },
    pairs: {
      sign: { warmupMs: 100, rounds: 11, batch: { get: 300, post: 200, put5m: 1 } },
      e2e: { warmup: 50, rounds: 11, batch: 60 },
      runs: 1,
    },
  },
  smoke: {
    sign: { warmupMs: 0, rounds: 2, batch: { get: 2, post: 2, put5m: 1 } },
    e2e: { warmup: 2, rounds: 2, batch: 2 },
    cold: { runs: 1 },
    pairs: {
      sign: { warmupMs: 0, rounds: 2, batch: { get: 2, post: 2, put5m: 1 } },
      e2e: { warmup: 2, rounds: 2, batch: 2 },
      runs: 1,
    },
  },
};

/** @param {number[]} values */
export function median(values) {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Nanoseconds since an arbitrary origin, as a number. */
export const nowNs = () => Number(process.hrtime.bigint());

/** @param {number} us */
export function formatUs(us) {
  if (!Number.isFinite(us)) return 'n/a';
  if (us >= 1000) return `${(us / 1000).toFixed(2)} ms`;
  return `${us < 10 ? us.toFixed(2) : us.toFixed(1)} us`;
}

/** @param {number} x */
export const formatRatio = (x) => (Number.isFinite(x) ? `${x.toFixed(2)}x` : 'n/a');

/** Lower-cased copy of a header record. @param {Record<string, string>} headers */
export function lowerKeys(headers) {
  /** @type {Record<string, string>} */
  const out = {};
  for (const [name, value] of Object.entries(headers)) out[name.toLowerCase()] = String(value);
  return out;
}

/**
 * The targets of issue #23, each checked within one interleaved run (never in a timed test):
 * end to end on loopback against the glue a user would write on the same client (wall time, and
 * CPU time for axios), createSignedFetch against the glue on the same stub transport (small GET),
 * cold start against aws4fetch (from node_modules and from a Lambda bundle), the browser bundle.
 * Misses are reported, not hidden.
 */
export const TARGETS = {
  e2e: [
    { id: 'sigv4-fetch', measure: 'wall', max: 1.02 },
    { id: 'sigv4-fetch-post', measure: 'wall', max: 1.02 },
    { id: 'sigv4-axios', measure: 'wall', max: 1.02 },
    { id: 'sigv4-axios', measure: 'cpu', max: 1.02 },
  ],
  /** Per-round time ratios in the signing scenario (every scenario is measured; `target` is checked). */
  ratios: [{ ours: 'sigv4-fetch', versus: 'smithy-fetch', max: 1.1, target: 'get' }],
  cold: { nodeModules: 1.15, bundle: 1.05 },
  bundle: { id: 'sigv4-fetch', maxGzipBytes: 12 * 1024 },
};

/**
 * The 1-minute load average seen over a scenario (sampled between its rounds): min and max.
 * @param {number[]} xs
 */
export const loadRange = (xs) => ({ min: Math.min(...xs), max: Math.max(...xs) });
