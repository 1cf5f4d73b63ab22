// Entry for a browser page: the harness calls `sigv4RunSuite(config)` through page.evaluate.
import { runSuite } from './run-suite.mjs';

globalThis.sigv4RunSuite = runSuite;
