import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { ENV } from './helpers.js';

/** The built executable, as npm links it (relative to this file: no checkout path). */
export const BIN = fileURLToPath(new URL('../dist/bin.js', import.meta.url));
export const MAX_RSS_REPORTER = fileURLToPath(
  new URL('./fixtures/report-max-rss.mjs', import.meta.url),
);

/** Fails with how to build when dist/bin.js is missing. */
export function requireBuiltBin(): string {
  if (!existsSync(BIN)) {
    throw new Error(
      'packages/cli/dist/bin.js does not exist: build the CLI and its dependencies first (pnpm --filter @sigv4/cli... run build).',
    );
  }
  return BIN;
}

/** The environment of a spawned sigv4: the example keys and PATH, nothing else of ours. */
export const CHILD_ENV = { PATH: process.env.PATH ?? '', ...ENV };

export const SCOPE_ARGS = ['--service', 'execute-api', '--region', 'us-east-1'] as const;

/** A raw node:http server on 127.0.0.1 (no signature check): for bodies and timing. */
export async function rawServer(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<{ url: string; server: Server; close: () => Promise<void> }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Resolves with the exit code (or the signal's name) of a child. */
export function exited(child: ChildProcess): Promise<number | string> {
  return new Promise((resolve) => {
    child.once('close', (code, signal) => resolve(code ?? signal ?? 'unknown'));
  });
}

/** Spawns `node [--import reporter] dist/bin.js ...args`, fd 3 a pipe for the RSS report. */
export function spawnBin(args: readonly string[], options: { reportRss?: boolean } = {}) {
  const nodeArgs = options.reportRss ? ['--import', MAX_RSS_REPORTER] : [];
  return spawn(process.execPath, [...nodeArgs, requireBuiltBin(), ...args], {
    env: CHILD_ENV,
    stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
  });
}

/** Text of a readable, collected until it ends. */
export function collect(stream: NodeJS.ReadableStream | null): Promise<string> {
  return new Promise((resolve) => {
    if (stream === null) return resolve('');
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

/** Shell-quotes one argument for `sh -c`. */
export function shellQuote(arg: string): string {
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** What a finished run of the built bin left: its exit code, stdout as bytes, stderr as bytes. */
export interface BinResult {
  readonly code: number | string;
  readonly stdout: Buffer;
  readonly stderr: Buffer;
}

/** Runs the built bin to its end (env: CHILD_ENV unless given), collecting stdout and stderr as bytes. */
export async function runBin(
  args: readonly string[],
  options: { env?: Record<string, string> } = {},
): Promise<BinResult> {
  const child = spawn(process.execPath, [requireBuiltBin(), ...args], {
    env: options.env ?? CHILD_ENV,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const bytes = (stream: NodeJS.ReadableStream | null) =>
    new Promise<Buffer>((resolve) => {
      const chunks: Buffer[] = [];
      stream?.on('data', (chunk: Buffer) => chunks.push(chunk));
      if (stream === null) resolve(Buffer.alloc(0));
      else stream.on('end', () => resolve(Buffer.concat(chunks)));
    });
  const [stdout, stderr, code] = await Promise.all([
    bytes(child.stdout),
    bytes(child.stderr),
    exited(child),
  ]);
  return { code, stdout, stderr };
}

/** Bytes a terminal acts on: C0 controls but tab and newline, DEL, and C1 controls as UTF-8. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are the point
export const TERMINAL_CONTROLS = /[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]/;
