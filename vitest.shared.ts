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
    // Type tests (`*.test-d.ts`) are checked by tsc, not run.
    typecheck: { enabled: true, include: ['src/**/*.test-d.ts', 'test/**/*.test-d.ts'] },
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 20_000,
    restoreMocks: true,
    unstubEnvs: true,
    unstubGlobals: true,
  },
});
