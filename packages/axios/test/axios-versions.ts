import { beforeAll, vi } from 'vitest';

/** One axios of the peer range `^1.6.0` the suite runs against. */
export interface AxiosVersion {
  /** The package the test imports (`axios-1.6.0` is an npm alias of axios@1.6.0). */
  readonly module: 'axios' | 'axios-1.6.0';
  /**
   * Whether this axios has a fetch adapter. axios 1.6.x has none (it came with 1.7.0), so the
   * fetch-adapter tests run on the latest axios only.
   */
  readonly hasFetchAdapter: boolean;
}

/** The lowest axios of the peer range and the latest (the workspace's `axios`). */
export const AXIOS_VERSIONS: readonly AxiosVersion[] = [
  { module: 'axios-1.6.0', hasFetchAdapter: false },
  { module: 'axios', hasFetchAdapter: true },
];

type Lib = typeof import('../src/index.ts');
type Axios = typeof import('axios').default;

/**
 * Loads @sigv4/axios with `import 'axios'` resolving to `version`'s axios (as a project with
 * that axios installed would), and that axios itself. Modules are loaded afresh each time.
 */
export async function loadAxios(version: AxiosVersion): Promise<{ axios: Axios; lib: Lib }> {
  vi.resetModules();
  if (version.module !== 'axios') {
    const other = (await import(/* @vite-ignore */ version.module)) as { default: Axios };
    vi.doMock('axios', () => ({ ...other, default: other.default }));
  }
  try {
    const lib = (await import('../src/index.ts')) as Lib;
    const axios = ((await import('axios')) as { default: Axios }).default;
    return { axios, lib };
  } finally {
    vi.doUnmock('axios');
  }
}

/** The adapters a Node test can drive on `version`. */
export function nodeAdapters(version: AxiosVersion): Array<'http' | 'fetch'> {
  return version.hasFetchAdapter ? ['http', 'fetch'] : ['http'];
}

/**
 * The axios of `version` and @sigv4/axios loaded with it, for the tests of a
 * `describe.each(AXIOS_VERSIONS)` block: filled in before its tests run.
 */
export function useAxios(version: AxiosVersion): { axios: Axios; lib: Lib } {
  const loaded = {} as { axios: Axios; lib: Lib };
  beforeAll(async () => {
    Object.assign(loaded, await loadAxios(version));
  });
  return loaded;
}
