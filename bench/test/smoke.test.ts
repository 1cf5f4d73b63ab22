import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const run = fileURLToPath(new URL('../src/run.mjs', import.meta.url));

/** Runs `bench:smoke` as CI does: a child process, bounded in time; no timing is asserted. */
function smoke(): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--expose-gc', run, '--smoke'],
      { timeout: 60_000, maxBuffer: 8 * 1024 * 1024, env: { ...process.env, NODE_OPTIONS: '' } },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

describe('pnpm bench (smoke)', () => {
  it('runs every scenario and every signer produces a signature the verifier accepts', async () => {
    const { code, stdout, stderr } = await smoke();
    expect(stderr).not.toContain('FAILED');
    expect(code, stderr).toBe(0);
    expect(stderr).toMatch(/\[bench\] \d+ signatures verified, 0 failed/);
    for (const heading of [
      '## Targets',
      '## 1. Signing',
      '## 2. End to end on loopback',
      '## 3. Cold start',
      '## 4. Browser bundle',
    ]) {
      expect(stdout).toContain(heading);
    }
    // Every target row has a verdict (whatever it is: the smoke asserts no timing).
    const targets = stdout.split('## 1. Signing')[0] ?? '';
    // Issue #23's: end to end x4 (fetch GET, fetch POST, axios wall, axios CPU), the stub GET,
    // cold start x2 (node_modules, Lambda bundle), the browser bundle.
    expect(targets.match(/\| (PASS|MISS) \|/g)).toHaveLength(8);
    expect(stdout).not.toContain('INVALID');
    expect(stdout).not.toContain('pulled a Node entry');
  });
});
