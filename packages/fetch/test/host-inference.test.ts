/**
 * Host inference through `createSignedFetch`, with no `service` or `region` option: every row of
 * core's host table (packages/core/test/host-scope-cases.ts) is sent signed, and the request as
 * fetch would serialise it verifies, for exactly that service and region, with the independent
 * verifier of @sigv4/msw.
 */
import { isSigV4Error } from '@sigv4/core';
import { verifySigV4 } from '@sigv4/msw';
import { describe, expect, it } from 'vitest';
import {
  INFERRED_HOSTS,
  REFUSED_HOSTS,
  SERVICE_ONLY_HOSTS,
} from '../../core/test/host-scope-cases.js';
import { createSignedFetch } from '../src/index.js';
import { CREDENTIALS, KNOWN, rawOf, recordingFetch } from './helpers.js';

async function sendAndVerify(host: string, service: string, region: string, options = {}) {
  const rec = recordingFetch();
  const signedFetch = createSignedFetch({ credentials: CREDENTIALS, fetch: rec.fetch, ...options });
  await signedFetch(`https://${host}/prod/items`, { method: 'POST', body: '{"a":1}' });
  const sent = rec.sent[0];
  if (sent === undefined) throw new Error('nothing was sent');
  const raw = await rawOf(sent);
  return verifySigV4(raw, {
    credentials: KNOWN,
    emulate: 'apigateway-rest',
    service,
    region,
    normalizePath: service !== 's3',
  });
}

describe('createSignedFetch infers the scope from the host table', () => {
  it.each(INFERRED_HOSTS)('%s signs as %s / %s', async (host, service, region) => {
    expect(await sendAndVerify(host, service, region)).toMatchObject({ ok: true });
  });

  it.each(SERVICE_ONLY_HOSTS)('%s signs as %s in the region option', async (host, service) => {
    expect(await sendAndVerify(host, service, 'eu-west-3', { region: 'eu-west-3' })).toMatchObject({
      ok: true,
    });
  });

  it.each(REFUSED_HOSTS)('%s is refused before anything is sent (%s)', async (host, reason) => {
    const rec = recordingFetch();
    const signedFetch = createSignedFetch({ credentials: CREDENTIALS, fetch: rec.fetch });
    const error = await signedFetch(`https://${host}/prod/items`).catch((e: unknown) => e);
    expect(isSigV4Error(error, 'ERR_SIGV4_SCOPE_UNRESOLVED')).toBe(true);
    expect((error as Error).message).toMatch(reason);
    expect(rec.sent).toHaveLength(0);
  });
});
