import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { defineConfig, type Options } from 'tsup';

type Plugin = NonNullable<Options['esbuildPlugins']>[number];

const HERE = dirname(new URL(import.meta.url).pathname);

/**
 * `@smithy/signature-v4` is bundled into every entry, tree-shaken from its ES modules: its
 * CommonJS entry loads `@smithy/core/serde`, `/protocols` and `/client` (about 25 ms of a cold
 * start in Node) for a handful of helpers. Only these packages are bundled; every other
 * dependency stays an import.
 */
const BUNDLED = /^@smithy\//;

/** The package directories of the files esbuild read from node_modules, for the notices. */
const bundledPackages = new Set<string>();
const recordBundled: Plugin = {
  name: 'record-bundled-packages',
  setup(build) {
    build.onLoad({ filter: /[\\/]node_modules[\\/]@smithy[\\/]/ }, (args) => {
      const parts = args.path.split(sep);
      const at = parts.lastIndexOf('node_modules');
      bundledPackages.add(parts.slice(0, at + 3).join(sep));
      return undefined;
    });
  },
};

/**
 * Writes dist/THIRD-PARTY-NOTICES.md: the name, version and license text of each bundled
 * package, as Apache-2.0 asks of a redistribution. Generated from what was bundled, so it
 * cannot name a version that is not the one shipped.
 */
function writeNotices(): void {
  const sections = [...bundledPackages].sort().map((dir) => {
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
      name: string;
      version: string;
      license: string;
      repository?: { url?: string };
    };
    const license = readFileSync(join(dir, 'LICENSE'), 'utf8').trim();
    return `## ${pkg.name} ${pkg.version} (${pkg.license})\n\n${pkg.repository?.url ?? ''}\n\n\`\`\`text\n${license}\n\`\`\`\n`;
  });
  writeFileSync(
    join(HERE, 'dist', 'THIRD-PARTY-NOTICES.md'),
    `# Third-party notices\n\nThe built files of @sigv4/core include code from these packages, under their licenses:\n\n${sections.join('\n')}`,
  );
}

/**
 * `@smithy/core/protocols` (whose `escapeUri` and `HttpRequest` smithy's signer uses) has a
 * protocol class that imports `@smithy/core/event-streams` dynamically. The class is dropped as
 * unused, but esbuild's code splitting still writes the import's target as a chunk (37 KB that
 * nothing loads): an empty module stands in for it.
 */
const noEventStreams: Plugin = {
  name: 'no-smithy-event-streams',
  setup(build) {
    build.onResolve({ filter: /^@smithy\/core\/event-streams$/ }, () => ({
      path: 'event-streams',
      namespace: 'unused',
    }));
    build.onLoad({ filter: /.*/, namespace: 'unused' }, () => ({ contents: 'export {};' }));
  },
};

/** Options of both builds; `node` for the Node entries (see `conditions`). */
const shared = (node: boolean): Options => ({
  format: ['esm', 'cjs'],
  dts: true,
  // Both builds write into dist/, emptied once below.
  clean: false,
  target: 'es2022',
  sourcemap: false,
  splitting: true,
  treeshake: true,
  noExternal: [BUNDLED],
  esbuildPlugins: [noEventStreams, recordBundled],
  esbuildOptions(options) {
    // smithy's ES modules (`module`), not its CommonJS (`main`, esbuild's first choice for Node).
    options.mainFields = ['module', 'main'];
    // @smithy/core/serde has a Node build (Buffer for UTF-8, node:crypto) and a browser build
    // (TextEncoder, globalThis.crypto). The portable entries must not import Node modules, so
    // they take the browser build; the Node entries take the Node one, whose `fromUtf8` (twice
    // per signature) costs about a third of TextEncoder's for smithy's short strings.
    options.conditions = node ? ['module'] : ['browser', 'module'];
  },
  onSuccess: async () => writeNotices(),
});

// tsup's own `clean` would run once per build, and the two run at the same time. `--no-clean`
// (pnpm build:demo) still keeps what is there.
if (!process.argv.includes('--no-clean'))
  rmSync(join(HERE, 'dist'), { recursive: true, force: true });

/**
 * Two builds: the Node entries (the `node` export condition) and the portable ones. A runtime
 * only ever resolves one of the two sets, so each set shares its chunks with itself alone: a
 * Node process that imports `@sigv4/core` and `@sigv4/core/internal` (as @sigv4/fetch does)
 * loads one shared chunk besides the two entries, instead of the five a single build splits
 * four entries into (each ES module file costs a cold start about a millisecond).
 */
export default defineConfig([
  { ...shared(true), entry: ['src/index.node.ts', 'src/internal.node.ts'] },
  { ...shared(false), entry: ['src/index.ts', 'src/internal.ts'] },
]);
