import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// Messages are short: docs/ERRORS.md is the long form of every code. This test reads the codes
// from the sources (every `ERR_SIGV4_*` literal in packages/*/src, tests left out, and the
// `SigV4ErrorCode` union) and fails for one that the page does not explain.
const ROOT = new URL('../../../', import.meta.url);
const PAGE = readFileSync(new URL('docs/ERRORS.md', ROOT), 'utf8');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.ts$/.test(name) && !/\.test(-d)?\.ts$/.test(name) ? [path] : [];
  });
}

const packages = new URL('packages/', ROOT).pathname;
const thrown = new Set<string>();
for (const name of readdirSync(packages)) {
  const src = join(packages, name, 'src');
  if (!statSync(src, { throwIfNoEntry: false })?.isDirectory()) continue;
  for (const file of sourceFiles(src))
    for (const [code] of readFileSync(file, 'utf8').matchAll(
      /ERR_SIGV4_[A-Z0-9_]*[A-Z0-9](?![A-Z0-9_]*\*)/g,
    ))
      thrown.add(code);
}
const union = [
  ...readFileSync(new URL('packages/core/src/errors.ts', ROOT), 'utf8').matchAll(
    /\| '(ERR_SIGV4_[A-Z0-9_]+)'/g,
  ),
].map((match) => match[1] ?? '');

/** The section of the page under `## CODE`, up to the next heading. */
function section(code: string): string | undefined {
  const start = PAGE.indexOf(`\n## ${code}\n`);
  if (start === -1) return undefined;
  const end = PAGE.indexOf('\n## ', start + 1);
  return PAGE.slice(start, end === -1 ? undefined : end);
}

describe('docs/ERRORS.md', () => {
  it('finds the codes it checks (the sources and the union agree)', () => {
    expect(union.length).toBeGreaterThanOrEqual(15);
    expect([...thrown].sort()).toEqual([...union].sort());
  });

  it.each(union)('%s has a section saying what it means and how to fix it', (code) => {
    const text = section(code);
    expect(text, `docs/ERRORS.md has no "## ${code}"`).toBeDefined();
    expect(text).toMatch(/\*\*What it means\*\*: \S/);
    expect(text).toMatch(/\*\*How to fix it\*\*: \S/);
  });

  it('has no section for a code nothing throws', () => {
    const documented = [...PAGE.matchAll(/^## (ERR_SIGV4_[A-Z0-9_]+)$/gm)].map((m) => m[1]);
    expect(documented.sort()).toEqual([...union].sort());
  });
});
