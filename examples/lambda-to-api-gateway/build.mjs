// Bundles the handler for the Node.js Lambda runtime: one minified file, `@aws-sdk/*` left out
// (the runtime ships AWS SDK v3), ESM builds of dependencies preferred so unused code is dropped.
//   node build.mjs          writes dist/index.mjs and prints its size
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/**
 * The esbuild options of the recipe (the same as the command line in README.md).
 * @param {'esm' | 'cjs'} format
 * @param {string} outfile
 * @returns {import('esbuild').BuildOptions}
 */
export function lambdaBundle(format, outfile) {
  return {
    entryPoints: [fileURLToPath(new URL('./src/handler.mjs', import.meta.url))],
    bundle: true,
    minify: true,
    platform: 'node',
    target: 'node20',
    format,
    // Without this esbuild takes `main` (CommonJS) first for Node, which cannot be tree-shaken.
    // sigv4 does not need it (@sigv4/core ships smithy's signer inside its build); a handler's
    // other dependencies may.
    mainFields: ['module', 'main'],
    // Lambda's Node.js runtime provides AWS SDK v3: the default credential chain
    // (@aws-sdk/credential-provider-node) is imported from there, and only when the environment
    // has no credentials, which in Lambda it always has.
    external: ['@aws-sdk/*'],
    outfile,
    logLevel: 'silent',
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const outfile = fileURLToPath(new URL('./dist/index.mjs', import.meta.url));
  await build(lambdaBundle('esm', outfile));
  console.log(`dist/index.mjs: ${(statSync(outfile).size / 1024).toFixed(1)} KB minified`);
}
