// Removes the result files of an earlier run, so that the closing summary never counts them.
import { rmSync } from 'node:fs';

for (const name of ['.vitest-results.json', '.runtimes-results.json']) {
  rmSync(new URL(`../${name}`, import.meta.url), { force: true });
}
