// `pnpm bench:e2e`: only the end-to-end scenario, printed as its table; for measuring a change
// to the transport code without the other scenarios. Uses the dist as built, like `pnpm bench`.
//   node src/e2e-only.mjs            the full e2e budget
//   node src/e2e-only.mjs --quick    the quick one
import { BUDGETS } from './common.mjs';
import { runE2e } from './e2e.mjs';
import { e2eRow } from './report.mjs';

const mode = process.argv.includes('--quick') ? 'quick' : 'full';
const results = await runE2e(BUDGETS[mode].e2e, (line) =>
  process.stderr.write(`[bench] ${line}\n`),
);
const lines = [
  '| Client | per request | CPU per request | x glue (wall) | x glue (CPU) | signed/unsigned | signed/unsigned with the same headers | Signature |',
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
  ...results.map(e2eRow),
];
process.stdout.write(`${lines.join('\n')}\n`);
