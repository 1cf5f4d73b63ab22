// The figures of the READMEs that would drift if typed by hand, computed here and written between
// markers: <!-- figure:NAME -->text<!-- /figure -->. Every marker must name a figure below.
//   node scripts/readme-figures.mjs          rewrites the marked figures in place
//   node scripts/readme-figures.mjs --check  changes nothing; exits 1, printing what differs
// `--check` runs in `pnpm test` (examples/readme-snippets/test/readme-figures.test.ts). It bundles
// the Lambda example from the built packages, so run `pnpm build` first.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = new URL('../', import.meta.url);
const json = (path) => JSON.parse(readFileSync(new URL(path, root), 'utf8'));

/** The files whose markers are filled: the root README, docs/, every package and example README. */
export function markedFiles() {
  const files = ['README.md'];
  for (const name of readdirSync(new URL('docs/', root))) {
    if (name.endsWith('.md')) files.push(`docs/${name}`);
  }
  for (const folder of ['packages', 'examples']) {
    for (const name of readdirSync(new URL(`${folder}/`, root))) {
      if (existsSync(new URL(`${folder}/${name}/README.md`, root)))
        files.push(`${folder}/${name}/README.md`);
    }
  }
  return files;
}

const kb = (bytes) => `${Math.round(bytes / 1024)} KB`;

