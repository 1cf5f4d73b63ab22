// Turns the results of the four scenarios into the markdown of BENCHMARKS.md: the machine, the
// versions, the targets (ratio, PASS/MISS), then one table per scenario.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { arch, cpus, loadavg, platform } from 'node:os';
import { formatRatio, formatUs, TARGETS } from './common.mjs';

const bench = new URL('../', import.meta.url);
const PEERS = [
  '@sigv4/core',
  '@sigv4/fetch',
  '@sigv4/axios',
  'aws4',
  'aws4fetch',
  'aws-sigv4-fetch',
  'aws4-axios',
  'axios',
  '@smithy/signature-v4',
  '@aws-crypto/sha256-js',
  'esbuild',
];

/** @param {string} name */
function versionOf(name) {
  try {
    const file = new URL(`node_modules/${name}/package.json`, bench);
    return JSON.parse(readFileSync(file, 'utf8')).version;
  } catch {
    return '?';
  }
}

/** The commit the @sigv4 packages were built from, and whether packages/ had local changes. */
function gitState() {
  try {
    const cwd = new URL('../', bench).pathname;
    const sha = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd, encoding: 'utf8' });
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'packages'], {
      cwd,
      encoding: 'utf8',
    });
    return `HEAD ${sha.trim()}${dirty.trim() ? ' (packages/ had uncommitted changes, which dist may include)' : ''}`;
  } catch {
    return 'unknown';
  }
}

/** @param {boolean} pass */
const verdict = (pass) => (pass ? 'PASS' : 'MISS');
/** @param {number} bytes */
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
/** @param {{ ok: boolean, note: string } | undefined} v */
const sig = (v) => (v === undefined ? '' : v.note);

/**
 * @param {{ mode: string, startedAt: Date, seconds: number, loadBefore: number[],
 *   sign: any[], e2e: any[], cold: any, bundle: any[], pairs: any[] }} r
 */
