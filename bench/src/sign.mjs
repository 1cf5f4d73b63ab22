// Scenario 1: signing alone. Every signer signs the same request with the same credentials;
// after a warm-up, rounds interleave the signers (rotating who goes first), and each signer's
// per-op time is the median over rounds. Ratios are taken within each round, then the median,
// on CPU time (process.cpuUsage over the batch): the work is all on this thread, and on a
// shared machine CPU time does not count the time other processes held the core.
import { loadavg } from 'node:os';
import { loadRange, median, nowNs, SCENARIOS, TARGETS } from './common.mjs';
import { SIGNERS } from './signers.mjs';
import { verifySigned } from './verify.mjs';

const gc = /** @type {(() => void) | undefined} */ (globalThis.gc);

/**
 * @param {() => unknown} op
 * @param {number} count
 */
async function timeBatch(op, count) {
  const cpuStart = process.cpuUsage();
  const start = nowNs();
  for (let i = 0; i < count; i++) await op();
  const wall = (nowNs() - start) / count / 1000;
  const used = process.cpuUsage(cpuStart);
  return { wall, cpu: (used.user + used.system) / count };
}

/**
 * @param {{ warmupMs: number, rounds: number, batch: Record<string, number> }} budget
 * @param {(line: string) => void} log
 * @param {string[]} [only] run only these signers (a target pair, in a process of its own)
 * @param {string} [scenarioId] run only this scenario
 */
export async function runSign(budget, log, only, scenarioId) {
  const scenarios = [];
  const signers = only === undefined ? SIGNERS : SIGNERS.filter((x) => only.includes(x.id));
  for (const s of SCENARIOS.filter((x) => scenarioId === undefined || x.id === scenarioId)) {
    const prepared = signers.map((signer) => ({ signer, ...signer.prepare(s) }));
    const target = s.query ? `${s.path}?${s.query}` : s.path;
    const validity = new Map();
    for (const p of prepared) {
      const out = await p.op();
      const check = await verifySigned({ ...s, target, headers: p.headers(out) });
      validity.set(p.signer.id, check);
      const until = nowNs() + budget.warmupMs * 1e6;
      for (let i = 0; i < 20_000 && nowNs() < until; i++) await p.op();
    }
    /** @type {Map<string, number[]>} */ const perOp = new Map();
    /** @type {Map<string, number[]>} */ const cpuPerOp = new Map();
    /** @type {Map<string, number[]>} */ const vsAws4 = new Map();
    /** @type {Map<string, number[]>} */ const vsFloor = new Map();
    /** @type {Map<string, number[]>} */ const targetWallRatios = new Map(
      TARGETS.ratios.map((t) => [`${t.ours}/${t.versus}`, []]),
    );
    /** @type {Map<string, number[]>} */ const targetRatios = new Map(
      TARGETS.ratios.map((t) => [`${t.ours}/${t.versus}`, []]),
    );
    for (const p of prepared) {
      perOp.set(p.signer.id, []);
      cpuPerOp.set(p.signer.id, []);
      vsAws4.set(p.signer.id, []);
      vsFloor.set(p.signer.id, []);
    }
    const batch = budget.batch[s.id] ?? 1;
    const load = [loadavg()[0]];
    // One forced GC before the rounds, none between batches (see e2e.mjs).
    gc?.();
    for (let round = 0; round < budget.rounds; round++) {
      /** @type {Map<string, number>} */ const times = new Map();
      /** @type {Map<string, number>} */ const walls = new Map();
      for (let k = 0; k < prepared.length; k++) {
        const p = prepared[(round + k) % prepared.length];
        if (!p) continue;
        const measured = await timeBatch(p.op, batch);
        perOp.get(p.signer.id)?.push(measured.wall);
        times.set(p.signer.id, measured.cpu);
        walls.set(p.signer.id, measured.wall);
      }
      for (const t of TARGETS.ratios) {
        const ratio = (times.get(t.ours) ?? Number.NaN) / (times.get(t.versus) ?? Number.NaN);
        targetRatios.get(`${t.ours}/${t.versus}`)?.push(ratio);
        targetWallRatios
          .get(`${t.ours}/${t.versus}`)
          ?.push((walls.get(t.ours) ?? Number.NaN) / (walls.get(t.versus) ?? Number.NaN));
      }
      for (const [id, us] of times) {
        cpuPerOp.get(id)?.push(us);
        vsAws4.get(id)?.push(us / (times.get('aws4') ?? Number.NaN));
        vsFloor.get(id)?.push(us / (times.get('floor') ?? Number.NaN));
      }
      load.push(loadavg()[0]);
    }
    const results = prepared.map((p) => {
      const us = median(perOp.get(p.signer.id) ?? []);
      return {
        id: p.signer.id,
        name: p.signer.name,
        group: p.signer.group,
        perOpUs: us,
        cpuPerOpUs: median(cpuPerOp.get(p.signer.id) ?? []),
        mbPerS: s.bytes >= 1 << 20 ? s.bytes / 1e6 / (us / 1e6) : undefined,
        timeVsAws4: median(vsAws4.get(p.signer.id) ?? []),
        timeVsFloor: median(vsFloor.get(p.signer.id) ?? []),
        validity: validity.get(p.signer.id),
      };
    });
    log(`sign: ${s.label}: ${budget.rounds} rounds x ${batch} ops per signer`);
    const targets = TARGETS.ratios.map((t) => ({
      ...t,
      ratio: median(targetRatios.get(`${t.ours}/${t.versus}`) ?? []),
      wallRatio: median(targetWallRatios.get(`${t.ours}/${t.versus}`) ?? []),
    }));
    scenarios.push({
      id: s.id,
      label: s.label,
      bytes: s.bytes,
      results,
      targets,
      load: loadRange(load),
    });
  }
  return scenarios;
}
