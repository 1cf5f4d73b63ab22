import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

// @sigv4/core bundles the part of @smithy/signature-v4 it uses into its build: its Node entries
// (and @sigv4/fetch's, on top of them) load no @smithy/* module from node_modules at run time,
// which is what keeps a cold start short (smithy's CommonJS entry alone loads @smithy/core's
// serde, protocols and client). Observed in a fresh Node process, on the built files as
// published: an ES module resolve hook and require's cache record every module it loads while
// it imports the entry and signs one request.
const run = promisify(execFile);
const fetchDir = fileURLToPath(new URL('..', import.meta.url));
const fromFetch = createRequire(join(fetchDir, 'package.json'));
const coreDir = dirname(fromFetch.resolve('@sigv4/core/package.json'));
const dir = mkdtempSync(join(tmpdir(), 'sigv4-loads-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HOOKS = join(dir, 'hooks.mjs');
writeFileSync(
  HOOKS,
  [
    "import { appendFileSync } from 'node:fs';",
    'export async function resolve(specifier, context, next) {',
    '  const resolved = await next(specifier, context);',
    "  appendFileSync(process.env.LOAD_LOG, resolved.url + '\\n');",
    '  return resolved;',
    '}',
  ].join('\n'),
);

/** The subject's code: import the entry, sign one request, print what it signed. */
const SIGN = {
  core: [
    'const signed = await entry.createSigner().sign({ method: "GET", url: URL_TO_SIGN });',
    'const authorization = signed.headers.authorization;',
  ].join('\n'),
  fetch: [
    'let authorization;',
    'const signedFetch = entry.createSignedFetch({ fetch: async (input, init) => {',
    '  authorization = new Headers(init?.headers).get("authorization"); return new Response(null);',
    '} });',
    'await signedFetch(URL_TO_SIGN);',
  ].join('\n'),
};

/**
 * Every file the process loaded (ES modules through the hook, CommonJS through require's cache)
 * while it imported or required `file` and signed with it. `extra` runs first (a control).
 */
async function loadedBy(
  file: string,
  kind: 'core' | 'fetch',
  format: 'esm' | 'cjs',
  extra = '',
): Promise<{ files: string[]; authorization: string }> {
  const log = join(dir, `${kind}-${format}-${Math.random().toString(36).slice(2)}.log`);
  writeFileSync(log, '');
  const load =
    format === 'esm'
      ? `const entry = await import(${JSON.stringify(pathToFileURL(file).href)});`
      : `const entry = createRequire(import.meta.url)(${JSON.stringify(file)});`;
  const script = [
    "import { createRequire } from 'node:module';",
    "const URL_TO_SIGN = 'https://abc123defg.execute-api.eu-west-1.amazonaws.com/prod/items?a=1';",
    extra,
    load,
    SIGN[kind],
    'const cjs = Object.keys(createRequire(import.meta.url).cache);',
    'process.stdout.write(JSON.stringify({ cjs, authorization }));',
  ].join('\n');
  const register = `data:text/javascript,import { register } from 'node:module'; register(${JSON.stringify(pathToFileURL(HOOKS).href)});`;
  const { stdout } = await run(
    process.execPath,
    ['--import', register, '--input-type=module', '--eval', script],
    {
      cwd: fetchDir,
      timeout: 30_000,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: dir,
        LOAD_LOG: log,
        AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
        AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
        AWS_REGION: 'eu-west-1',
        AWS_EC2_METADATA_DISABLED: 'true',
      },
    },
  );
  const out = JSON.parse(stdout) as { cjs: string[]; authorization: string };
  const esm = readFileSync(log, 'utf8')
    .split('\n')
    .filter((url) => url.startsWith('file:'))
    .map((url) => fileURLToPath(url));
  return { files: [...new Set([...esm, ...out.cjs])], authorization: out.authorization };
}

/** The built Node entries, as the package's `exports` map names them for the `node` condition. */
function nodeEntry(pkgDir: string, subpath: string, format: 'esm' | 'cjs'): string {
  const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as {
    exports: Record<string, Record<string, unknown>>;
  };
  const exported = pkg.exports[subpath] as Record<string, unknown>;
  const conditions = (exported.node ?? exported) as Record<string, { default: string }>;
  return join(pkgDir, conditions[format === 'esm' ? 'import' : 'require']?.default ?? '');
}

const smithy = /[\\/]node_modules[\\/]@smithy[\\/]/;

describe('the built Node entries load no @smithy/* module from node_modules', () => {
  it.each([
    ['@sigv4/core', 'core', 'esm'],
    ['@sigv4/core', 'core', 'cjs'],
    ['@sigv4/fetch', 'fetch', 'esm'],
    ['@sigv4/fetch', 'fetch', 'cjs'],
  ] as const)('%s (%s) imported and signing once, %s', async (_, kind, format) => {
    const entry = nodeEntry(kind === 'core' ? coreDir : fetchDir, '.', format);
    const { files, authorization } = await loadedBy(entry, kind, format);
    expect(authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\//);
    expect(files).toContain(entry);
    expect(files.filter((file) => smithy.test(file))).toEqual([]);
    // Nothing else from node_modules either: the entries' own files and Node's built-ins.
    expect(files.filter((file) => /[\\/]node_modules[\\/]/.test(file))).toEqual([]);
  });

  it('the observation sees a smithy that is loaded (control)', async () => {
    const entry = nodeEntry(coreDir, '.', 'esm');
    const smithyFrom = JSON.stringify(
      createRequire(join(coreDir, 'package.json')).resolve('@smithy/signature-v4'),
    );
    const esm = await loadedBy(entry, 'core', 'esm', `await import(${smithyFrom});`);
    expect(esm.files.some((file) => smithy.test(file))).toBe(true);
    const cjs = await loadedBy(
      entry,
      'core',
      'cjs',
      `createRequire(import.meta.url)(${smithyFrom});`,
    );
    expect(cjs.files.some((file) => smithy.test(file))).toBe(true);
  });
});
