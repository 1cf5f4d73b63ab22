// Compares the ratios of two reports of `pnpm bench` (BENCHMARKS.md, or a saved stdout): every
// ratio cell ("1.23x", or a signed/unsigned figure) of every table row found in both, and lists
// those that differ by more than the tolerance. For checking that a committed report reproduces.
//   node src/compare.mjs <first.md> <second.md> [tolerance=0.10]
import { readFileSync } from 'node:fs';

const [first, second, tolerance = '0.10'] = process.argv.slice(2);
if (!first || !second) {
  process.stderr.write('usage: node src/compare.mjs <first.md> <second.md> [tolerance]\n');
  process.exit(2);
}

/** Ratio cells by "section / row / column index". @param {string} file */
function ratios(file) {
  /** @type {Map<string, number>} */ const out = new Map();
  let section = '';
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.startsWith('#')) section = line.replace(/^#+\s*/, '');
    if (!line.startsWith('| ') || line.startsWith('| ---')) continue;
    const cells = line
      .split('|')
      .slice(1, -1)
      .map((c) => c.trim());
    const row = cells[0] ?? '';
    cells.forEach((cell, i) => {
      const m = /^(\d+\.\d+)x?(?:\s|$)/.exec(cell);
      if (i > 0 && m && (cell.includes('x') || /^\d\.\d\d$/.test(cell)))
        out.set(`${section} / ${row} / ${i}`, Number(m[1]));
    });
  }
  return out;
}

const a = ratios(first);
const b = ratios(second);
const limit = Number(tolerance);
let compared = 0;
/** @type {string[]} */ const off = [];
for (const [key, x] of a) {
  const y = b.get(key);
  if (y === undefined) continue;
  compared++;
  const change = y / x - 1;
  if (Math.abs(change) > limit)
    off.push(`${key}: ${x.toFixed(2)} -> ${y.toFixed(2)} (${(change * 100).toFixed(0)}%)`);
}
process.stdout.write(
  `${compared} ratios compared, ${off.length} differ by more than ${(limit * 100).toFixed(0)}%\n${off.join('\n')}\n`,
);
