// Scenario 4: browser bundle size. A page that signs one request with each client, bundled
// by esbuild for the browser (so @sigv4/core resolves to its portable entry, never `node`),
// minified, with code splitting (what a page's bundler does with a dynamic `import()`: the
// rarely used paths of @sigv4/core, redirects, clock-skew correction, retries, stream bodies,
// presigning, are chunks loaded on first use), then each file gzipped on its own.
//
// Three figures per page: the entry chunk; what the page's one GET loads (the entry, its
// static imports, and every chunk the GET imported: found by running the page in a child Node
// with a stub fetch answering 200, each chunk recording itself as it loads); and all chunks.
// The target applies to what the GET loads. The metafile says which modules dominate.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const URL_ = 'https://abc123defg.execute-api.eu-west-1.amazonaws.com/prod/items';
const CREDS = "{ accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret', sessionToken: 'token' }";

export const BUNDLE_SUBJECTS = [
  {
    id: 'sigv4-fetch',
    name: '@sigv4/fetch createSignedFetch',
    group: 'ours',
    code: `import { createSignedFetch } from '@sigv4/fetch';
const signedFetch = createSignedFetch({ credentials: ${CREDS} });
signedFetch('${URL_}').then((r) => console.log(r.status));`,
  },
  {
    id: 'aws4fetch',
    name: 'aws4fetch AwsClient.fetch',
    group: 'peer',
    code: `import { AwsClient } from 'aws4fetch';
const client = new AwsClient({ ...${CREDS}, service: 'execute-api', region: 'eu-west-1' });
client.fetch('${URL_}').then((r) => console.log(r.status));`,
  },
  {
    id: 'aws-sigv4-fetch',
    name: 'aws-sigv4-fetch createSignedFetcher',
    group: 'peer',
    code: `import { createSignedFetcher } from 'aws-sigv4-fetch';
const signedFetch = createSignedFetcher({ service: 'execute-api', region: 'eu-west-1', credentials: ${CREDS} });
signedFetch('${URL_}').then((r) => console.log(r.status));`,
  },
  {
    id: 'smithy',
    name: '@smithy/signature-v4 + sha256-js + fetch',
    group: 'peer',
    code: `import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
const signer = new SignatureV4({ credentials: ${CREDS}, service: 'execute-api', region: 'eu-west-1', sha256: Sha256 });
const url = new URL('${URL_}');
signer
  .sign({ method: 'GET', protocol: url.protocol, hostname: url.host, path: url.pathname, query: {}, headers: { host: url.host } })
  .then(({ headers: { host, ...headers } }) => fetch(url, { headers }))
  .then((r) => console.log(r.status));`,
  },
];

/** @type {import('esbuild').BuildOptions & { write: false, metafile: true }} */
const OPTIONS = {
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  write: false,
  metafile: true,
  logLevel: 'silent',
  splitting: true,
  outdir: 'out',
  entryNames: 'page',
  chunkNames: 'chunk-[hash]',
};

const HERE = fileURLToPath(new URL('.', import.meta.url));

/**
 * The page as a virtual entry file (code splitting needs an entry point, not stdin), resolving
 * its imports from bench/.
 * @param {string} code
 * @returns {import('esbuild').Plugin}
 */
function pagePlugin(code) {
  return {
    name: 'page',
    setup(b) {
      b.onResolve({ filter: /^page:$/ }, () => ({ path: 'page', namespace: 'page' }));
      b.onLoad({ filter: /.*/, namespace: 'page' }, () => ({
        contents: code,
        loader: 'js',
        resolveDir: HERE,
      }));
    },
  };
}

/** A stable name for an output file, whatever its hash: the sorted list of its inputs. */
const inputsKey = (/** @type {any} */ output) => Object.keys(output.inputs).sort().join('\n');

/**
 * The outputs of one build: the entry, and each file's static imports (a chunk a file imports
 * with `import` loads with it; one it imports with `import()` loads on first use).
 * @param {any} metafile
 */
