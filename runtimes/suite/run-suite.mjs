// Builds the whole suite for one runtime and runs it: the one function every harness calls.
import { createSuite } from './check.mjs';
import { addFetchCases } from './conformance.mjs';

/**
 * Runs every case inside this runtime; resolves to JSON results. `more` adds cases of other
 * packages (the page adds axios's).
 */
export async function runSuite(config, more = []) {
  const suite = createSuite();
  addFetchCases(suite, config);
  for (const add of more) add(suite, config);
  return suite.run();
}
