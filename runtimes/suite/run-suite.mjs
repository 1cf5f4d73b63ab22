// Builds the whole suite for one runtime and runs it: the one function every harness calls.
import { createSuite } from './check.mjs';
import { addFetchCases } from './conformance.mjs';

/** Runs every case inside this runtime; resolves to JSON results. */
export async function runSuite(config) {
  const suite = createSuite();
  addFetchCases(suite, config);
  return suite.run();
}