function outputGraph(metafile) {
  const outputs = /** @type {Record<string, any>} */ (metafile.outputs);
  const entry = Object.keys(outputs).find((path) => outputs[path].entryPoint !== undefined);
  if (entry === undefined) throw new Error('bundle: no entry chunk in the metafile');
  /** The files that load with `path`: itself and its static imports, transitively. */
  const withStatic = (/** @type {string} */ path, /** @type {Set<string>} */ seen = new Set()) => {
    if (seen.has(path)) return seen;
    seen.add(path);
    for (const imported of outputs[path]?.imports ?? [])
      if (imported.kind === 'import-statement') withStatic(imported.path, seen);
    return seen;
  };
  return { outputs, entry, withStatic };
}

/**
 * Runs the page in a child Node with a stub `fetch` that answers 200 and returns the keys
 * (`inputsKey`) of the files that loaded: every output file records itself (a banner) as it
 * is evaluated.
 * @param {string} code
 */
async function filesLoadedByOneGet(code) {
  const result = await build({
    ...OPTIONS,
    entryPoints: ['page:'],
    plugins: [pagePlugin(code)],
    minify: false,
    banner: {
      js: 'globalThis.__loaded.push(import.meta.url.slice(import.meta.url.lastIndexOf("/") + 1));',
    },
  });
  const dir = mkdtempSync(join(tmpdir(), 'sigv4-bundle-'));
  try {
    for (const file of result.outputFiles) {
      writeFileSync(join(dir, file.path.slice(file.path.lastIndexOf('/') + 1)), file.contents);
    }
    writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
    const runner = `globalThis.__loaded = [];
globalThis.fetch = async () => new Response('ok', { status: 200 });
const done = new Promise((resolve) => { console.log = resolve; });
await import('./page.js');
const status = await Promise.race([done, new Promise((r) => setTimeout(() => r('timeout'), 10000))]);
process.stdout.write(JSON.stringify({ status, loaded: globalThis.__loaded }));`;
    writeFileSync(join(dir, 'run.mjs'), runner);
    const out = JSON.parse(
      execFileSync(process.execPath, [join(dir, 'run.mjs')], { encoding: 'utf8' }),
    );
    if (out.status !== 200)
      throw new Error(`bundle: the page's GET did not answer 200 (${out.status})`);
    const byName = new Map(
      Object.entries(result.metafile.outputs).map(([path, output]) => [
        path.slice(path.lastIndexOf('/') + 1),
        inputsKey(output),
      ]),
    );
    return new Set(out.loaded.map((/** @type {string} */ name) => byName.get(name)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Bytes of the output that each input file contributed, largest first, grouped by package. */
function topPackages(/** @type {any} */ metafile, count = 6) {
  /** @type {Map<string, number>} */ const bytes = new Map();
  for (const output of Object.values(metafile.outputs)) {
    for (const [path, info] of Object.entries(output.inputs ?? {})) {
      const ours = /packages\/([^/]+)\/dist\//.exec(path);
      const dep = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules)/.exec(path);
      const name = ours ? `@sigv4/${ours[1]}` : (dep?.[1] ?? path);
      bytes.set(name, (bytes.get(name) ?? 0) + /** @type {any} */ (info).bytesInOutput);
    }
  }
  return [...bytes]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, size]) => ({ name, bytes: size }));
}

/**
 * Where the bytes of our page come from, by source file: the same page bundled from the
 * packages' TypeScript sources (same options), so each byte is named by the file it came from.
 * @param {string} code
 */
