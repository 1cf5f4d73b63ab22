import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

// esbuild comes with tsup (a workspace dev dependency); resolved through it to add no dependency.
const require = createRequire(import.meta.url);
/** The slice of esbuild's API used here (its types are not a dependency of this package). */
interface EsbuildApi {
  build(options: Record<string, unknown>): Promise<{
    outputFiles: Array<{ text: string }>;
    metafile: { inputs: Record<string, unknown> };
  }>;
}
const esbuild = createRequire(require.resolve('tsup'))('esbuild') as EsbuildApi;
const entry = fileURLToPath(new URL('../src/index.ts', import.meta.url));

async function bundle(external: string[]) {
  const result = await esbuild.build({
    stdin: {
      contents: `import { createSignedFetch } from ${JSON.stringify(entry)}; globalThis.f = createSignedFetch;`,
      resolveDir: process.cwd(),
      loader: 'ts',
    },
    bundle: true,
    minify: true,
    platform: 'browser',
    format: 'esm',
    write: false,
    metafile: true,
    external,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]?.text ?? '';
  return {
    code,
    gzip: gzipSync(code, { level: 9 }).byteLength,
    inputs: Object.keys(result.metafile.inputs),
  };
}

describe('browser bundle of createSignedFetch (esbuild --bundle --minify --platform=browser)', () => {
  it('pulls in nothing from Node', async () => {
    const { code, inputs } = await bundle([]);
    expect(code).not.toMatch(/["']node:/);
    expect(
      inputs.filter((path) => /\.node\.|hash-node|credential-provider-node/.test(path)),
    ).toEqual([]);
  });

  it("this package's own code stays small and never touches Buffer or process", async () => {
    const own = await bundle(['@sigv4/core']);
    expect(own.code).not.toMatch(/\bBuffer\b|\bprocess\b/);
    expect(own.gzip).toBeLessThanOrEqual(5 * 1024);
  });

  it('the whole bundle, core included, stays under its current budget', async () => {
    // A regression guard, not the target (the 12 KB target is measured by `pnpm bench`): smithy's
    // whole SignatureV4 (with its event-stream HeaderFormatter) and sha256-js are 8.0 KB gzip on
    // their own; @sigv4/core's portable entry is ~15 KB. With core's transport pipeline (body
    // reading bounded by the signal, the redirect policy, per-origin clock skew with the capped
    // 403 peek, retry option checks, redaction in every SigV4Error: ~5.8 KB gzip on its own,
    // replacing fetch's own copies) this bundle measured 21.4 KB; fetch's own refusals and the
    // fetch standard's redirect rules (Referrer-Policy, UTF-8 Location, coded errors) took it
    // to 22.7 KB; refusing unknown options with a "did you mean", 23.1 KB. Core's host table (one
    // row per host shape, with the reasons of its refusals), the signing names generated from
    // AWS's service models (75 prefixes) and the header options' refusals took it to ~25.5 KB;
    // a request's own scope and the presign mode, 26.0 KB.
    const whole = await bundle([]);
    expect(whole.gzip).toBeLessThanOrEqual(27 * 1024);
  });
});