/** The Lambda example bundled as its README recipe says, and the two ways not to. */
async function lambdaBundles() {
  const example = new URL('examples/lambda-to-api-gateway/', root);
  const { build } = createRequire(new URL('package.json', example))('esbuild');
  const { lambdaBundle } = await import(new URL('build.mjs', example).href);
  if (!existsSync(new URL('packages/fetch/dist/index.js', root)))
    throw new Error('readme-figures: packages/fetch/dist is missing: run `pnpm build` first.');
  const dir = mkdtempSync(join(tmpdir(), 'sigv4-readme-figures-'));
  try {
    const size = async (name, change) => {
      const file = join(dir, `${name}.mjs`);
      const options = { ...lambdaBundle('esm', file), ...change };
      if (options.mainFields === undefined) delete options.mainFields;
      await build(options);
      const bytes = readFileSync(file);
      return { minified: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
    };
    return {
      esbuild: createRequire(new URL('package.json', example))('esbuild/package.json').version,
      recipe: await size('recipe', {}),
      cjsFirst: await size('cjs-first', { mainFields: undefined }),
      nothingExternal: await size('nothing-external', { external: [] }),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A markdown table, padded as Biome formats it. */
function table(rows) {
  const widths = rows[0].map((_, i) => Math.max(3, ...rows.map((row) => row[i].length)));
  const line = (row) => `| ${row.map((cell, i) => cell.padEnd(widths[i])).join(' | ')} |`;
  return [line(rows[0]), line(widths.map((w) => '-'.repeat(w))), ...rows.slice(1).map(line)].join(
    '\n',
  );
}

/** The range examples/typescript-range type-checks the built .d.ts with. */
function typescriptRange() {
  const { devDependencies: deps } = json('examples/typescript-range/package.json');
  const version = (spec) => /(\d+\.\d+\.\d+)/.exec(spec ?? '')?.[1];
  const [lowest, own, latest] = [
    deps['typescript-lowest'],
    deps.typescript,
    deps['typescript-latest'],
  ].map(version);
  if (!lowest || !own || !latest)
    throw new Error('readme-figures: examples/typescript-range must pin its three TypeScripts.');
  const minor = (v) => v.split('.').slice(0, 2).join('.');
  return `TypeScript ${minor(lowest)} to ${minor(latest)} (\`pnpm test\` type-checks the built types with ${lowest}, ${own} and ${latest})`;
}

/** The Node floor: every published package's `engines.node`, which must agree. */
function nodeFloor() {
  const ranges = new Set(
    readdirSync(new URL('packages/', root)).map(
      (name) => json(`packages/${name}/package.json`).engines?.node,
    ),
  );
  const [range] = ranges;
  const floor = /^>=(\d+)$/.exec(range ?? '')?.[1];
  if (ranges.size !== 1 || floor === undefined)
    throw new Error(`readme-figures: packages disagree on engines.node: ${[...ranges].join(', ')}`);
  return `Node ${floor}+`;
}

/** Which @sigv4 packages each package needs installed beside it (dependencies and peers). */
function installDeps() {
  const names = readdirSync(new URL('packages/', root)).sort();
  const needs = new Map(); // "core, fetch" -> [cli]
  for (const name of names) {
    const manifest = json(`packages/${name}/package.json`);
    const deps = Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies })
      .filter((dep) => dep.startsWith('@sigv4/'))
      .map((dep) => dep.slice('@sigv4/'.length))
      .sort();
    const key = deps.join(',');
    needs.set(key, [...(needs.get(key) ?? []), name]);
  }
  const list = (items) =>
    items.length === 1 ? items[0] : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
  const code = (items) => list(items.map((item) => `\`${item}\``));
  return [...needs]
    .map(([key, who]) => {
      const verb = who.length === 1 ? 'needs' : 'need';
      return key === ''
        ? `${code(who)} ${verb} no other`
        : `${code(who)} ${verb} ${code(key.split(','))}`;
    })
    .join('; ');
}

/** name -> text, every figure a marker may name. */
export async function computeFigures() {
  const bundles = await lambdaBundles();
  return {
    'lambda-bundle': `${kb(bundles.recipe.minified)} minified (${kb(bundles.recipe.gzip)} gzip)`,
    'lambda-bundle-cjs-first': kb(bundles.cjsFirst.minified),
    'lambda-bundle-nothing-external': kb(bundles.nothingExternal.minified),
    'lambda-bundle-table': `\n${table([
      [`Bundle (esbuild ${bundles.esbuild}, \`dist/index.mjs\`)`, 'minified', 'gzip'],
      ...[
        ["as above: `--external:'@aws-sdk/*' --main-fields=module,main`", bundles.recipe],
        ["`--external:'@aws-sdk/*'` only", bundles.cjsFirst],
        ['`--main-fields=module,main`, nothing external', bundles.nothingExternal],
      ].map(([what, size]) => [what, kb(size.minified), kb(size.gzip)]),
    ])}\n`,
    'typescript-range': typescriptRange(),
    'node-floor': nodeFloor(),
    'install-deps': installDeps(),
  };
}

const MARKER = /<!-- figure:([a-z0-9-]+) -->([\s\S]*?)<!-- \/figure -->/g;

/** Fills the markers of `text`; `stale` lists each figure that differed, `unknown` each bad name. */
export function fillFigures(text, figures) {
  const stale = [];
  const unknown = [];
  const filled = text.replace(MARKER, (whole, name, was) => {
    const now = figures[name];
    if (now === undefined) {
      unknown.push(name);
      return whole;
    }
    if (now !== was) stale.push({ name, was, now });
    return `<!-- figure:${name} -->${now}<!-- /figure -->`;
  });
  return { filled, stale, unknown, count: [...text.matchAll(MARKER)].length };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const check = process.argv.includes('--check');
  const figures = await computeFigures();
  let problems = 0;
  let total = 0;
  for (const path of markedFiles()) {
    const url = new URL(path, root);
    const { filled, stale, unknown, count } = fillFigures(readFileSync(url, 'utf8'), figures);
    total += count;
    for (const name of unknown) {
      problems++;
      console.error(
        `${path}: <!-- figure:${name} --> names no figure of scripts/readme-figures.mjs`,
      );
    }
    for (const { name, was, now } of stale) {
      if (check) problems++;
      console[check ? 'error' : 'log'](`${path}: ${name}: "${was}" -> "${now}"`);
    }
    if (!check && stale.length > 0) writeFileSync(url, filled);
  }
  if (problems > 0) {
    console.error(
      `readme-figures: ${problems} figure(s) out of date or unknown; run \`node scripts/readme-figures.mjs\` to rewrite them.`,
    );
    process.exit(1);
  }
  console.log(`readme-figures: ${total} marked figures ${check ? 'up to date' : 'written'}`);
}
