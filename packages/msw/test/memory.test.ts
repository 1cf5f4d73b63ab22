/**
 * A long-running emulator stays flat. 3,000 keep-alive requests and 20 uploads of
 * 4 MiB leave its heap (plus array buffers, where bodies live) within 50 MB of where it started.
 * The emulator runs in a child process started with --expose-gc, bundled from the sources.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import aws4 from 'aws4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEY, sha256 } from './helpers.js';

const HOST = 'abc123defg.execute-api.us-east-1.amazonaws.com';
const here = fileURLToPath(new URL('.', import.meta.url));
const MB = 1024 * 1024;

interface Heap {
  heapUsed: number;
  arrayBuffers: number;
  recorded: number;
  received: number;
}

let dir: string;
let child: ChildProcess;
let port: number;

/** esbuild, as installed with tsup (the build tool), bundles src/server.ts for the child. */
async function bundleServer(outfile: string): Promise<void> {
  const require = createRequire(createRequire(import.meta.url).resolve('tsup'));
  // esbuild is not a dependency of this package: typed by the one call made here.
  const esbuild = require('esbuild') as { build(options: object): Promise<unknown> };
  await esbuild.build({
    entryPoints: [join(here, '../src/server.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    logLevel: 'silent',
  });
}

function ask<T>(message: string, key: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`child did not answer ${message}`)), 20_000);
    const onMessage = (reply: Record<string, unknown>) => {
      if (!(key in reply)) return;
      clearTimeout(timer);
      child.off('message', onMessage);
      resolve(reply[key] as T);
    };
    child.on('message', onMessage);
    child.send(message);
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sigv4-msw-memory-'));
  await bundleServer(join(dir, 'server-bundle.mjs'));
  const { copyFileSync } = await import('node:fs');
  copyFileSync(join(here, 'memory/emulator-child.mjs'), join(dir, 'emulator-child.mjs'));
  child = fork(join(dir, 'emulator-child.mjs'), [], {
    execArgv: ['--expose-gc', '--max-old-space-size=512'],
    env: { ...process.env, EMULATOR_KEY: JSON.stringify(KEY) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const started = await new Promise<{ port: number; gc: boolean }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('emulator child did not start')), 20_000);
    child.once('message', (m) => {
      clearTimeout(timer);
      resolve(m as { port: number; gc: boolean });
    });
    child.once('exit', (code) => reject(new Error(`emulator child exited with ${code}`)));
  });
  expect(started.gc).toBe(true);
  port = started.port;
}, 60_000);

afterAll(async () => {
  if (child?.connected) child.send('close');
  await new Promise((resolve) => {
    if (child === undefined || child.exitCode !== null) resolve(undefined);
    else {
      const timer = setTimeout(() => {
        child.kill();
        resolve(undefined);
      }, 5000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve(undefined);
      });
    }
  });
  rmSync(dir, { recursive: true, force: true });
});

const agent = new Agent({ keepAlive: true, maxSockets: 4 });
afterAll(() => agent.destroy());

/** One request signed by aws4, sent on a keep-alive socket; resolves with the status. */
function send(method: string, path: string, body?: string): Promise<number> {
  const signed = aws4.sign(
    {
      host: HOST,
      path,
      method,
      service: 'execute-api',
      region: 'us-east-1',
      headers:
        body === undefined
          ? {}
          : { 'content-type': 'text/plain', 'x-amz-content-sha256': sha256(body) },
      ...(body === undefined ? {} : { body }),
    },
    KEY,
  );
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method,
        path: signed.path,
        headers: signed.headers as Record<string, string>,
        agent,
        setHost: false,
        timeout: 20_000,
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('timeout', () => req.destroy(new Error('request timed out')));
    req.on('error', reject);
    req.end(body);
  });
}

async function batch(count: number, make: (i: number) => Promise<number>): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < count; i += 8) {
    const n = Math.min(8, count - i);
    statuses.push(...(await Promise.all(Array.from({ length: n }, (_, j) => make(i + j)))));
  }
  return statuses;
}

describe('memory', () => {
  it('3,000 keep-alive requests and 20 uploads of 4 MiB leave the heap within 50 MB', async () => {
    await batch(100, (i) => send('GET', `/prod/warm?i=${i}`));
    const before = await ask<Heap>('heap', 'heap');

    const gets = await batch(3000, (i) => send('GET', `/prod/items?i=${i}`));
    const upload = 'u'.repeat(4 * MB);
    const uploads: number[] = [];
    for (let i = 0; i < 20; i++) uploads.push(await send('POST', `/prod/upload/${i}`, upload));
    expect(gets.every((s) => s === 200)).toBe(true);
    expect(uploads.every((s) => s === 200)).toBe(true);

    const after = await ask<Heap>('heap', 'heap');
    const grew = after.heapUsed + after.arrayBuffers - (before.heapUsed + before.arrayBuffers);
    console.log(
      `[memory] emulator heap+arrayBuffers: ${((before.heapUsed + before.arrayBuffers) / MB).toFixed(1)} MB -> ${((after.heapUsed + after.arrayBuffers) / MB).toFixed(1)} MB (${(grew / MB).toFixed(1)} MB) after ${after.received} requests; ${after.recorded} kept`,
    );
    expect(after.received).toBe(3120);
    expect(after.recorded).toBe(100);
    expect(grew).toBeLessThan(50 * MB);
  }, 180_000);
});
