/**
 * Host inference through the axios interceptor, with no `service` or `region` option: every row
 * of core's host table (packages/core/test/host-scope-cases.ts) goes out through axios's http
 * adapter (caught by msw as it leaves), and the request verifies, for exactly that service and
 * region, with the independent verifier of @sigv4/msw.
 */
import { isSigV4Error } from '@sigv4/core';
import type { RawRequest } from '@sigv4/msw';
import { verifySigV4 } from '@sigv4/msw';
import axios from 'axios';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  INFERRED_HOSTS,
  REFUSED_HOSTS,
  SERVICE_ONLY_HOSTS,
} from '../../core/test/host-scope-cases.js';
import { addSigV4Interceptor } from '../src/index.js';
import { CREDENTIALS } from './helpers.js';

const arrived: RawRequest[] = [];
const server = setupServer(
  http.all('*', async ({ request }) => {
    const url = new URL(request.url);
    arrived.push({
      method: request.method,
      host: url.host,
      target: `${url.pathname}${url.search}`,
      headers: [...request.headers],
      body: new Uint8Array(await request.arrayBuffer()),
    });
    return HttpResponse.text('ok');
  }),
);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

async function sendAndVerify(host: string, service: string, region: string, options = {}) {
  const api = axios.create({ adapter: 'http' });
  addSigV4Interceptor(api, { credentials: CREDENTIALS, ...options });
  const before = arrived.length;
  await api.post(`https://${host}/prod/items`, { a: 1 });
  const raw = arrived[before];
  if (raw === undefined) throw new Error('nothing arrived');
  return verifySigV4(raw, {
    credentials: [CREDENTIALS],
    emulate: 'apigateway-rest',
    service,
    region,
    normalizePath: service !== 's3',
  });
}

describe('the axios interceptor infers the scope from the host table', () => {
  it.each(INFERRED_HOSTS)('%s signs as %s / %s', async (host, service, region) => {
    expect(await sendAndVerify(host, service, region)).toMatchObject({ ok: true });
  });

  it.each(SERVICE_ONLY_HOSTS)('%s signs as %s in the region option', async (host, service) => {
    expect(await sendAndVerify(host, service, 'eu-west-3', { region: 'eu-west-3' })).toMatchObject({
      ok: true,
    });
  });

  it.each(REFUSED_HOSTS)('%s is refused before anything is sent (%s)', async (host, reason) => {
    const api = axios.create({ adapter: 'http' });
    addSigV4Interceptor(api, { credentials: CREDENTIALS });
    const before = arrived.length;
    const error = await api.get(`https://${host}/prod/items`).catch((e: unknown) => e);
    expect(isSigV4Error(error, 'ERR_SIGV4_SCOPE_UNRESOLVED')).toBe(true);
    expect((error as Error).message).toMatch(reason);
    expect(arrived.length).toBe(before);
  });
});
