/**
 * The root README's recipe "Unchanged code against `sigv4 emulate`, by URL alone", run as written:
 * the built `sigv4` bin (packages/cli/dist/bin.js) running `emulate` with the orders function
 * behind it, and the checkout handler (src/handler.mjs, unchanged) in a fresh Node process whose
 * only change is `ORDERS_API_URL`, pointing at the emulator's RFC 6761 name. The commands come from the README itself; only the
 * port (4566 there) becomes a free one, so that parallel runs do not collide.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';

const run = promisify(execFile);
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const exampleDir = here('..');
const README_PORT = '4566';

/** The recipe's shell lines: the emulator (ending in ` &`) and the handler's invocation. */
function recipe(): { emulate: string; invoke: string } {
  const readme = readFileSync(here('../../../README.md'), 'utf8');
  const section = readme.split('### Unchanged code against `sigv4 emulate`, by URL alone')[1];
  const block = /```sh\n([\s\S]*?)```/.exec(section ?? '')?.[1];
  if (!block) throw new Error('README.md: the by-URL-alone recipe is missing');
  const lines = block
    .trim()
    .split('\n')
    .filter((line) => !line.startsWith('#'));
  const [emulate, ...rest] = lines;
  if (!emulate?.endsWith(' &'))
    throw new Error(`README.md: expected a background emulator line, got ${emulate}`);
  return { emulate: emulate.slice(0, -2), invoke: rest.join('\n') };
}

function freePort(): Promise<string> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        resolve(String(typeof address === 'object' && address ? address.port : 0)),
      );
    });
  });
}

/**
 * No credentials, region or proxy of the machine running the test: only what the recipe sets.
 * HOME is an empty folder (no ~/.aws; npx writes its ~/.npm there, not into the repository).
 */
const home = mkdtempSync(join(tmpdir(), 'sigv4-by-url-alone-'));
const cleanEnv = () => ({
  PATH: process.env.PATH ?? '',
  HOME: home,
  AWS_EC2_METADATA_DISABLED: 'true',
});

let emulator: ChildProcess;
let port: string;
let log = '';
beforeAll(async () => {
  port = await freePort();
  const { emulate } = recipe();
  emulator = spawn('sh', ['-c', emulate.replaceAll(README_PORT, port)], {
    cwd: exampleDir,
    env: cleanEnv(),
    detached: true, // its own process group: npx and the bin beneath it stop together
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  emulator.stdout?.on('data', (chunk) => {
    log += chunk;
  });
  emulator.stderr?.on('data', (chunk) => {
    log += chunk;
  });
  const started = Date.now();
  while (!log.includes('listening on')) {
    if (emulator.exitCode !== null) throw new Error(`sigv4 emulate exited:\n${log}`);
    if (Date.now() - started > 20_000) throw new Error(`sigv4 emulate did not start:\n${log}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}, 30_000);
afterAll(() => {
  if (emulator.pid !== undefined && emulator.exitCode === null) process.kill(-emulator.pid);
  rmSync(home, { recursive: true, force: true });
});

it('the unchanged handler reaches `sigv4 emulate` by URL alone and is verified as the caller', async () => {
  const { invoke } = recipe();
  expect(invoke).toContain(
    `ORDERS_API_URL=http://a1b2c3d4e5.execute-api.eu-west-1.localhost:${README_PORT}/prod`,
  );
  const { stdout } = await run('sh', ['-c', invoke.replaceAll(README_PORT, port)], {
    cwd: exampleDir,
    env: cleanEnv(),
    timeout: 20_000,
  });
  expect(stdout).toContain('statusCode: 200');
  expect(stdout).toContain(
    `'{"order":{"id":"ord-42","total":42,"requestedBy":"arn:aws:iam::123456789012:user/AKIDEXAMPLE"}}'`,
  );
  // Signed for the `.localhost` name, region and service inferred from it, verified there.
  const started = Date.now();
  while (!log.includes('GET /prod/orders/ord-42 ->') && Date.now() - started < 5_000)
    await new Promise((resolve) => setTimeout(resolve, 50));
  expect(log).toContain(
    'GET /prod/orders/ord-42 -> verified (header, execute-api/eu-west-1, AKIDEXAMPLE)',
  );
}, 30_000);
