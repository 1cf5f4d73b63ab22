#!/usr/bin/env node
// `pnpm test:runtimes [name...]`: the runtime conformance suite (suite/) inside Node, Chromium,
// Deno, Bun and workerd, each started once, against loopback servers started here (harness/).
// Prints one line per case per runtime and a closing summary; exits 1 on any failure.
import { existsSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { HARNESSES } from './harness/harnesses.mjs';

const started = performance.now();
const root = fileURLToPath(new URL('..', import.meta.url));
const tty = process.stdout.isTTY;
const paint = (code) => (text) => (tty ? `\x1b[${code}m${text}\x1b[0m` : text);
const [bold, dim, green, red] = [paint(1), paint(2), paint(32), paint(31)];

const names = Object.keys(HARNESSES);
const asked = process.argv.slice(2).filter((arg) => arg !== '--');
const unknown = asked.filter((name) => !names.includes(name));
if (unknown.length > 0) {
  console.error(`[runtimes] unknown runtime ${unknown.join(', ')}: use one of ${names.join(', ')}`);
  process.exit(2);
}
const chosen = asked.length > 0 ? asked : names;

for (const dist of [
  'packages/fetch/dist/index.js',
  'packages/axios/dist/index.js',
  'packages/msw/dist/server.js',
]) {
  if (!existsSync(`${root}/${dist}`)) {
    console.error(
      `[runtimes] ${dist} is missing: the suite runs the built packages. Run \`pnpm build\` first.`,
    );
    process.exit(2);
  }
}

// A whole-run bound: no runtime may hang the matrix.
const deadline = setTimeout(() => {
  console.error(red('[runtimes] FAILED: still running after 240 s.'));
  process.exit(1);
}, 240_000);
deadline.unref();

const { startServers } = await import('./harness/servers.mjs');
const servers = await startServers();
const summary = [];
try {
  for (const name of chosen) {
    const t0 = performance.now();
    const config = { ...servers.config, prefix: name, runtime: name };
    let outcome;
    try {
      outcome = await HARNESSES[name]({ config, servers, root });
    } catch (error) {
      outcome = { version: '?', results: [], error: error?.stack ?? String(error) };
    }
    const seconds = ((performance.now() - t0) / 1000).toFixed(1);
    console.log(`\n${bold(name)} ${dim(`${outcome.version} (${seconds} s)`)}`);
    for (const result of outcome.results) {
      const mark = result.ok ? green('✓') : red('✗');
      const note = result.note ? dim(` (${result.note})`) : '';
      console.log(`  ${mark} ${result.name}${note}`);
      if (!result.ok) console.log(`      ${red(result.error)}`);
    }
    if (outcome.error) console.log(`  ${red('✗')} harness: ${outcome.error}`);
    const passed = outcome.results.filter((r) => r.ok).length;
    const failed = outcome.results.length - passed + (outcome.error ? 1 : 0);
    summary.push({ name, version: outcome.version, passed, failed, seconds });
  }
} finally {
  await servers.close();
}

console.log(`\n${bold('runtime conformance')}`);
for (const { name, version, passed, failed, seconds } of summary) {
  const status = failed === 0 ? green('ok  ') : red('FAIL');
  console.log(
    `  ${status} ${name.padEnd(9)} ${version.padEnd(28)} ${passed} passed, ${failed} failed (${seconds} s)`,
  );
}
const passed = summary.reduce((n, s) => n + s.passed, 0);
const failed = summary.reduce((n, s) => n + s.failed, 0);
const total = ((performance.now() - started) / 1000).toFixed(1);
console.log(dim(`  ${total} s in all`));
// For a summary across test runners (scripts/test-summary.mjs may add these to vitest's).
writeFileSync(
  `${root}/.runtimes-results.json`,
  `${JSON.stringify({ passed, failed, runtimes: summary }, null, 2)}\n`,
);
console.log(`runtimes: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
