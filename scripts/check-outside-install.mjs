#!/usr/bin/env node
// Installs the packed packages into an outside project next to the latest @aws-sdk/client-s3,
// as a user would, and checks that npm installs one copy of each package: sigv4's caret ranges
// must let npm share the AWS SDK packages the application already has.
//
//   node scripts/check-outside-install.mjs            (needs the npm registry; builds dist first)
//   node scripts/check-outside-install.mjs --keep     (keeps the temporary project to look at)
//
// Exit code 1 when an AWS SDK package (@aws-sdk/*, @smithy/*, @aws-crypto/*) or a sigv4 package is
// installed twice (its name and the copies are printed); other duplicates (e.g. inside msw's own
// tree) are listed but are not sigv4's to fix.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const packages = ['core', 'fetch', 'axios', 'msw', 'cli'];
const keep = process.argv.includes('--keep');
const run = (cmd, args, cwd) =>
  execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });

const project = mkdtempSync(join(tmpdir(), 'sigv4-outside-'));
try {
  if (packages.some((name) => !existsSync(join(root, 'packages', name, 'dist')))) {
    console.log('building the packages (dist is missing)');
    run('npx', ['-y', 'pnpm@10', '-r', '--filter', './packages/**', 'run', 'build'], root);
  }
  const tarballs = packages.map((name) => {
    const out = run(
      'npx',
      ['-y', 'pnpm@10', 'pack', '--pack-destination', project],
      join(root, 'packages', name),
    );
    const file = out.trim().split('\n').at(-1) ?? '';
    if (!file.endsWith('.tgz'))
      throw new Error(`pnpm pack in packages/${name} printed no tarball: ${out}`);
    return file;
  });
  writeFileSync(
    join(project, 'package.json'),
    `${JSON.stringify({ name: 'outside-project', private: true, type: 'module' }, null, 2)}\n`,
  );
  console.log(
    `npm install in ${project}: @aws-sdk/client-s3@latest msw and ${tarballs.length} tarballs`,
  );
  run(
    'npm',
    [
      'install',
      '--no-audit',
      '--no-fund',
      '@aws-sdk/client-s3@latest',
      'msw',
      'axios',
      ...tarballs,
    ],
    project,
  );

  // Every package.json under node_modules, nested ones included, by package name.
  const copies = new Map();
  const walk = (dir) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir)) {
      if (entry.startsWith('.')) continue;
      const scoped = entry.startsWith('@');
      for (const name of scoped
        ? readdirSync(join(dir, entry)).map((n) => `${entry}/${n}`)
        : [entry]) {
        const at = join(dir, name);
        const manifest = join(at, 'package.json');
        if (!existsSync(manifest)) continue;
        const { version } = JSON.parse(readFileSync(manifest, 'utf8'));
        copies.set(name, [
          ...(copies.get(name) ?? []),
          `${version} (${at.slice(project.length + 1)})`,
        ]);
        walk(join(at, 'node_modules'));
      }
    }
  };
  walk(join(project, 'node_modules'));

  const s3 = JSON.parse(
    readFileSync(join(project, 'node_modules/@aws-sdk/client-s3/package.json'), 'utf8'),
  );
  const isShared = (name) => /^@(aws-sdk|smithy|aws-crypto|sigv4)\//.test(name);
  const shared = [...copies.keys()].filter(isShared);
  const twice = [...copies].filter(([, where]) => where.length > 1);
  const sharedTwice = twice.filter(([name]) => isShared(name));
  console.log(
    `@aws-sdk/client-s3 ${s3.version}: ${copies.size} packages installed, ${shared.length} of them @aws-sdk/*, @smithy/*, @aws-crypto/* or @sigv4/*`,
  );
  for (const [name, where] of twice) {
    const whose = isShared(name) ? 'twice' : 'twice (not an SDK or sigv4 package)';
    console.log(`  ${whose}: ${name}\n    ${where.join('\n    ')}`);
  }
  if (sharedTwice.length > 0) {
    console.log(`FAIL: ${sharedTwice.length} SDK or sigv4 package(s) installed more than once`);
    process.exitCode = 1;
  } else {
    console.log('OK: one copy of each @aws-sdk/*, @smithy/*, @aws-crypto/* and @sigv4/* package');
  }
} finally {
  if (keep) console.log(`kept ${project}`);
  else rmSync(project, { recursive: true, force: true });
}
