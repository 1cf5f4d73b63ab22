// One harness per runtime: start the runtime once, run the whole suite inside it, return
// `{ version, results }`. Binaries come from this package's devDependencies (deno, bun, workerd)
// or Debian (chromium, installed by scripts/ensure-chromium.mjs).
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumPath, launchChromium } from '../../test-fixtures/chromium.mjs';

const here = fileURLToPath(new URL('..', import.meta.url));
const bin = (name) => join(here, 'node_modules', '.bin', name);
const entryProcess = join(here, 'suite', 'entry-process.mjs');
const MARK = '@@sigv4-results@@';

/** Runs `command` with the config in its environment and reads the results line. */
function runProcess(command, args, config, timeoutMs = 60_000) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: here,
      env: { ...process.env, SIGV4_RUNTIME_CONFIG: JSON.stringify(config), NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const line = stdout.split('\n').find((l) => l.startsWith(MARK));
      if (line) resolve(JSON.parse(line.slice(MARK.length)));
      else
        reject(
          new Error(
            `${command} exited ${code ?? signal} without results:\n${(stderr || stdout).slice(-2000)}`,
          ),
        );
    });
  });
}

function versionOf(command, args) {
  return execFileSync(command, args, { encoding: 'utf8', timeout: 30_000 }).trim();
}

/** esbuild bundle of one suite entry, as a bundler would build an app for that platform. */
async function bundle(entry, options) {
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [join(here, 'suite', entry)],
    bundle: true,
    write: false,
    logLevel: 'silent',
    target: 'es2022',
    ...options,
  });
  return result.outputFiles[0].text;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function node({ config }) {
  const major = Number(process.versions.node.split('.')[0]);
  // As the README's recipe runs Node: resolving `*.localhost` to loopback (see @sigv4/msw).
  const args = ['--import', '@sigv4/msw/resolve-localhost', entryProcess];
  const results = await runProcess(process.execPath, args, config);
  return { version: `node ${process.version}${major === 20 ? ' (the floor)' : ''}`, results };
}

async function deno({ config }) {
  const version = versionOf(bin('deno'), ['--version']).split(' (')[0];
  // What a Deno program calling an API needs: the network, the environment and reading files
  // (granted, so that a followed `file:` redirect would show).
  const args = ['run', '--no-prompt', '--allow-net', '--allow-env', '--allow-read', entryProcess];
  return { version, results: await runProcess(bin('deno'), args, config) };
}

async function bun({ config }) {
  const version = `bun ${versionOf(bin('bun'), ['--version'])}`;
  return { version, results: await runProcess(bin('bun'), ['run', entryProcess], config) };
}

async function workerd({ config }) {
  const version = versionOf(bin('workerd'), ['--version']);
  const dir = mkdtempSync(join(tmpdir(), 'sigv4-workerd-'));
  // As Wrangler resolves for Workers (conditions workerd, worker, browser; the `browser` field
  // honoured). esbuild honours a package's `browser` field map only on its browser platform:
  // on `neutral`, @aws-crypto/sha256-js's utf8 helper pulled in whichever `buffer` polyfill
  // happened to be hoisted in node_modules (one of them needs Node's `global`).
  const code = await bundle('entry-worker.mjs', {
    format: 'esm',
    platform: 'browser',
    conditions: ['workerd', 'worker', 'browser'],
    mainFields: ['browser', 'module', 'main'],
  });
  writeFileSync(join(dir, 'worker.mjs'), code);
  const port = await freePort();
  // The configuration lives beside this file (workerd-config.capnp); only the port varies.
  const template = readFileSync(new URL('./workerd-config.capnp', import.meta.url), 'utf8');
  writeFileSync(join(dir, 'config.capnp'), template.replaceAll('{{PORT}}', String(port)));
  const child = spawn(bin('workerd'), ['serve', join(dir, 'config.capnp')], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let logs = '';
  child.stdout.on('data', (chunk) => {
    logs += chunk;
  });
  child.stderr.on('data', (chunk) => {
    logs += chunk;
  });
  try {
    const started = Date.now();
    let response;
    while (!response) {
      if (child.exitCode !== null) throw new Error(`workerd exited ${child.exitCode}:\n${logs}`);
      try {
        response = await fetch(`http://127.0.0.1:${port}/run`, {
          method: 'POST',
          body: JSON.stringify(config),
          signal: AbortSignal.timeout(60_000),
        });
      } catch {
        if (Date.now() - started > 15_000) throw new Error(`workerd did not answer:\n${logs}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    if (!response.ok)
      throw new Error(`worker answered ${response.status}: ${await response.text()}\n${logs}`);
    return { version, results: await response.json() };
  } finally {
    child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

async function chromium({ config, servers }) {
  chromiumPath('sigv4 runtimes');
  const code = await bundle('entry-browser.mjs', { format: 'iife', platform: 'browser' });
  servers.setPage({
    html: '<!doctype html><meta charset="utf-8"><title>sigv4 runtimes</title><script src="/bundle.js"></script>',
    bundle: code,
  });
  const { chromium: launcher } = await import('playwright-core');
  const { context, page, close } = await launchChromium(launcher, {
    label: 'sigv4 runtimes',
    url: servers.pageUrl,
    profilePrefix: 'sigv4-runtimes-chromium-',
  });
  try {
    const version = `chromium ${context.browser()?.version() ?? ''}`.trim();
    const results = await page.evaluate((pageConfig) => globalThis.sigv4RunSuite(pageConfig), {
      ...config,
      browser: true,
    });
    return { version, results };
  } finally {
    await close();
  }
}

export const HARNESSES = { node, chromium, deno, bun, workerd };
