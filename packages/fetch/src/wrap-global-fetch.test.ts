import { isSigV4Error } from '@sigv4/core';
import { describe, expect, it, vi } from 'vitest';
import { API, CREDENTIALS, LAMBDA, recordingFetch, verifySent } from '../test/helpers.js';
import { wrapGlobalFetch } from './wrap-global-fetch.js';

describe('wrapGlobalFetch', () => {
  it('takes hosts as one pattern or a list, as sigv4Handler does; anything else is refused', async () => {
    const rec = recordingFetch();
    vi.stubGlobal('fetch', rec.fetch);
    const scope = { credentials: CREDENTIALS, service: 'execute-api', region: 'eu-west-1' };
    const restore = wrapGlobalFetch({ ...scope, hosts: 'api.example.com' });
    await fetch('https://api.example.com/prod/x');
    restore();
    expect((await verifySent(rec.sent[0]!)).ok).toBe(true);
    for (const hosts of [42, ['https://api.example.com/'], [null]]) {
      let error: unknown;
      try {
        wrapGlobalFetch({ ...scope, hosts: hosts as never });
      } catch (e) {
        error = e;
      }
      expect(isSigV4Error(error, 'ERR_SIGV4_INVALID_OPTION')).toBe(true);
      expect(globalThis.fetch).toBe(rec.fetch);
    }
    vi.unstubAllGlobals();
  });

  it('passes other hosts, relative and invalid URLs through untouched, without resolving credentials', async () => {
    const rec = recordingFetch();
    vi.stubGlobal('fetch', rec.fetch);
    const credentials = vi.fn(async () => CREDENTIALS);
    const restore = wrapGlobalFetch({ credentials });
    const init = { method: 'POST', body: 'x', headers: { 'x-a': '1' } };
    await fetch('https://example.org/a', init);
    await fetch('/relative');
    await fetch('http://127.0.0.1:9/local');
    restore();
    expect(rec.sent.map((s) => s.url)).toEqual([
      'https://example.org/a',
      '/relative',
      'http://127.0.0.1:9/local',
    ]);
    expect(rec.sent[0]?.init).toBe(init);
    expect(credentials).not.toHaveBeenCalled();
  });

  it("the README's two wrappers: AWS hosts by their own scope, a custom domain by the given one", async () => {
    const rec = recordingFetch();
    vi.stubGlobal('fetch', rec.fetch);
    const restore = wrapGlobalFetch({ credentials: CREDENTIALS });
    const restoreCustom = wrapGlobalFetch({
      credentials: CREDENTIALS,
      hosts: ['api.example.com'],
      awsHosts: false,
      service: 'execute-api',
      region: 'eu-west-1',
    });
    await fetch(`${LAMBDA}/x`, { method: 'POST', body: '1' });
    await fetch(`${API}/prod/y`);
    await fetch('https://api.example.com/prod/z');
    restoreCustom();
    restore();
    expect(rec.sent).toHaveLength(3);
    expect((await verifySent(rec.sent[0]!, 'lambda-url')).ok).toBe(true);
    expect((await verifySent(rec.sent[1]!)).ok).toBe(true);
    expect(new Headers(rec.sent[2]?.init.headers).get('authorization')).toContain(
      '/eu-west-1/execute-api/',
    );
  });

  it('awsHosts: false signs only the allow-list', async () => {
    const rec = recordingFetch();
    vi.stubGlobal('fetch', rec.fetch);
    const restore = wrapGlobalFetch({ credentials: CREDENTIALS, awsHosts: false });
    await fetch(`${API}/prod/y`);
    restore();
    expect(new Headers(rec.sent[0]?.init.headers).has('authorization')).toBe(false);
  });

  it('restores in last-in-first-out order', () => {
    const rec = recordingFetch();
    vi.stubGlobal('fetch', rec.fetch);
    const restoreA = wrapGlobalFetch({ credentials: CREDENTIALS });
    const a = globalThis.fetch;
    const restoreB = wrapGlobalFetch({ credentials: CREDENTIALS });
    restoreB();
    expect(globalThis.fetch).toBe(a);
    restoreA();
    expect(globalThis.fetch).toBe(rec.fetch);
    restoreA();
    expect(globalThis.fetch).toBe(rec.fetch);
  });
});
