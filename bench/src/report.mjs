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
 *   sign: any[], e2e: any[], cold: any, bundle: any[] }} r
 */
export function toMarkdown(r) {
  const lines = [];
  const cpu = cpus();
  lines.push(
    '# Benchmarks',
    '',
    'sigv4 against its peers, side by side. Rerun on a quiet machine with `pnpm bench` (about 3',
    'minutes on 2 cores; it rewrites this file). `pnpm --filter @sigv4/bench run bench:quick` prints',
    'a shorter run without writing, `bench:smoke` only checks that every scenario runs and every',
    'signature verifies (CI). The @sigv4 packages are measured as built (`packages/*/dist`).',
    '',
    'How to read it: every number is a median over interleaved rounds (each round runs every',
    'contender once, in rotating order), and every ratio is taken within a round, then the median',
    'is reported, so load that comes and goes hits all contenders alike. Trust the ratios more',
    'than the absolute times. "x aws4" and "x floor" are time ratios (lower is faster);',
    'signed/unsigned is a throughput ratio (1.00 = signing costs nothing). Signatures are checked',
    'by the independent verifier in @sigv4/msw.',
    '',
    `- Machine: ${cpu.length} cores, ${cpu[0]?.model ?? 'unknown CPU'}, ${platform()} ${arch()}; load average ${r.loadBefore.map((x) => x.toFixed(2)).join(' ')} before, ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')} after`,
    `- Node ${process.version}; run ${r.startedAt.toISOString()} (${r.mode}, ${r.seconds.toFixed(0)} s); @sigv4 packages: dist as built, repository at ${gitState()}`,
    `- Versions: ${PEERS.map((name) => `${name} ${versionOf(name)}`).join(', ')}`,
    '',
  );

  const small = r.sign.find((s) => s.id === 'get');
  const big = r.sign.find((s) => s.id === 'put5m');
  const core = small?.results.find((/** @type {any} */ x) => x.id === 'core-sign');
  const coreBig = big?.results.find((/** @type {any} */ x) => x.id === 'core-sign');
  const bigVsFloor = 1 / (coreBig?.timeVsFloor ?? Number.NaN);
  const e2e = (/** @type {string} */ id) => r.e2e.find((x) => x.id === id);
  const cold = (/** @type {string} */ id) =>
    r.cold.subjects.find((/** @type {any} */ x) => x.id === id);
  const a4fCold = cold('aws4fetch')?.overBareMs ?? Number.NaN;
  const fetchBundle = r.bundle.find((x) => x.id === 'sigv4-fetch');
  const targets = [
    [
      'Small GET signing time, @sigv4/core `createSigner().sign` vs aws4',
      formatRatio(core?.timeVsAws4),
      '<= 1.00x',
      core?.timeVsAws4 <= 1,
    ],
    [
      '5 MiB PUT signing throughput, @sigv4/core vs the floor',
      formatRatio(bigVsFloor),
      '>= 0.95x',
      bigVsFloor >= 0.95,
    ],
    ...['sigv4-fetch', 'sigv4-axios'].map((id) => [
      `End to end signed/unsigned, ${e2e(id)?.name}`,
      `${(e2e(id)?.signedOverUnsigned ?? Number.NaN).toFixed(2)} (${(e2e(id)?.signedOverUnsignedWithHeaders ?? Number.NaN).toFixed(2)} vs unsigned with the same headers)`,
      '>= 0.95',
      e2e(id)?.signedOverUnsigned >= 0.95,
    ]),
    ...['sigv4-core', 'sigv4-fetch'].map((id) => {
      const ms = cold(id)?.overBareMs ?? Number.NaN;
      return [
        `Cold import + first sign, ${cold(id)?.name} vs aws4fetch`,
        `+${ms.toFixed(1)} ms vs +${a4fCold.toFixed(1)} ms (${formatRatio(ms / a4fCold)})`,
        '<= 1.00x',
        ms <= a4fCold,
      ];
    }),
    [
      'Browser bundle (min + gzip), @sigv4/fetch',
      kb(fetchBundle?.gzipBytes ?? Number.NaN),
      '<= 8.0 KB',
      (fetchBundle?.gzipBytes ?? Number.POSITIVE_INFINITY) <= 8 * 1024,
    ],
  ];
  // Issue #10: createSignedFetch against smithy's bare signer and the peers, on one stub transport.
  const nameOf = (/** @type {string} */ id) =>
    r.sign[0]?.results.find((/** @type {any} */ x) => x.id === id)?.name ?? id;
  for (const s of r.sign) {
    for (const t of s.targets ?? []) {
      targets.push([
        `${s.label}: ${nameOf(t.ours)} vs ${nameOf(t.versus)} (time)`,
        formatRatio(t.ratio),
        `<= ${t.max.toFixed(2)}x`,
        t.ratio <= t.max,
      ]);
    }
  }
  const coldOurs = cold(TARGETS.cold.ours)?.overBareMs ?? Number.NaN;
  const coldGlue = cold(TARGETS.cold.versus)?.overBareMs ?? Number.NaN;
  targets.push(
    [
      `Cold import + first signed fetch, ${cold(TARGETS.cold.ours)?.name} vs ${cold(TARGETS.cold.versus)?.name}`,
      `+${(coldOurs - coldGlue).toFixed(1)} ms (+${coldOurs.toFixed(1)} vs +${coldGlue.toFixed(1)} ms over bare Node)`,
      `<= +${TARGETS.cold.maxExtraMs} ms`,
      coldOurs - coldGlue <= TARGETS.cold.maxExtraMs,
    ],
    [
      'Browser bundle (min + gzip), @sigv4/fetch createSignedFetch (issue #10)',
      kb(fetchBundle?.gzipBytes ?? Number.NaN),
      `<= ${kb(TARGETS.bundle.maxGzipBytes)}`,
      (fetchBundle?.gzipBytes ?? Number.POSITIVE_INFINITY) <= TARGETS.bundle.maxGzipBytes,
    ],
  );
  lines.push('## Targets', '', '| Target | Measured | Goal | |', '| --- | --- | --- | --- |');
  for (const [what, measured, goal, pass] of targets)
    lines.push(`| ${what} | ${measured} | ${goal} | ${verdict(Boolean(pass))} |`);
  lines.push('');

  lines.push(
    '## 1. Signing',
    '',
    'Each signer produces the headers (Authorization, x-amz-date, the session token, and the',
    'content hash where the library computes it) for the same request and credentials, given as',
    'values. The floor is the irreducible work with node:crypto: two SHA-256 digests and one',
    'HMAC with a signing key derived once (and a valid signature).',
    '',
  );
  for (const s of r.sign) {
    const throughput = s.bytes >= 1 << 20;
    lines.push(
      `### ${s.label}`,
      '',
      `| Signer | per op | x aws4 | x floor |${throughput ? ' MB/s |' : ''} Signature |`,
      `| --- | ---: | ---: | ---: |${throughput ? ' ---: |' : ''} --- |`,
    );
    for (const x of s.results) {
      const name = x.group === 'ours' ? `**${x.name}**` : x.name;
      lines.push(
        `| ${name} | ${formatUs(x.perOpUs)} | ${formatRatio(x.timeVsAws4)} | ${formatRatio(x.timeVsFloor)} |${throughput ? ` ${Math.round(x.mbPerS)} |` : ''} ${sig(x.validity)} |`,
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
    '',
    '| Client | per request | signed/unsigned | signed/unsigned with the same headers | Signature |',
    '| --- | ---: | ---: | ---: | --- |',
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
    `the runs, minus bare Node (${r.cold.bareMs.toFixed(1)} ms).`,
    '',
    '| Subject | median | over bare Node | Signature |',
    '| --- | ---: | ---: | --- |',
  );
  for (const x of r.cold.subjects) {
    if (x.id === 'bare') continue;
    const name = x.group === 'ours' ? `**${x.name}**` : x.name;
    lines.push(
      `| ${name} | ${x.medianMs.toFixed(1)} ms | +${x.overBareMs.toFixed(1)} ms | ${sig(x.validity)} |`,
    );
  }
  lines.push('');

  lines.push(
    '## 4. Browser bundle',
    '',
    'A page that signs and sends one request, bundled with esbuild (`--bundle --minify',
    '--platform=browser --format=esm`, so @sigv4/core resolves to its portable entry), gzip -9.',
    '',
    '| Page | minified | gzip | largest packages (minified bytes in the bundle) |',
    '| --- | ---: | ---: | --- |',
  );
  for (const x of r.bundle) {
    const name = x.group === 'ours' ? `**${x.name}**` : x.name;
    const top = x.top.map((/** @type {any} */ t) => `${t.name} ${kb(t.bytes)}`).join(', ');
    const warn = x.usesNodeEntry ? ' (WARNING: pulled a Node entry)' : '';
    lines.push(`| ${name}${warn} | ${kb(x.minBytes)} | ${kb(x.gzipBytes)} | ${top} |`);
  }
  lines.push('');
  return lines.join('\n');
}

/** One row of the end-to-end table. @param {any} x */
export function e2eRow(x) {
  const name = x.group === 'ours' ? `**${x.name}**` : x.name;
  const ratio = x.baseline === undefined ? '(baseline)' : x.signedOverUnsigned.toFixed(2);
  const padded = x.headersBaseline === undefined ? '' : x.signedOverUnsignedWithHeaders.toFixed(2);
  return `| ${name} | ${formatUs(x.perRequestUs)} | ${ratio} | ${padded} | ${sig(x.validity)} |`;
}
