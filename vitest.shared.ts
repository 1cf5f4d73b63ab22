import { defineConfig } from 'vitest/config';

/**
 * Shared vitest settings. Every package's `vitest.config.ts` merges this and adds its own
 * `name`. Unit tests live beside the code (`src/**\/*.test.ts`), integration tests under
 * `test/` (msw, loopback servers). Tests pass a clock instead of faking time.
 */
export const sharedTestConfig = defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 20_000,
    restoreMocks: true,
    unstubEnvs: true,
    unstubGlobals: true,
  },
});
