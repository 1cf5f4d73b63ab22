// Type-checks src/consumer.ts against the built packages (dist .d.ts, as npm would install them)
// with each TypeScript of the supported range and each resolution a consumer may use, with
// `skipLibCheck` off so our .d.ts are checked too. The range is this package's devDependencies:
// `typescript-lowest` (the floor: our .d.ts use `Uint8Array<ArrayBuffer>`, typed from TS 5.7 on),
// `typescript` (the repository's own) and `typescript-latest`; README.md states it through
// scripts/readme-figures.mjs, which reads it from here.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const compilers = ['typescript-lowest', 'typescript', 'typescript-latest'];
const configs = ['tsconfig.node16.json', 'tsconfig.bundler.json'];
let failed = 0;
for (const compiler of compilers) {
  const manifest = require.resolve(`${compiler}/package.json`);
  const { version, bin } = require(manifest);
  const tsc = join(dirname(manifest), bin.tsc);
  for (const config of configs) {
    try {
      execFileSync(process.execPath, [tsc, '-p', config], { stdio: 'pipe', encoding: 'utf8' });
      console.log(`typescript-range: TypeScript ${version}, ${config}: ok`);
    } catch (error) {
      failed++;
      console.error(`typescript-range: TypeScript ${version}, ${config}: FAILED`);
      console.error(`${error.stdout ?? ''}${error.stderr ?? ''}`);
    }
  }
}
if (failed > 0) {
  console.error(
    `typescript-range: ${failed} check(s) failed. The built .d.ts (pnpm build first) must type-check with every TypeScript of the range in package.json; raise typescript-lowest only deliberately, with README.md regenerated (node scripts/readme-figures.mjs).`,
  );
  process.exit(1);
}
