// Prints the closing line of `pnpm test`: how many tests vitest ran, passed and failed. Runs after
// vitest whatever its exit code (`pnpm test:unit`), and its own exit code is the verdict.
import { existsSync, readFileSync } from 'node:fs';

const file = new URL('../.vitest-results.json', import.meta.url);
if (!existsSync(file)) {
  console.log('0 passed, 0 failed (vitest wrote no results: see its output above)');
  process.exit(1);
}
const results = JSON.parse(readFileSync(file, 'utf8'));
const skipped = results.numPendingTests + results.numTodoTests;
// A file that fails outside a test (an import, a beforeAll) fails no test but skips its tests.
const brokenFiles = results.testResults.filter(
  (file) => file.status === 'failed' && file.assertionResults.every((a) => a.status !== 'failed'),
).length;
console.log(
  `${results.numPassedTests} passed, ${results.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}${brokenFiles ? ` (${brokenFiles} test file(s) failed to run)` : ''}`,
);
process.exitCode =
  results.numFailedTests === 0 && brokenFiles === 0 && results.numTotalTests > 0 ? 0 : 1;
