// The targets' ratios, each measured on its pair alone: for every target, child processes
// (pair-child.mjs) run only our client and the one it is compared with, in interleaved rounds;
// a target's ratio is the median over `runs` processes of each process's median in-round ratio.
// The tables of the other scenarios (every client in one process) stay, as information.
import { execFileSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { loadRange, median, TARGETS } from './common.mjs';

const CHILD = fileURLToPath(new URL('./pair-child.mjs', import.meta.url));

/**
 * @param {string} kind
 * @param {string} mode
 * @param {string[]} ids
 */
function runChild(kind, mode, ids) {
  const out = execFileSync(process.execPath, ['--expose-gc', CHILD, kind, mode, ...ids], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 << 20,
  });
  return JSON.parse(out);
}

/**
 * @param {'full' | 'quick' | 'smoke'} mode
 * @param {{ runs: number }} budget
 * @param {(line: string) => void} log
 */
export async function runPairs(mode, budget, log) {
  /** @type {{ kind: string, id: string, versus: string, measure: string, scenario?: string, max: number, ratios: number[], load: { min: number, max: number } }[]} */
  const rows = [];
  const load = [loadavg()[0]];
  // e2e: each client's glue is named by e2e.mjs; the child adds it.
  const e2eIds = [...new Set(TARGETS.e2e.map((t) => t.id))];
  for (const id of e2eIds) {
    /** @type {any[]} */ const runs = [];
    for (let k = 0; k < budget.runs; k++) {
      runs.push(runChild('e2e', mode, [id]));
      load.push(loadavg()[0]);
    }
    for (const t of TARGETS.e2e.filter((x) => x.id === id)) {
      const of = runs.map((r) => r.clients.find((/** @type {any} */ c) => c.id === id));
      rows.push({
        kind: 'e2e',
        id,
        versus: of[0]?.glue,
        measure: t.measure,
        max: t.max,
        ratios: of.map((c) => (t.measure === 'wall' ? c?.wallVsGlue : c?.cpuVsGlue)),
        load: loadRange(runs.flatMap((r) => [r.load.min, r.load.max])),
      });
    }
    log(`pairs: e2e ${id}: ${budget.runs} processes`);
  }
  for (const t of TARGETS.ratios) {
    /** @type {any[]} */ const runs = [];
    for (let k = 0; k < budget.runs; k++) {
      runs.push(runChild('sign', mode, [t.ours, t.versus, `--scenario=${t.target}`]));
      load.push(loadavg()[0]);
    }
    const scenario = runs[0]?.find((/** @type {any} */ s) => s.id === t.target);
    const wallRatios = runs.map(
      (r) =>
        r
          .find((/** @type {any} */ s) => s.id === t.target)
          ?.targets.find((/** @type {any} */ x) => x.ours === t.ours && x.versus === t.versus)
          ?.wallRatio,
    );
    rows.push({
      kind: 'sign',
      wallRatio: median(wallRatios),
      id: t.ours,
      versus: t.versus,
      measure: 'cpu',
      scenario: scenario?.label,
      max: t.max,
      ratios: runs.map(
        (r) =>
          r
            .find((/** @type {any} */ s) => s.id === t.target)
            ?.targets.find((/** @type {any} */ x) => x.ours === t.ours && x.versus === t.versus)
            ?.ratio,
      ),
      load: loadRange(
        runs.flatMap((r) => r.flatMap((/** @type {any} */ s) => [s.load.min, s.load.max])),
      ),
    });
    log(`pairs: sign ${t.ours}/${t.versus}: ${budget.runs} processes`);
  }
  return Object.assign(
    rows.map((r) => ({ ...r, ratio: median(r.ratios) })),
    { load: loadRange(load) },
  );
}
