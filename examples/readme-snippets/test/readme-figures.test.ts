import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { DEFAULT_MAX_BODY_BYTES } from '@sigv4/core';
import { describe, expect, it } from 'vitest';
import { fillFigures } from '../../../scripts/readme-figures.mjs';

// The READMEs' figures that can drift (bundle sizes, versions, ranges) are written by
// scripts/readme-figures.mjs between markers; this fails while any of them differs from what the
// script computes now. Fix: `node scripts/readme-figures.mjs`, then commit the READMEs.
const script = fileURLToPath(new URL('../../../scripts/readme-figures.mjs', import.meta.url));

describe('README figures', () => {
  it('every marked figure is what scripts/readme-figures.mjs computes (--check)', async () => {
    const run = promisify(execFile);
    const result = await run(process.execPath, [script, '--check'], { timeout: 60_000 }).catch(
      (error: { stdout: string; stderr: string }) => error,
    );
    expect(result.stderr, result.stderr).toBe('');
    expect(result.stdout).toMatch(/readme-figures: [1-9]\d* marked figures up to date/);
  }, 90_000);

  it('--check reports a figure typed by hand, and an unknown marker', () => {
    const text =
      'Bundle: <!-- figure:size -->44 KB<!-- /figure -->, <!-- figure:typo -->x<!-- /figure -->.';
    const { filled, stale, unknown, count } = fillFigures(text, { size: '67 KB' });
    expect(count).toBe(2);
    expect(stale).toEqual([{ name: 'size', was: '44 KB', now: '67 KB' }]);
    expect(unknown).toEqual(['typo']);
    expect(filled).toContain('<!-- figure:size -->67 KB<!-- /figure -->');
  });
});

describe('figures the READMEs state and a test pins', () => {
  it("the axios README's lowest tested axios is the floor of the peer range, installed for the tests", () => {
    const dir = new URL('../../../packages/axios/', import.meta.url);
    const manifest = JSON.parse(readFileSync(new URL('package.json', dir), 'utf8'));
    const floor = /^\^(\d+\.\d+\.\d+)$/.exec(manifest.peerDependencies.axios)?.[1];
    expect(floor, 'peerDependencies.axios is a caret range').toBeDefined();
    expect(manifest.devDependencies[`axios-${floor}`]).toBe(`npm:axios@${floor}`);
    const readme = readFileSync(new URL('README.md', dir), 'utf8').replace(/\s+/g, ' ');
    expect(readme).toContain(`Tested with the lowest axios of the peer range (${floor})`);
  });

  it("the core README's smithy version is the one core bundles (an exact devDependency)", () => {
    const dir = new URL('../../../packages/core/', import.meta.url);
    const manifest = JSON.parse(readFileSync(new URL('package.json', dir), 'utf8'));
    // Bundled into core's build, so not a dependency an install resolves.
    expect(manifest.dependencies['@smithy/signature-v4']).toBeUndefined();
    const version = manifest.devDependencies['@smithy/signature-v4'];
    expect(version).toMatch(/^\d+\.\d+\.\d+$/);
    const readme = readFileSync(new URL('README.md', dir), 'utf8').replace(/\s+/g, ' ');
    expect(readme).toContain(`The version is exact (\`${version}\``);
  });

  it('every README states the default maxBodyBytes that core has', () => {
    const read = (path: string) =>
      readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8').replace(/ +/g, ' ');
    const mib = `${DEFAULT_MAX_BODY_BYTES / 1024 / 1024} MiB`;
    for (const path of ['packages/fetch/README.md', 'packages/axios/README.md'])
      expect(read(path), path).toContain(`| \`${DEFAULT_MAX_BODY_BYTES}\` (${mib}) |`);
    expect(read('packages/core/README.md')).toContain(`| ${mib}, the default \`maxBodyBytes\``);
    expect(read('docs/OPTIONS.md')).toContain(`| \`maxBodyBytes\` | ${mib} |`);
  });
});
