// Scenario 4: browser bundle size. A page that signs one request with each client, bundled
// by esbuild for the browser (so @sigv4/core resolves to its portable entry, never `node`),
// minified, then gzipped. The metafile says which modules dominate.

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
};

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
async function bytesBySourceFile(code, count = 14) {
  const src = (/** @type {string} */ path) =>
    fileURLToPath(new URL(`../../packages/${path}`, import.meta.url));
  const result = await build({
    ...OPTIONS,
    stdin: { contents: code, resolveDir: new URL('.', import.meta.url).pathname, loader: 'js' },
    alias: {
      '@sigv4/core/internal': src('core/src/internal.ts'),
      '@sigv4/core': src('core/src/index.ts'),
      '@sigv4/fetch': src('fetch/src/index.ts'),
    },
  });
  /** @type {[string, number][]} */ const files = [];
  for (const output of Object.values(result.metafile.outputs)) {
    for (const [path, info] of Object.entries(output.inputs ?? {})) {
      const ours = /packages\/([^/]+)\/src\/(.+)$/.exec(path);
      if (ours) files.push([`${ours[1]}/src/${ours[2]}`, /** @type {any} */ (info).bytesInOutput]);
    }
  }
  const total = files.reduce((sum, [, bytes]) => sum + bytes, 0);
  return {
    total,
    top: files
      .sort((a, b) => b[1] - a[1])
      .slice(0, count)
      .map(([name, bytes]) => ({ name, bytes })),
  };
}

/** @param {(line: string) => void} log */
export async function runBundle(log) {
  const results = [];
  for (const subject of BUNDLE_SUBJECTS) {
    const result = await build({
      ...OPTIONS,
      stdin: {
        contents: subject.code,
        resolveDir: new URL('.', import.meta.url).pathname,
        loader: 'js',
      },
    });
    const code = result.outputFiles[0]?.contents ?? new Uint8Array();
    const inputs = Object.keys(result.metafile.inputs);
    results.push({
      ...subject,
      minBytes: code.length,
      gzipBytes: gzipSync(code, { level: 9 }).length,
      usesNodeEntry: inputs.some((path) => /index\.node\./.test(path)),
      top: topPackages(result.metafile),
      sources: subject.group === 'ours' ? await bytesBySourceFile(subject.code) : undefined,
    });
  }
  log(`bundle: ${results.length} browser bundles (esbuild --bundle --minify, gzip -9)`);
  return results;
}
