import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (path: string): string => fileURLToPath(new URL(`./packages/${path}`, import.meta.url));

/**
 * Shared vitest settings. Every package's `vitest.config.ts` merges this and adds its own
 * `name`. Unit tests live beside the code (`src/**\/*.test.ts`), integration tests under
 * `test/` (msw, loopback servers). Tests pass a clock instead of faking time.
 *
 * Workspace packages resolve to their sources (the Node entry where there is one), so tests
 * never run against a stale build; the type checker and the published packages use `dist`.
 */
export const sharedTestConfig = defineConfig({
  resolve: {
    alias: [
      { find: /^@sigv4\/core$/, replacement: src('core/src/index.node.ts') },
      { find: /^@sigv4\/core\/internal$/, replacement: src('core/src/internal.node.ts') },
      { find: /^@sigv4\/msw$/, replacement: src('msw/src/index.ts') },
      { find: /^@sigv4\/msw\/server$/, replacement: src('msw/src/server.ts') },
      { find: /^@sigv4\/fetch$/, replacement: src('fetch/src/index.ts') },
      { find: /^@sigv4\/axios$/, replacement: src('axios/src/index.ts') },
    ],
  },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    setupFiles: [fileURLToPath(new URL('./test-fixtures/expected-warnings.ts', import.meta.url))],
    env: {
      // aws-crt (AWS's C signer, a reference in differential tests) warns on Node below 22 that
      // its own future releases will need 22: a notice about aws-crt, not about sigv4 (Node 20+).
      AWS_CRT_NODEJS_SUPPRESS_NODE_DEPRECATION_WARNING: '1',
    },
    // Type tests (`test/*.test-d.ts`) are checked once, by each package's `tsc` (`pnpm typecheck`,
    // which `pnpm test` runs): vitest's own typecheck would run the same tsc a second time.
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 20_000,
    restoreMocks: true,
    unstubEnvs: true,
    unstubGlobals: true,
  },
});
