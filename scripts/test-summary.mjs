// Prints the closing line of `pnpm test`: how many tests vitest ran, passed and failed.
import { readFileSync } from 'node:fs';

const file = new URL('../.vitest-results.json', import.meta.url);
const results = JSON.parse(readFileSync(file, 'utf8'));
const skipped = results.numPendingTests + results.numTodoTests;
console.log(
  `${results.numPassedTests} passed, ${results.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}`,
);
process.exitCode = results.numFailedTests === 0 && results.numTotalTests > 0 ? 0 : 1;
