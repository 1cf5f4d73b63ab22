// Scenario 3: cold start, the Lambda case. Fresh Node processes import a (built) package and
// sign one request with credentials in the environment; bare Node is run in the same rounds.
// Reported: median wall time per subject minus the median of bare Node.
// Bundled subjects (`bundled: true`) run the same script bundled as the Lambda example's recipe
// does (esbuild, ESM, minified, `module` before `main`, `@aws-sdk/*` external), from a directory
// with no node_modules, with NODE_PATH pointing at a directory that holds another
// @smithy/signature-v4, as the Lambda runtime's /var/runtime/node_modules does.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { CREDENTIALS, loadRange, median, nowNs, REGION } from './common.mjs';
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
  {
    id: 'sigv4-fetch-bundle',
    script: 'sigv4-fetch',
    bundled: true,
    name: '@sigv4/fetch (stub fetch), Lambda bundle',
    group: 'ours',
  },
  {
    id: 'aws4fetch-bundle',
    script: 'aws4fetch',
    bundled: true,
    name: 'aws4fetch AwsClient.sign, Lambda bundle',
    group: 'peer',
  },
];

/** Preloaded into each process: reports its CPU time on exit. */
const CPU_AT_EXIT = fileURLToPath(new URL('./cold/cpu-at-exit.cjs', import.meta.url));

/** The Lambda runtime's NODE_PATH stand-in: a node_modules that holds @smithy/signature-v4. */
const RUNTIME_NODE_PATH = fileURLToPath(new URL('../node_modules', import.meta.url));

/**
 * Bundles the cold scripts of the bundled subjects, as examples/lambda-to-api-gateway/build.mjs
 * does, into `dir`. @param {string} dir
 */
async function bundleScripts(dir) {
  for (const subject of COLD_SUBJECTS) {
    if (!subject.bundled) continue;
    await build({
      entryPoints: [fileURLToPath(new URL(`./cold/${subject.script}.mjs`, import.meta.url))],
      bundle: true,
      minify: true,
      platform: 'node',
      target: 'node20',
      format: 'esm',
      mainFields: ['module', 'main'],
      external: ['@aws-sdk/*'],
      outfile: join(dir, `${subject.id}.mjs`),
      logLevel: 'silent',
    });
  }
}

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

/** @param {{ id: string, bundled?: boolean }} subject @param {string} bundles */
function runOnce(subject, bundles) {
  const id = subject.id;
  const file = subject.bundled
    ? join(bundles, `${id}.mjs`)
    : fileURLToPath(new URL(`./cold/${id}.mjs`, import.meta.url));
  const start = nowNs();
  const child = spawnSync(process.execPath, ['--require', CPU_AT_EXIT, file], {
    cwd: subject.bundled ? bundles : undefined,
    env: subject.bundled ? { ...ENV, NODE_PATH: RUNTIME_NODE_PATH } : ENV,
    encoding: 'utf8',
    timeout: 30_000,
  });
  const ms = (nowNs() - start) / 1e6;
  if (child.status !== 0) {
    throw new Error(
      `bench: cold/${id}.mjs exited with ${child.status}: ${child.stderr.slice(0, 500)}`,
    );
  }
  const cpu = /cpu-us (\d+)/.exec(child.stderr);
  return { ms, cpuMs: cpu ? Number(cpu[1]) / 1000 : Number.NaN, stdout: child.stdout };
}

/**
 * @param {{ runs: number }} budget
 * @param {(line: string) => void} log
 */
export async function runColdStart(budget, log) {
  /** @type {Map<string, number[]>} */ const times = new Map(COLD_SUBJECTS.map((s) => [s.id, []]));
  /** @type {Map<string, { ok: boolean, note: string }>} */ const validity = new Map();
  const bundles = mkdtempSync(join(tmpdir(), 'sigv4-bench-cold-'));
  try {
    await bundleScripts(bundles);
    return await measure(budget, log, times, validity, bundles);
  } finally {
    rmSync(bundles, { recursive: true, force: true });
  }
}

/**
 * @param {{ runs: number }} budget
 * @param {(line: string) => void} log
 * @param {Map<string, number[]>} times
 * @param {Map<string, { ok: boolean, note: string }>} validity
 * @param {string} bundles
 */
async function measure(budget, log, times, validity, bundles) {
  // One untimed run each: warms the file system cache and checks each signature.
  for (const subject of COLD_SUBJECTS) {
    const { stdout } = runOnce(subject, bundles);
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
  const load = [loadavg()[0]];
  /** @type {Map<string, number[]>} */ const cpuTimes = new Map(
    COLD_SUBJECTS.map((s) => [s.id, []]),
  );
  for (let run = 0; run < budget.runs; run++) {
    for (let k = 0; k < COLD_SUBJECTS.length; k++) {
      const subject = COLD_SUBJECTS[(run + k) % COLD_SUBJECTS.length];
      if (!subject) continue;
      const once = runOnce(subject, bundles);
      times.get(subject.id)?.push(once.ms);
      cpuTimes.get(subject.id)?.push(once.cpuMs);
    }
    load.push(loadavg()[0]);
  }
  const bare = median(times.get('bare') ?? []);
  /** Per run, (ours - bare) / (theirs - bare), then the median. @param {string} a @param {string} b */
  const overBareRatio = (/** @type {string} */ a, /** @type {string} */ b, of = times) => {
    const xs = of.get(a) ?? [];
    const ys = of.get(b) ?? [];
    const bs = of.get('bare') ?? [];
    return median(
      xs.map(
        (x, i) => (x - (bs[i] ?? Number.NaN)) / ((ys[i] ?? Number.NaN) - (bs[i] ?? Number.NaN)),
      ),
    );
  };
  log(`cold start: ${budget.runs} runs per subject, interleaved`);
  return {
    load: loadRange(load),
    ratios: {
      nodeModules: overBareRatio('sigv4-fetch', 'aws4fetch'),
      bundle: overBareRatio('sigv4-fetch-bundle', 'aws4fetch-bundle'),
      nodeModulesCpu: overBareRatio('sigv4-fetch', 'aws4fetch', cpuTimes),
      bundleCpu: overBareRatio('sigv4-fetch-bundle', 'aws4fetch-bundle', cpuTimes),
    },
    bareCpuMs: median(cpuTimes.get('bare') ?? []),
    bareMs: bare,
    subjects: COLD_SUBJECTS.map((s) => ({
      ...s,
      medianMs: median(times.get(s.id) ?? []),
      overBareMs: median(times.get(s.id) ?? []) - bare,
      cpuOverBareMs: median(cpuTimes.get(s.id) ?? []) - median(cpuTimes.get('bare') ?? []),
      validity: validity.get(s.id),
    })),
  };
}
