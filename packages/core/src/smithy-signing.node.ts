import { createRequire } from 'node:module';
import type { SmithySigning, SmithySigningLoader } from './smithy-signing.js';

let loaded: SmithySigning | undefined;

/**
 * Loads `@smithy/signature-v4` with `require` on first use: its CommonJS build is one file
 * (about 35 ms to load on a 2-core machine), its ES build dozens of modules (about 80 ms).
 * Importing `@sigv4/core` therefore costs nothing until the first signature.
 */
export const loadSmithySigning: SmithySigningLoader = () => {
  if (loaded === undefined) {
    const require = createRequire(import.meta.url);
    const { createScope, getSigningKey } = require('@smithy/signature-v4') as SmithySigning;
    loaded = { createScope, getSigningKey };
  }
  return loaded;
};