export function toMarkdown(r) {
  const lines = [];
  const cpu = cpus();
  lines.push(
    '# Benchmarks',
    '',
    'sigv4 against its peers, side by side. Rerun on a quiet machine with `pnpm bench` (it prints',
    'how long it took below; it rewrites this file). `pnpm --filter @sigv4/bench run bench:quick` prints',
    'a shorter run without writing, `bench:smoke` only checks that every scenario runs and every',
    'signature verifies (CI). The @sigv4 packages are measured as built (`packages/*/dist`).',
    '',
    'How to read it: every number is a median over interleaved rounds (each round runs every',
    'contender once, in rotating order), and every ratio is taken within a round, then the median',
    'is reported, so load that comes and goes hits all contenders alike. Trust the ratios more',
    'than the absolute times. "x aws4", "x floor" and "x glue" are time ratios (lower is faster);',
    'signed/unsigned is a throughput ratio (1.00 = signing costs nothing), kept as information.',
    'Signatures are checked by the independent verifier in @sigv4/msw. The load average is',
    'printed beside each table: compare reruns made at a similar load. To check that a rerun',
    'reproduces this file: `node bench/src/compare.mjs BENCHMARKS.md <rerun.md>` lists the ratios',
    'that differ by more than 10%.',
    '',
    "The targets' end-to-end and stub-transport ratios are each measured on their pair alone: child",
    "processes that load and run only our client and the one it is compared with, as in a user's",
    "process (`bench/src/pairs.mjs`; the ratio is the median of the processes' medians). In the",
    'sections below every client shares one process, which makes our shared code polymorphic',
    '(createSigner, signWireRequest and createSignedFetch run the same functions with different',
    'shapes) while each peer is a separate copy; those ratios are listed as information. One',
    'forced GC runs before the rounds and none between them: a forced full GC throws away',
    'optimised code, and one before each batch charged every client a re-optimisation by the',
    'size of its code, which no server pays between two requests.',
    '',
    `- Machine: ${cpu.length} cores, ${cpu[0]?.model ?? 'unknown CPU'}, ${platform()} ${arch()}; load average ${r.loadBefore.map((x) => x.toFixed(2)).join(' ')} before, ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')} after`,
    `- Node ${process.version}; run ${r.startedAt.toISOString()} (${r.mode}, ${r.seconds.toFixed(0)} s); @sigv4 packages: dist as built, repository at ${gitState()}`,
    `- Versions: ${PEERS.map((name) => `${name} ${versionOf(name)}`).join(', ')}`,
    '',
  );

  const e2e = (/** @type {string} */ id) => r.e2e.find((x) => x.id === id);
  const fetchBundle = r.bundle.find((x) => x.id === TARGETS.bundle.id);
  /** @type {[string, string, string, boolean][]} */
  const targets = [];
  /** Ratios of the signing scenario that are information, not targets. */
  const info = [];
  /** A target's pair, measured alone (pairs.mjs): the ratio, then each process's. */
  const pairOf = (
    /** @type {string} */ kind,
    /** @type {string} */ id,
    /** @type {string} */ measure,
  ) =>
    r.pairs.find((/** @type {any} */ p) => p.kind === kind && p.id === id && p.measure === measure);
  const pairText = (/** @type {any} */ p) =>
    `${formatRatio(p?.ratio)} (${p?.ratios.length === 1 ? '1 process' : `${p?.ratios.length} processes`}: ${p?.ratios.map((/** @type {number} */ x) => x.toFixed(2)).join(', ')}; load ${p?.load.min.toFixed(1)} to ${p?.load.max.toFixed(1)})`;
  for (const t of TARGETS.e2e) {
    const x = e2e(t.id);
    const measure = t.measure === 'wall' ? 'wall' : 'CPU';
    const p = pairOf('e2e', t.id, t.measure);
    const what = `End to end on loopback, ${measure} time: ${x?.name} vs ${e2e(x?.glue)?.name}`;
    targets.push([what, pairText(p), `<= ${t.max.toFixed(2)}x`, p?.ratio <= t.max]);
    info.push(
      `${what}, in one process with every other client (section 2): ${formatRatio(t.measure === 'wall' ? x?.wallVsGlue : x?.cpuVsGlue)}`,
    );
  }
  const nameOf = (/** @type {string} */ id) =>
    r.sign[0]?.results.find((/** @type {any} */ x) => x.id === id)?.name ?? id;
  for (const s of r.sign) {
    for (const t of s.targets ?? []) {
      const what = `Stub transport, ${s.label}: ${nameOf(t.ours)} vs ${nameOf(t.versus)} (CPU time)`;
      if (t.target === s.id) {
        const p = pairOf('sign', t.ours, 'cpu');
        targets.push([
          what,
          `${pairText(p)}; wall time ${formatRatio(p?.wallRatio)}`,
          `<= ${t.max.toFixed(2)}x`,
          p?.ratio <= t.max,
        ]);
        info.push(
          `${what}, in one process with every other signer (section 1): ${formatRatio(t.ratio)}`,
        );
      } else info.push(`${what}: ${formatRatio(t.ratio)}`);
    }
  }
  const coldOf = (/** @type {string} */ id) =>
    r.cold.subjects.find((/** @type {any} */ x) => x.id === id);
  for (const [key, ours, theirs, where] of [
    ['nodeModules', 'sigv4-fetch', 'aws4fetch', 'from node_modules'],
    ['bundle', 'sigv4-fetch-bundle', 'aws4fetch-bundle', 'from the Lambda bundle (NODE_PATH set)'],
  ]) {
    const ratio = r.cold.ratios[key];
    const max = /** @type {Record<string, number>} */ (TARGETS.cold)[key] ?? Number.NaN;
    targets.push([
      `Cold start ${where}, import + one signed request over bare Node: @sigv4/fetch vs aws4fetch`,
      `${formatRatio(ratio)} (+${coldOf(ours)?.overBareMs.toFixed(1)} vs +${coldOf(theirs)?.overBareMs.toFixed(1)} ms); CPU time ${formatRatio(r.cold.ratios[`${key}Cpu`])} (+${coldOf(ours)?.cpuOverBareMs.toFixed(1)} vs +${coldOf(theirs)?.cpuOverBareMs.toFixed(1)} ms)`,
      `<= ${max.toFixed(2)}x`,
      ratio <= max,
    ]);
  }
  targets.push([
    'Browser bundle (min + gzip), @sigv4/fetch createSignedFetch',
    kb(fetchBundle?.gzipBytes ?? Number.NaN),
    `<= ${kb(TARGETS.bundle.maxGzipBytes)}`,
    (fetchBundle?.gzipBytes ?? Number.POSITIVE_INFINITY) <= TARGETS.bundle.maxGzipBytes,
  ]);
  for (const id of ['sigv4-fetch', 'sigv4-axios']) {
    const x = e2e(id);
    info.push(
      `End to end signed/unsigned throughput, ${x?.name}: ${(x?.signedOverUnsigned ?? Number.NaN).toFixed(2)} (${(x?.signedOverUnsignedWithHeaders ?? Number.NaN).toFixed(2)} vs unsigned with the same headers; the smithy glue: ${(e2e(x?.glue)?.signedOverUnsigned ?? Number.NaN).toFixed(2)})`,
    );
  }
  lines.push('## Targets', '', '| Target | Measured | Goal | |', '| --- | --- | --- | --- |');
  for (const [what, measured, goal, pass] of targets)
    lines.push(`| ${what} | ${measured} | ${goal} | ${verdict(Boolean(pass))} |`);
  lines.push('', 'Information (not targets):', '', ...info.map((x) => `- ${x}`), '');

  lines.push(
    '## 1. Signing',
    '',
    'Each signer produces the headers (Authorization, x-amz-date, the session token, and the',
    'content hash where the library computes it) for the same request and credentials, given as',
    'values. The floor is the irreducible work with node:crypto: two SHA-256 digests and one',
    'HMAC with a signing key derived once (and a valid signature). "per op" is wall time; the',
    'ratios (x aws4, x floor, and the stub-transport target) are taken on CPU time, per round,',
    'which a shared machine disturbs less.',
    '',
  );
  for (const s of r.sign) {
    const throughput = s.bytes >= 1 << 20;
    lines.push(
      `### ${s.label}`,
      '',
      loadLine(s.load),
      '',
      `| Signer | per op | CPU per op | x aws4 | x floor |${throughput ? ' MB/s |' : ''} Signature |`,
      `| --- | ---: | ---: | ---: | ---: |${throughput ? ' ---: |' : ''} --- |`,
    );
    for (const x of s.results) {
      const name = x.group === 'ours' ? `**${x.name}**` : x.name;
      lines.push(
        `| ${name} | ${formatUs(x.perOpUs)} | ${formatUs(x.cpuPerOpUs)} | ${formatRatio(x.timeVsAws4)} | ${formatRatio(x.timeVsFloor)} |${throughput ? ` ${Math.round(x.mbPerS)} |` : ''} ${sig(x.validity)} |`,
      );
    }
    lines.push('');
  }

  lines.push(
    '## 2. End to end on loopback',
    '',
    'Sequential GETs (small JSON reply) to a node:http server on 127.0.0.1, keep-alive. Each',
    'signed client is compared with the same client unsigned: global fetch for the fetch-based',
    'ones, a plain axios instance for the axios-based ones. The second ratio compares it with the',
    'same client sending, unsigned, the four SigV4 headers (`authorization`, `x-amz-date`,',
    '`x-amz-security-token`, `x-amz-content-sha256`) with dummy values of the same length: it',
    "leaves out the wire cost of SigV4's extra header bytes, so it is the cost of the library.",
    'x glue compares a client with the glue a user would write on the same client (smithy',
    '`SignatureV4.sign` with node:crypto, then fetch with the signed headers, or an axios',
    'interceptor made by hand), per round, in wall time and in CPU time (`process.cpuUsage`; the',
    'server runs in the same process, alike for both). The 1 KB POST goes to the same server.',
    '',
    loadLine(r.e2e.load),
    '',
    '| Client | per request | CPU per request | x glue (wall) | x glue (CPU) | signed/unsigned | signed/unsigned with the same headers | Signature |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
  );
  for (const x of r.e2e) {
    lines.push(e2eRow(x));
  }
  lines.push('');

  lines.push(
    '## 3. Cold start (the Lambda case)',
    '',
    'A fresh `node` process imports the built package and signs one request with credentials in',
    'the environment (each library its usual way: aws4 and @sigv4 read the environment,',
    'aws-sigv4-fetch its AWS SDK default chain, aws4fetch and smithy take values from',
    '`process.env`). Fetch and axios clients send to a stub, no network. Wall time, median of',
    `the runs, minus bare Node (${r.cold.bareMs.toFixed(1)} ms; ${r.cold.bareCpuMs.toFixed(1)} ms of CPU time, user + system,`,
    'read by each process as it exits). The Lambda bundles are the same',
    "scripts bundled by the Lambda example's esbuild recipe, run from a directory without",
    'node_modules with NODE_PATH naming one that holds another @smithy/signature-v4 (as the',
    "Lambda runtime's does). Target ratios are taken per run over bare Node, then the median.",
    '',
    loadLine(r.cold.load),
    '',
    '| Subject | median | over bare Node | CPU time over bare Node | Signature |',
    '| --- | ---: | ---: | ---: | --- |',
  );
  for (const x of r.cold.subjects) {
    if (x.id === 'bare') continue;
    const name = x.group === 'ours' ? `**${x.name}**` : x.name;
    lines.push(
      `| ${name} | ${x.medianMs.toFixed(1)} ms | +${x.overBareMs.toFixed(1)} ms | +${x.cpuOverBareMs.toFixed(1)} ms | ${sig(x.validity)} |`,
    );
  }
  lines.push('');

  lines.push(
    '## 4. Browser bundle',
    '',
    'A page that signs and sends one request, bundled with esbuild (`--bundle --minify',
    '--splitting --platform=browser --format=esm`, so @sigv4/core resolves to its portable entry),',
    'each file gzip -9 on its own. "Loaded by the GET": the entry, its static imports and the',
    'chunks a run of the page (stub fetch answering 200) imported; the target is on that figure.',
    '',
    '| Page | loaded by the GET, minified | gzip | entry chunk, gzip | all files, gzip | largest packages (minified bytes, all files) |',
    '| --- | ---: | ---: | ---: | ---: | --- |',
  );
  for (const x of r.bundle) {
    const name = x.group === 'ours' ? `**${x.name}**` : x.name;
    const top = x.top.map((/** @type {any} */ t) => `${t.name} ${kb(t.bytes)}`).join(', ');
    const warn = x.usesNodeEntry ? ' (WARNING: pulled a Node entry)' : '';
    const files = `${x.loadedChunks} of ${x.chunks} files`;
    lines.push(
      `| ${name}${warn} | ${kb(x.minBytes)} (${files}) | ${kb(x.gzipBytes)} | ${kb(x.entry.gzipBytes)} | ${kb(x.all.gzipBytes)} | ${top} |`,
    );
  }
  lines.push('');
  for (const x of r.bundle.filter((b) => b.sources !== undefined)) {
    const list = (/** @type {any[]} */ files) =>
      files.map((/** @type {any} */ f) => `${f.name} ${kb(f.bytes)}`).join(', ');
    lines.push(
      `${x.name}: our code by source file (the same page bundled from packages/*/src). Loaded at once, ${kb(x.sources.total)} minified: ${list(x.sources.top)}. On first use only, ${kb(x.sources.lazyTotal)}: ${list(x.sources.lazy)}.`,
      '',
    );
  }
  return lines.join('\n');
}

/** One row of the end-to-end table. @param {any} x */
export function e2eRow(x) {
  const name = x.group === 'ours' ? `**${x.name}**` : x.name;
  const ratio = x.baseline === undefined ? '(baseline)' : x.signedOverUnsigned.toFixed(2);
  const padded = x.headersBaseline === undefined ? '' : x.signedOverUnsignedWithHeaders.toFixed(2);
  const wall = x.glue === undefined ? '' : formatRatio(x.wallVsGlue);
  const cpu = x.glue === undefined ? '' : formatRatio(x.cpuVsGlue);
  return `| ${name} | ${formatUs(x.perRequestUs)} | ${formatUs(x.cpuPerRequestUs)} | ${wall} | ${cpu} | ${ratio} | ${padded} | ${sig(x.validity)} |`;
}

/** The load beside a table. @param {{ min: number, max: number } | undefined} load */
export function loadLine(load) {
  if (load === undefined) return '';
  return `Load average (1 min) while measured: ${load.min.toFixed(2)} to ${load.max.toFixed(2)} on ${cpus().length} cores.`;
}
