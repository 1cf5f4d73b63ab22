// Prints the closing line of `pnpm test`: how many tests passed and failed, vitest's and (with
// --runtimes) the runtime conformance suite's together. Runs after the runners whatever their
// exit codes, and its own exit code is the verdict.
import { existsSync, readFileSync } from 'node:fs';

const withRuntimes = process.argv.includes('--runtimes');
const read = (name) => {
  const file = new URL(`../${name}`, import.meta.url);
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
};

const problems = [];
let passed = 0;
let failed = 0;
let skipped = 0;

const vitest = read('.vitest-results.json');
if (vitest === undefined) {
  problems.push('vitest wrote no results: see its output above');
} else {
  passed += vitest.numPassedTests;
  failed += vitest.numFailedTests;
  skipped += vitest.numPendingTests + vitest.numTodoTests;
  // A file that fails outside a test (an import, a beforeAll) fails no test but skips its tests.
  const broken = vitest.testResults.filter(
    (file) => file.status === 'failed' && file.assertionResults.every((a) => a.status !== 'failed'),
  ).length;
  if (broken > 0) problems.push(`${broken} test file(s) failed to run`);
  if (vitest.numTotalTests === 0) problems.push('vitest ran no test');
}

if (withRuntimes) {
  const runtimes = read('.runtimes-results.json');
  if (runtimes === undefined)
    problems.push('the runtime suite wrote no results: see its output above');
  else {
    passed += runtimes.passed;
    failed += runtimes.failed;
  }
}

console.log(
  `${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}${problems.length ? ` (${problems.join('; ')})` : ''}`,
);
process.exitCode = failed === 0 && problems.length === 0 ? 0 : 1;
