import { realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, join, sep } from 'node:path';
import type { SignatureV4Class, SmithySigningLoader } from './smithy-signing.js';

const SMITHY = '@smithy/signature-v4';

/**
 * True when Node resolved `file` through `NODE_PATH` (as a Lambda runtime's
 * `/var/runtime/node_modules`), not from a `node_modules` beside this code.
 */
function fromNodePath(file: string): boolean {
  const entries = process.env.NODE_PATH;
  if (!entries) return false;
  for (const entry of entries.split(delimiter)) {
    if (!entry) continue;
    const dir = join(entry, SMITHY);
    if (file.startsWith(dir + sep)) return true;
    try {
      // `require.resolve` answers the real path; the entry may hold a symlink (pnpm, layers).
      if (file.startsWith(realpathSync(dir) + sep)) return true;
    } catch {
      // Not in this entry.
    }
  }
  return false;
}

/**
 * Loads `@smithy/signature-v4` on the first signature. Installed from npm, it is `require`d:
 * its CommonJS build loads in about a third of the time the ES module loader takes on a 2-core
 * machine. Inside a bundle (a Lambda built with esbuild, say) there is no `node_modules` to
 * require from, so the literal `import()` below, which bundlers follow and include, takes over;
 * a smithy that `require` finds only through `NODE_PATH` (the Lambda runtime's own) is not
 * used: the bundle's copy is the one it was built and tested with. Loading is idempotent:
 * Node's module cache holds the one copy.
 */
export const loadSmithySigning: SmithySigningLoader = () => {
  try {
    const require = createRequire(import.meta.url);
    const file = require.resolve(SMITHY);
    if (!fromNodePath(file)) {
      return (require(file) as { SignatureV4: SignatureV4Class }).SignatureV4;
    }
  } catch {
    // Not resolvable from here: a bundle.
  }
  return import('@smithy/signature-v4').then((smithy) => smithy.SignatureV4);
};