async function bytesBySourceFile(code, count = Number(process.env.BUNDLE_TOP ?? 14)) {
  const src = (/** @type {string} */ path) =>
    fileURLToPath(new URL(`../../packages/${path}`, import.meta.url));
  const result = await build({
    ...OPTIONS,
    entryPoints: ['page:'],
    plugins: [pagePlugin(code)],
    alias: {
      '@sigv4/core/internal': src('core/src/internal.ts'),
      '@sigv4/core': src('core/src/index.ts'),
      '@sigv4/fetch': src('fetch/src/index.ts'),
    },
  });
  const { outputs, entry, withStatic } = outputGraph(result.metafile);
  const atStart = withStatic(entry);
  /** Bytes by source file, in the files loaded at once and in those loaded on first use. */
  const sides = { atStart: new Map(), lazy: new Map() };
  for (const [outPath, output] of Object.entries(outputs)) {
    const side = atStart.has(outPath) ? sides.atStart : sides.lazy;
    for (const [path, info] of Object.entries(output.inputs ?? {})) {
      const ours = /packages\/([^/]+)\/src\/(.+)$/.exec(path);
      if (!ours) continue;
      const name = `${ours[1]}/src/${ours[2]}`;
      side.set(name, (side.get(name) ?? 0) + /** @type {any} */ (info).bytesInOutput);
    }
  }
  const listed = (/** @type {Map<string, number>} */ bytes, /** @type {number} */ n) =>
    [...bytes]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, size]) => ({ name, bytes: size }));
  const sum = (/** @type {Map<string, number>} */ bytes) =>
    [...bytes.values()].reduce((total, size) => total + size, 0);
  return {
    /** Our code the page loads at once, minified, and its largest files. */
    total: sum(sides.atStart),
    top: listed(sides.atStart, count),
    /** Our code in chunks loaded on first use (what a typical GET never loads). */
    lazyTotal: sum(sides.lazy),
    lazy: listed(sides.lazy, count),
  };
}

/** @param {(line: string) => void} log */
export async function runBundle(log) {
  const results = [];
  for (const subject of BUNDLE_SUBJECTS) {
    const result = await build({
      ...OPTIONS,
      entryPoints: ['page:'],
      plugins: [pagePlugin(subject.code)],
    });
    const { outputs, entry, withStatic } = outputGraph(result.metafile);
    const files = result.outputFiles.map((file) => {
      const path = Object.keys(outputs).find((p) => file.path.endsWith(`/${p}`) || file.path === p);
      const output = path === undefined ? undefined : outputs[path];
      return {
        path,
        key: output === undefined ? '' : inputsKey(output),
        minBytes: file.contents.length,
        gzipBytes: gzipSync(file.contents, { level: 9 }).length,
      };
    });
    const atStart = withStatic(entry);
    const loadedKeys = await filesLoadedByOneGet(subject.code);
    const sum = (/** @type {typeof files} */ list, /** @type {'minBytes' | 'gzipBytes'} */ k) =>
      list.reduce((total, file) => total + file[k], 0);
    const loaded = files.filter(
      (file) => (file.path !== undefined && atStart.has(file.path)) || loadedKeys.has(file.key),
    );
    const entryFile = files.filter((file) => file.path === entry);
    const inputs = Object.keys(result.metafile.inputs);
    results.push({
      ...subject,
      // What the page's one GET loads: the target's figure.
      minBytes: sum(loaded, 'minBytes'),
      gzipBytes: sum(loaded, 'gzipBytes'),
      entry: { minBytes: sum(entryFile, 'minBytes'), gzipBytes: sum(entryFile, 'gzipBytes') },
      all: { minBytes: sum(files, 'minBytes'), gzipBytes: sum(files, 'gzipBytes') },
      chunks: files.length,
      loadedChunks: loaded.length,
      usesNodeEntry: inputs.some((path) => /index\.node\./.test(path)),
      top: topPackages(result.metafile),
      sources: subject.group === 'ours' ? await bytesBySourceFile(subject.code) : undefined,
    });
  }
  log(`bundle: ${results.length} browser bundles (esbuild --bundle --minify --splitting, gzip -9)`);
  return results;
}
