/**
 * wrapGlobalFetch next to msw in a test suite: both replace `globalThis.fetch` and the one
 * installed last sees a request first. `server.listen()` then `wrapGlobalFetch()` signs before msw
 * answers; the other order lets msw answer the unsigned request, as API Gateway would (403).
 */
import { wrapGlobalFetch } from '@sigv4/fetch';
import { sigv4Handler } from '@sigv4/msw';
import { setupServer } from 'msw/node';
import { afterEach, expect, it } from 'vitest';

const credentials = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
};
const API = 'https://abc123defg.execute-api.eu-west-1.amazonaws.com';
const server = setupServer(
  sigv4Handler({ hosts: '*.execute-api.*.amazonaws.com', credentials: [credentials] }),
);
let restore: (() => void) | undefined;
afterEach(() => {
  restore?.();
  restore = undefined;
  server.close();
});

it('server.listen() first, then wrapGlobalFetch(): the request is signed, then answered by msw', async () => {
  server.listen({ onUnhandledRequest: 'error' });
  restore = wrapGlobalFetch({ credentials });
  const response = await fetch(`${API}/prod/items?limit=2`);
  expect(response.status).toBe(200);
  expect(await response.json()).toMatchObject({
    method: 'GET',
    identity: { accessKeyId: 'AKIDEXAMPLE', service: 'execute-api', region: 'eu-west-1' },
  });
});

it('wrapGlobalFetch() before server.listen(): msw answers before the request is signed', async () => {
  restore = wrapGlobalFetch({ credentials });
  server.listen({ onUnhandledRequest: 'error' });
  const response = await fetch(`${API}/prod/items?limit=2`);
  expect(response.status).toBe(403);
  expect(await response.json()).toEqual({ message: 'Missing Authentication Token' });
});
