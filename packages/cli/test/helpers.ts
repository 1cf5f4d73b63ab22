import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliIo } from '../src/io.js';
import { main } from '../src/main.js';

/** AWS's documentation example keys, and a made-up session token. */
export const CREDENTIALS = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
} as const;
export const TOKEN_CREDENTIALS = {
  accessKeyId: 'ASIAEXAMPLETEMPKEY01',
  secretAccessKey: 'tEmPoRaRySeCrEtKeY/EXAMPLE+0123456789abcd',
  sessionToken: 'IQoJb3JpZ2luX2VjEXAMPLESESSIONTOKEN//////////wEaCXVzLWVhc3QtMSJHMEUCIQ',
} as const;

/** The environment a user with the example keys has. */
export const ENV = {
  AWS_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
  AWS_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
} as const;

/** Collects what `main` writes, as text (bytes decoded as UTF-8) and as raw bytes. */
export function collector() {
  const chunks: Uint8Array[] = [];
  const encoder = new TextEncoder();
  return {
    write(chunk: string | Uint8Array) {
      chunks.push(typeof chunk === 'string' ? encoder.encode(chunk) : new Uint8Array(chunk));
      return true;
    },
    bytes(): Uint8Array {
      return new Uint8Array(Buffer.concat(chunks));
    },
    text(): string {
      return Buffer.concat(chunks).toString('utf8');
    },
  };
}

export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly stdoutBytes: Uint8Array;
}

/** Runs `sigv4 ...argv` in-process. */
export async function run(argv: readonly string[], io: Partial<CliIo> = {}): Promise<RunResult> {
  const stdout = collector();
  const stderr = collector();
  const code = await main(argv, { env: ENV, ...io, stdout, stderr });
  return { code, stdout: stdout.text(), stderr: stderr.text(), stdoutBytes: stdout.bytes() };
}

/** A fresh temporary directory, removed by the returned function. */
export async function tempDir(): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'sigv4-cli-'));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** The canonical request printed by `-v` (between its two markers). */
export function printedCanonicalRequest(stderr: string): string {
  const match = /\* canonical request:\n([\s\S]*?)\n\* string to sign:\n/.exec(stderr);
  if (!match?.[1]) throw new Error(`no canonical request in -v output:\n${stderr}`);
  return match[1];
}

export function printedStringToSign(stderr: string): string {
  const match = /\* string to sign:\n([\s\S]*?)\n> /.exec(stderr);
  if (!match?.[1]) throw new Error(`no string to sign in -v output:\n${stderr}`);
  return match[1];
}

/** Fails with the text when it contains a secret. */
export function expectNoSecrets(text: string, secrets: readonly string[]): void {
  for (const secret of secrets) {
    if (text.includes(secret) || text.includes(encodeURIComponent(secret))) {
      throw new Error(`output contains a secret (${secret.slice(0, 4)}…):\n${text}`);
    }
  }
}
