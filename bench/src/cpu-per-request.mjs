// CPU time per request (process.cpuUsage: user + system), not wall time, so that a loaded
// machine slows both sides alike: createSignedFetch on a stub transport against smithy's bare
// SignatureV4.sign + the same stub, for the small GET and the 1 KB POST. Rounds interleave the
// two; the median of the rounds is reported.
//   node --expose-gc src/cpu-per-request.mjs [iterationsPerRound=2000] [rounds=9] [--base=DIR]
// --base=DIR adds `base-fetch`: createSignedFetch from another checkout's build (DIR is its
// root, built), on the same stub, in the same rounds: an A/B of two builds in one process,
// where a loaded machine slows both alike (the ratio printed is then against the glue).
import { loadavg } from 'node:os';
import { CREDENTIALS, SCENARIOS } from './common.mjs';
import { SIGNERS } from './signers.mjs';

const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const baseDir = process.argv.find((a) => a.startsWith('--base='))?.slice('--base='.length);
const perRound = Number(args[0] ?? 2000);
const rounds = Number(args[1] ?? 9);
const ids = ['sigv4-fetch', 'smithy-fetch', 'core-sign'];
if (baseDir !== undefined) {
  const { createSignedFetch } = await import(
    new URL(`file://${baseDir.replace(/\/$/, '')}/packages/fetch/dist/index.js`).href
  );
  const stub = async () => new Response(null);
  SIGNERS.push({
    id: 'base-fetch',
    name: `createSignedFetch from ${baseDir} (stub transport)`,
    group: 'ours',
    prepare(s) {
      const signedFetch = createSignedFetch({ credentials: CREDENTIALS, fetch: stub });
      return {
        op: () => signedFetch(s.url, { method: s.method, headers: s.headers, body: s.body }),
        headers: () => ({}),
      };
    },
  });
  ids.push('base-fetch');
}
const gc = /** @type {undefined | (() => void)} */ (globalThis.gc);

/** @param {number[]} xs */
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

for (const scenario of SCENARIOS.filter((s) => s.id === 'get' || s.id === 'post')) {
  const ops = ids.map((id) => {
    const signer = SIGNERS.find((s) => s.id === id);
    if (!signer) throw new Error(`no signer ${id}`);
    return { id, op: signer.prepare(scenario).op, samples: /** @type {number[]} */ ([]) };
  });
  // Warm-up long enough for every op to reach optimised code (ours has the most of it).
  for (const o of ops) for (let i = 0; i < Math.max(perRound, 3000); i++) await o.op();
  gc?.(); // once, before the rounds (see e2e.mjs)
  for (let r = 0; r < rounds; r++) {
    // Who goes first rotates, as in sign.mjs: a fixed order favours whoever follows the GC.
    for (let k = 0; k < ops.length; k++) {
      const o = ops[(r + k) % ops.length];
      if (!o) continue;
      const start = process.cpuUsage();
      for (let i = 0; i < perRound; i++) await o.op();
      const used = process.cpuUsage(start);
      o.samples.push((used.user + used.system) / perRound);
    }
  }
  const glue = ops.find((o) => o.id === 'smithy-fetch')?.samples ?? [];
  const base = median(glue);
  for (const o of ops) {
    const us = median(o.samples);
    console.log(
      `${scenario.id.padEnd(5)} ${o.id.padEnd(13)} ${us.toFixed(1).padStart(6)} us CPU/request  ${(us / base).toFixed(2)}x smithy glue  (median of in-round ratios ${median(o.samples.map((x, r) => x / (glue[r] ?? Number.NaN))).toFixed(2)}x; rounds: ${o.samples.map((x) => x.toFixed(0)).join(' ')})`,
    );
  }
  const ours = ops.find((o) => o.id === 'sigv4-fetch')?.samples ?? [];
  const other = ops.find((o) => o.id === 'base-fetch')?.samples;
  if (other) {
    const ratio = median(ours.map((x, r) => x / (other[r] ?? Number.NaN)));
    console.log(
      `${scenario.id.padEnd(5)} sigv4-fetch / base-fetch: ${ratio.toFixed(3)} (median of ${rounds} in-round ratios)`,
    );
  }
  console.log(`${scenario.id.padEnd(5)} load average ${loadavg()[0].toFixed(1)}`);
}
