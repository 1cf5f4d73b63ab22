// CPU time per request (process.cpuUsage: user + system), not wall time, so that a loaded
// machine slows both sides alike: createSignedFetch on a stub transport against smithy's bare
// SignatureV4.sign + the same stub, for the small GET and the 1 KB POST. Rounds interleave the
// two; the median of the rounds is reported.
//   node --expose-gc src/cpu-per-request.mjs [iterationsPerRound=2000] [rounds=9]
import { SCENARIOS } from './common.mjs';
import { SIGNERS } from './signers.mjs';

const perRound = Number(process.argv[2] ?? 2000);
const rounds = Number(process.argv[3] ?? 9);
const ids = ['sigv4-fetch', 'smithy-fetch', 'core-sign'];
const gc = /** @type {undefined | (() => void)} */ (globalThis.gc);

/** @param {number[]} xs */
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

for (const scenario of SCENARIOS.filter((s) => s.id === 'get' || s.id === 'post')) {
  const ops = ids.map((id) => {
    const signer = SIGNERS.find((s) => s.id === id);
    if (!signer) throw new Error(`no signer ${id}`);
    return { id, op: signer.prepare(scenario).op, samples: /** @type {number[]} */ ([]) };
  });
  for (const o of ops) for (let i = 0; i < perRound; i++) await o.op(); // warm-up
  for (let r = 0; r < rounds; r++) {
    for (const o of ops) {
      gc?.();
      const start = process.cpuUsage();
      for (let i = 0; i < perRound; i++) await o.op();
      const used = process.cpuUsage(start);
      o.samples.push((used.user + used.system) / perRound);
    }
  }
  const base = median(ops.find((o) => o.id === 'smithy-fetch')?.samples ?? []);
  for (const o of ops) {
    const us = median(o.samples);
    console.log(
      `${scenario.id.padEnd(5)} ${o.id.padEnd(13)} ${us.toFixed(1).padStart(6)} us CPU/request  ${(us / base).toFixed(2)}x smithy glue  (rounds: ${o.samples.map((x) => x.toFixed(0)).join(' ')})`,
    );
  }
}
