// Entry for runtimes started as a process (Node, Deno, Bun): the config comes in the
// SIGV4_RUNTIME_CONFIG environment variable, the results go out as one JSON line on stdout.
import { runSuite } from './run-suite.mjs';

const env = globalThis.Deno ? globalThis.Deno.env.toObject() : globalThis.process.env;
const results = await runSuite(JSON.parse(env.SIGV4_RUNTIME_CONFIG));
console.log(`@@sigv4-results@@${JSON.stringify(results)}`);
// A case that left a request pending (a stalled stream that was never aborted) must not keep
// the runtime alive.
if (globalThis.Deno) globalThis.Deno.exit(0);
else globalThis.process.exit(0);
