import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSignedFetch, wrapGlobalFetch } from '../src/index.js';
import { API, CREDENTIALS, recordingFetch } from './helpers.js';

// One rule everywhere: `service` and `region`, when given, win over what the host says.
const scopeOf = (init: RequestInit): string | undefined =>
  /Credential=[^/]+\/\d{8}\/([^/]+)\/([^/]+)\//
    .exec(new Headers(init.headers).get('authorization') ?? '')
    ?.slice(1)
    .join('/');

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('service and region: explicit wins, else the host', () => {
  it.each([
    [{}, 'eu-west-1/execute-api'],
    [{ service: 'lambda', region: 'us-east-1' }, 'us-east-1/lambda'],
    [{ region: 'us-west-2' }, 'us-west-2/execute-api'],
  ])('%o on an eu-west-1 execute-api host: %s, in both factories', async (options, scope) => {
    const direct = recordingFetch();
    await createSignedFetch({ credentials: CREDENTIALS, fetch: direct.fetch, ...options })(
      `${API}/prod/x`,
    );
    const global = recordingFetch();
    vi.stubGlobal('fetch', global.fetch);
    const restore = wrapGlobalFetch({ credentials: CREDENTIALS, ...options });
    await fetch(`${API}/prod/x`);
    restore();
    expect(scopeOf(direct.sent[0]!.init)).toBe(scope);
    expect(scopeOf(global.sent[0]!.init)).toBe(scope);
  });
});
