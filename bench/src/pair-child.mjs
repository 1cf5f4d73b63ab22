// One target pair in a process of its own: only the two contenders are loaded and run, in
// interleaved rounds, as in a user's process (a process that also runs other signers makes our
// shared code polymorphic, which the glue, a separate copy, never is). Prints the result as
// JSON on stdout; run by pairs.mjs.
//   node --expose-gc src/pair-child.mjs <sign|e2e> <mode> <id> [<id>...] [--scenario=ID]
import { BUDGETS } from './common.mjs';

const args = process.argv.slice(2);
const scenario = args.find((a) => a.startsWith('--scenario='))?.slice('--scenario='.length);
const [kind, mode = 'full', ...ids] = args.filter((a) => !a.startsWith('--'));
const budget = /** @type {any} */ (BUDGETS)[mode]?.pairs;
if (budget === undefined || ids.length === 0)
  throw new Error(`usage: ${process.argv[1]} <sign|e2e> <mode> <id>...`);
const log = () => {};
let result;
if (kind === 'sign') {
  const { runSign } = await import('./sign.mjs');
  result = await runSign(budget.sign, log, ids, scenario);
} else if (kind === 'e2e') {
  const { runE2e } = await import('./e2e.mjs');
  const clients = await runE2e(budget.e2e, log, ids);
  result = { clients: [...clients], load: clients.load };
} else {
  throw new Error(`unknown kind ${kind}`);
}
process.stdout.write(JSON.stringify(result));
