import { createRequire } from 'node:module';
import type { SignatureV4Class, SmithySigningLoader } from './smithy-signing.js';

/**
 * Loads `@smithy/signature-v4` on the first signature. Installed from npm, it is `require`d:
 * its CommonJS build is one file (about 30 ms to load on a 2-core machine, against about 80 ms
 * through the ES module loader). Inside a bundle (a Lambda built with esbuild, say) there is no
 * `node_modules` to require from, so the literal `import()` below, which bundlers follow and
 * include, takes over. Loading is idempotent: Node's module cache holds the one copy.
 */
export const loadSmithySigning: SmithySigningLoader = () => {
  try {
    const require = createRequire(import.meta.url);
    return (require('@smithy/signature-v4') as { SignatureV4: SignatureV4Class }).SignatureV4;
  } catch {
    return import('@smithy/signature-v4').then((smithy) => smithy.SignatureV4);
  }
};
