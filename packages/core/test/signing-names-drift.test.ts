import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('../scripts/generate-signing-names.mjs', import.meta.url));

describe('src/signing-names.generated.ts', () => {
  it('is what the generator makes of the pinned aws-sdk service models (no drift)', () => {
    // Exits 1 with a message when the committed table differs from a fresh generation.
    expect(() =>
      execFileSync(process.execPath, [script, '--check'], { stdio: 'pipe' }),
    ).not.toThrow();
  });
});
