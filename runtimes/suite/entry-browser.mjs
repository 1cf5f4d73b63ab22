// Entry for a browser page: the harness calls `sigv4RunSuite(config)` through page.evaluate.
// The page also runs the axios cases, with axios's browser default adapter (XHR).
import { addAxiosCases } from './axios-cases.mjs';
import { runSuite } from './run-suite.mjs';

globalThis.sigv4RunSuite = (config) => runSuite(config, [addAxiosCases]);
