import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The built executable, as npm links it. Build first: pnpm --filter @sigv4/cli... run build
const BIN = fileURLToPath(new URL('../dist/bin.js', import.meta.url));
const PACKAGE = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
  bin: Record<string, string>;
};

function sigv4(args: readonly string[]) {
  if (!existsSync(BIN)) {
    throw new Error(
      'packages/cli/dist/bin.js does not exist: build the CLI and its dependencies first (pnpm --filter @sigv4/cli... run build).',
    );
  }
  return spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    timeout: 15_000,
    env: { PATH: process.env.PATH ?? '' },
  });
}

describe('the built bin', () => {
  it('package.json points bin.sigv4 at dist/bin.js, which starts with a node shebang', () => {
    expect(PACKAGE.bin).toEqual({ sigv4: './dist/bin.js' });
    expect(existsSync(BIN), `${BIN} missing: run the build first`).toBe(true);
    expect(readFileSync(BIN, 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
  });

  it('node dist/bin.js --help prints the help and exits 0', () => {
    const result = sigv4(['--help']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(
      /^sigv4: send an HTTP request signed with AWS Signature Version 4/,
    );
    expect(result.stdout).toContain('Exit codes:');
  });

  it('--version matches package.json; a usage error exits 2 on stderr', () => {
    expect(sigv4(['--version']).stdout).toBe(`${PACKAGE.version}\n`);
    const bad = sigv4(['--nope']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe(
      "sigv4: unknown option --nope.\nsigv4: hint: run 'sigv4 --help' for the options.\n",
    );
  });

  it('an unknown host exits 3 through the real process', () => {
    const result = sigv4(['https://example.com/']);
    expect(result.status).toBe(3);
    expect(result.stderr).toMatch(/cannot tell which AWS service and region host "example\.com"/);
  });
});
