/**
 * `sigv4Handler({ hosts })` against the one host-pattern table that @sigv4/fetch's
 * `wrapGlobalFetch({ hosts })` and core's grammar also run: an unsigned request to a guarded
 * host is refused as API Gateway would, any other reaches the next handler.
 */
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HOST_PATTERN_CASES } from '../../core/test/host-pattern-cases.js';
import { sigv4Handler } from '../src/sigv4-handler.js';
import { KEY } from './helpers.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

describe('sigv4Handler({ hosts }) follows the shared host-pattern table', () => {
  it.each(HOST_PATTERN_CASES)('%s vs %s: guarded %s', async (pattern, host, expected) => {
    server.use(
      sigv4Handler({
        hosts: pattern,
        emulate: 'apigateway-rest',
        region: 'eu-west-1',
        credentials: [KEY],
      }),
      http.all('*', () => HttpResponse.text('not guarded', { status: 299 })),
    );
    const response = await fetch(`https://${host}/prod/items`, { method: 'POST', body: 'x' });
    if (expected) {
      expect(response.status).toBe(403);
      expect(await response.json()).toEqual({ message: 'Missing Authentication Token' });
    } else {
      expect(response.status).toBe(299);
    }
  });

  it('refuses a URL given as a host when the handler is made', () => {
    expect(() =>
      sigv4Handler({ hosts: ['https://api.example.com/prod'], credentials: [KEY] }),
    ).toThrowError(
      /'https:\/\/api\.example\.com\/prod', which is a URL: pass its host, 'api\.example\.com'/,
    );
  });
});
