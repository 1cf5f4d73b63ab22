import { createRequire } from 'node:module';
import type { GetSigningKey, SmithySigningLoader } from './smithy-signing.js';

let loaded: GetSigningKey | Promise<GetSigningKey> | undefined;

/**
 * Loads `@smithy/signature-v4` on the first signature. Installed from npm, it is `require`d:
 * its CommonJS build is one file (about 30 ms to load on a 2-core machine, against about 80 ms
 * through the ES module loader). Inside a bundle (a Lambda built with esbuild, say) there is no
 * `node_modules` to require from, so the literal `import()` below, which bundlers follow and
 * include, takes over.
 */
export const loadSmithySigning: SmithySigningLoader = () => {
  if (loaded !== undefined) return loaded;
  try {
    const require = createRequire(import.meta.url);
    const smithy = require('@smithy/signature-v4') as { getSigningKey: GetSigningKey };
    loaded = smithy.getSigningKey;
  } catch {
    loaded = import('@smithy/signature-v4').then((smithy) => smithy.getSigningKey);
  }
  return loaded;
};
