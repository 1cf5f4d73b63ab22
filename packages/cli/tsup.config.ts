import { defineConfig } from 'tsup';

export default defineConfig([
  // The library entry (`main(argv, io)`), for embedding and for tests of other packages.
  {
    entry: ['src/index.ts'],
    format: ['esm', 'cjs'],
    dts: true,
    clean: false, // the build script empties dist once: two configs run in parallel
    target: 'es2022',
    sourcemap: false,
    treeshake: true,
  },
  // The executable: ESM only, with a shebang so `bin.sigv4` runs as a command.
  {
    entry: ['src/bin.ts'],
    format: ['esm'],
    dts: false,
    clean: false,
    target: 'es2022',
    sourcemap: false,
    treeshake: true,
    banner: { js: '#!/usr/bin/env node' },
  },
]);
