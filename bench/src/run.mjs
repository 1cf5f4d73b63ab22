// `pnpm bench`: runs the four scenarios in one process, prints the markdown report and (full
// runs only) writes it to BENCHMARKS.md at the repository root.
//   node src/run.mjs            full run, writes BENCHMARKS.md (about 3 minutes on 2 cores)
//   node src/run.mjs --quick    shorter run, stdout only
//   node src/run.mjs --smoke    tiny counts, stdout only; exits 1 unless every scenario ran and
//                               every signature verified (what CI runs; it asserts no timing)
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';

const args = new Set(process.argv.slice(2));
const mode = args.has('--smoke') ? 'smoke' : args.has('--quick') ? 'quick' : 'full';
const root = new URL('../../', import.meta.url);
/** @param {string} line */
const log = (line) => process.stderr.write(`[bench] ${line}\n`);

/** Builds the @sigv4 packages when a dist is missing: the bench measures what users install. */
function ensureBuilt() {
  const missing = ['core', 'fetch', 'axios', 'msw'].filter(
    (name) => !existsSync(new URL(`packages/${name}/dist/index.js`, root)),
  );
  if (missing.length === 0) return;
  log(`building the packages (no dist for ${missing.join(', ')})`);
  const pnpm = process.env.npm_execpath;
  const [command, prefix] =
    pnpm && /pnpm/.test(pnpm) ? [process.execPath, [pnpm]] : ['npx', ['-y', 'pnpm@10']];
  execFileSync(command, [...prefix, '--filter', './packages/**', 'run', 'build'], {
    cwd: root.pathname,
    stdio: ['ignore', 'inherit', 'inherit'],
    timeout: 300_000,
  });
}

ensureBuilt();
const { BUDGETS } = await import('./common.mjs');
const { runSign } = await import('./sign.mjs');
const { runE2e } = await import('./e2e.mjs');
const { runColdStart } = await import('./cold-start.mjs');
const { runBundle } = await import('./bundle.mjs');
const { runPairs } = await import('./pairs.mjs');
const { toMarkdown } = await import('./report.mjs');

const budget = BUDGETS[mode];
const startedAt = new Date();
const loadBefore = loadavg();
const started = performance.now();
log(`mode ${mode}`);
const sign = await runSign(budget.sign, log);
const e2e = await runE2e(budget.e2e, log);
const cold = await runColdStart(budget.cold, log);
const bundle = await runBundle(log);
const pairs = await runPairs(mode, budget.pairs, log);
const seconds = (performance.now() - started) / 1000;

const markdown = toMarkdown({
  mode,
  startedAt,
  seconds,
  loadBefore,
  sign,
  e2e,
  cold,
  bundle,
  pairs,
});
process.stdout.write(`${markdown}\n`);

/** Every signature checked, by scenario and signer. */
const checks = [
  ...sign.flatMap((s) => s.results.map((x) => [`sign ${s.id} ${x.id}`, x.validity])),
  ...e2e.filter((x) => x.baseline !== undefined).map((x) => [`e2e ${x.id}`, x.validity]),
  ...cold.subjects
    .filter((/** @type {any} */ x) => x.group !== 'baseline')
    .map((/** @type {any} */ x) => [`cold ${x.id}`, x.validity]),
];
const failed = checks.filter(([, v]) => v?.ok !== true);
const numbers = [
  ...sign.flatMap((s) => s.results.map((x) => x.perOpUs)),
  ...e2e.map((x) => x.perRequestUs),
  ...cold.subjects.map((/** @type {any} */ x) => x.medianMs),
  ...bundle.map((x) => x.gzipBytes),
  ...pairs.map((x) => x.ratio),
];
if (numbers.some((n) => !Number.isFinite(n) || n <= 0)) failed.push(['a scenario', undefined]);
for (const [what, v] of failed) log(`FAILED: ${what}: ${v?.note ?? 'no result'}`);

if (mode === 'full' && failed.length === 0) {
  writeFileSync(new URL('BENCHMARKS.md', root), markdown);
  log('wrote BENCHMARKS.md');
}
log(
  `${checks.length - failed.length} signatures verified, ${failed.length} failed, ${seconds.toFixed(0)} s`,
);
process.exitCode = failed.length === 0 ? 0 : 1;
