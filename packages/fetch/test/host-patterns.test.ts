/**
 * `wrapGlobalFetch({ hosts })` against the one host-pattern table that @sigv4/msw's
 * `sigv4Handler({ hosts })` and core's grammar also run: a matching host is sent signed (checked
 * by the independent verifier of @sigv4/msw), any other is passed through untouched.
 */
import { isSigV4Error } from '@sigv4/core';
import { describe, expect, it, vi } from 'vitest';
import { HOST_PATTERN_CASES } from '../../core/test/host-pattern-cases.js';
import { wrapGlobalFetch } from '../src/wrap-global-fetch.js';
import { CREDENTIALS, recordingFetch, verifySent } from './helpers.js';

describe('wrapGlobalFetch({ hosts }) follows the shared host-pattern table', () => {
  it.each(HOST_PATTERN_CASES)('%s vs %s: signed %s', async (pattern, host, expected) => {
    const rec = recordingFetch();
    vi.stubGlobal('fetch', rec.fetch);
    const restore = wrapGlobalFetch({
      credentials: CREDENTIALS,
      hosts: [pattern],
      awsHosts: false,
      service: 'execute-api',
      region: 'eu-west-1',
    });
    const init = { method: 'POST', body: 'x' };
    try {
      await fetch(`https://${host}/prod/items`, init);
    } finally {
      restore();
    }
    const sent = rec.sent[0];
    expect(sent).toBeDefined();
    if (expected) {
      expect(await verifySent(sent!)).toMatchObject({ ok: true });
    } else {
      expect(sent?.init).toBe(init);
    }
  });

  it('refuses a URL given as a host at construction, naming the host to give', () => {
    const attempt = () => wrapGlobalFetch({ hosts: ['https://api.example.com/prod'] });
    expect(attempt).toThrowError(
      /'https:\/\/api\.example\.com\/prod' is a URL: pass its host, 'api\.example\.com'/,
    );
    let caught: unknown;
    try {
      attempt();
    } catch (error) {
      caught = error;
    }
    expect(isSigV4Error(caught) && caught.code).toBe('ERR_SIGV4_INVALID_OPTION');
  });
});
