import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts', 'src/index.node.ts', 'src/internal.ts', 'src/internal.node.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  target: 'es2022',
  sourcemap: false,
  splitting: true,
  treeshake: true,
  shims: true, // import.meta.url in the CommonJS build (smithy-signing.node.ts)
});
