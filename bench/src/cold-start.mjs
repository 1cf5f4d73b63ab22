// Scenario 3: cold start, the Lambda case. Fresh Node processes import a (built) package and
// sign one request with credentials in the environment; bare Node is run in the same rounds.
// Reported: median wall time per subject minus the median of bare Node.
import { spawnSync } from 'node:child_process';
import { CREDENTIALS, median, nowNs, REGION } from './common.mjs';
import { verifySigned } from './verify.mjs';

const HOST = 'abc123defg.execute-api.eu-west-1.amazonaws.com';

/** `baseline` subjects are references, not signers. */
export const COLD_SUBJECTS = [
  { id: 'bare', name: 'bare Node (subtracted)', group: 'baseline' },
  { id: 'first-request', name: 'reference: first `new Request()` (undici)', group: 'baseline' },
  {
    id: 'axios-only',
    name: 'reference: import axios + one request (stub adapter)',
    group: 'baseline',
  },
  { id: 'sigv4-core', name: '@sigv4/core createSigner().sign', group: 'ours' },
  { id: 'sigv4-fetch', name: '@sigv4/fetch (stub fetch)', group: 'ours' },
  { id: 'sigv4-axios', name: 'axios + @sigv4/axios (stub adapter)', group: 'ours' },
  { id: 'aws4', name: 'aws4', group: 'peer' },
  { id: 'aws4fetch', name: 'aws4fetch AwsClient.sign', group: 'peer' },
  { id: 'aws-sigv4-fetch', name: 'aws-sigv4-fetch (stub fetch)', group: 'peer' },
  { id: 'aws4-axios', name: 'axios + aws4-axios (stub adapter)', group: 'peer' },
  { id: 'smithy', name: '@smithy/signature-v4 + sha256-js', group: 'peer' },
  {
    id: 'smithy-fetch',
    name: 'smithy glue: @smithy/signature-v4 + node:crypto + stub fetch',
    group: 'peer',
  },
];

/** A clean environment: Lambda-style credentials, nothing inherited that changes Node. */
const ENV = {
  PATH: process.env.PATH ?? '',
  HOME: process.env.HOME ?? '/tmp',
  AWS_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
  AWS_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
  AWS_SESSION_TOKEN: CREDENTIALS.sessionToken,
  AWS_REGION: REGION,
  AWS_EC2_METADATA_DISABLED: 'true',
};

/** @param {string} id */
function runOnce(id) {
  const file = new URL(`./cold/${id}.mjs`, import.meta.url);
  const start = nowNs();
  const child = spawnSync(process.execPath, [file.pathname], {
    env: ENV,
    encoding: 'utf8',
    timeout: 30_000,
  });
  const ms = (nowNs() - start) / 1e6;
  if (child.status !== 0) {
    throw new Error(
      `bench: cold/${id}.mjs exited with ${child.status}: ${child.stderr.slice(0, 500)}`,
    );
  }
  return { ms, stdout: child.stdout };
}

/**
 * @param {{ runs: number }} budget
 * @param {(line: string) => void} log
 */
export async function runColdStart(budget, log) {
  /** @type {Map<string, number[]>} */ const times = new Map(COLD_SUBJECTS.map((s) => [s.id, []]));
  /** @type {Map<string, { ok: boolean, note: string }>} */ const validity = new Map();
  // One untimed run each: warms the file system cache and checks each signature.
  for (const subject of COLD_SUBJECTS) {
    const { stdout } = runOnce(subject.id);
    const headers = JSON.parse(stdout).headers;
    if (headers !== undefined) {
      validity.set(
        subject.id,
        await verifySigned({
          method: 'GET',
          host: HOST,
          target: '/prod/items?limit=10&start=a',
          headers,
          service: 'execute-api',
          emulate: 'apigateway-rest',
        }),
      );
    }
  }
  for (let run = 0; run < budget.runs; run++) {
    for (let k = 0; k < COLD_SUBJECTS.length; k++) {
      const subject = COLD_SUBJECTS[(run + k) % COLD_SUBJECTS.length];
      times.get(subject.id)?.push(runOnce(subject.id).ms);
    }
  }
  const bare = median(times.get('bare') ?? []);
  log(`cold start: ${budget.runs} runs per subject, interleaved`);
  return {
    bareMs: bare,
    subjects: COLD_SUBJECTS.map((s) => ({
      ...s,
      medianMs: median(times.get(s.id) ?? []),
      overBareMs: median(times.get(s.id) ?? []) - bare,
      validity: validity.get(s.id),
    })),
  };
}
