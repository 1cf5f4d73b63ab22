// axios's own redirect knobs with the interceptor installed, compared with plain axios on a
// loopback server, every Node adapter of the lowest and latest axios: too many redirects (code,
// message, `error.request`, `cause`), and the http adapter's `beforeRedirect`, called for every
// hop with what axios passes it, able to refuse it and to change the next hop's headers.

import type { IamEmulator } from '@sigv4/msw/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AXIOS_VERSIONS, loadAxios, nodeAdapters } from './axios-versions.ts';
import {
  arrivedHeader,
  type CaptureServer,
  LOOPBACK_SCOPE,
  startCaptureServer,
  startEmulator,
} from './helpers.ts';

let server: CaptureServer;
let internal: CaptureServer;
let emulator: IamEmulator;
beforeAll(async () => {
  emulator = await startEmulator(({ raw }) =>
    raw.target === '/hop' ? { status: 302, headers: { location: '/signed' } } : { status: 200 },
  );
  internal = await startCaptureServer(() => ({ status: 200, body: 'internal secret' }));
  server = await startCaptureServer(({ target }) => {
    if (target.startsWith('/loop')) return { status: 302, headers: { location: `${target}x` } };
    if (target === '/two') return { status: 302, headers: { location: '/one' } };
    if (target === '/one') return { status: 307, headers: { location: '/end' } };
    if (target === '/internal') return { status: 302, headers: { location: `${internal.url}/x` } };
    return { status: 200, body: `at ${target}` };
  });
});
afterAll(async () => {
  await emulator.close();
  await server.close();
  await internal.close();
});

describe.each(AXIOS_VERSIONS)('$module', (version) => {
  describe.each(nodeAdapters(version))('%s adapter', (adapter) => {
    const clients = async () => {
      const { axios, lib } = await loadAxios(version);
      const plain = axios.create({ baseURL: server.url, adapter });
      const signed = axios.create({ baseURL: server.url, adapter });
      lib.addSigV4Interceptor(signed, LOOPBACK_SCOPE);
      return { plain, signed };
    };

    it('too many redirects: the same code, message, request and cause as plain axios', async () => {
      const { plain, signed } = await clients();
      const shape = async (api: typeof plain) => {
        const error = (await api.get('/loop', { maxRedirects: 2 }).catch((e) => e)) as {
          name?: string;
          code?: string;
          message?: string;
          request?: unknown;
          cause?: { code?: unknown };
        };
        return {
          name: error.name,
          code: error.code,
          message: error.message,
          request: error.request !== undefined,
          cause: error.cause?.code,
        };
      };
      const expected = await shape(plain);
      if (adapter === 'http') {
        expect(expected.code).toBe('ERR_FR_TOO_MANY_REDIRECTS');
        expect(await shape(signed)).toEqual(expected);
      } else {
        // axios's fetch adapter ignores maxRedirects (fetch follows 20, then 'Network Error');
        // with the interceptor it applies, with the http adapter's error (README, Differences).
        expect(expected.code).toBe('ERR_NETWORK');
        expect(await shape(signed)).toEqual({
          name: 'Error [ERR_FR_TOO_MANY_REDIRECTS]',
          code: 'ERR_FR_TOO_MANY_REDIRECTS',
          message: 'Maximum number of redirects exceeded',
          request: true,
          cause: 'ERR_FR_TOO_MANY_REDIRECTS',
        });
      }
    });

    if (adapter === 'http') {
      it('beforeRedirect is called for every hop with what axios passes it', async () => {
        const { plain, signed } = await clients();
        const seen = async (api: typeof plain) => {
          const calls: unknown[] = [];
          const response = await api.get('/two', {
            beforeRedirect: (options: Record<string, unknown>, ...rest: unknown[]) => {
              const [response, request] = rest as [
                { statusCode?: number; headers?: Record<string, unknown> }?,
                { url?: string; method?: string }?,
              ];
              calls.push({
                href: options.href,
                method: options.method,
                protocol: options.protocol,
                hostname: options.hostname,
                path: options.path,
                headerNames: Object.keys(options.headers as object).map((n) => n.toLowerCase()),
                args: rest.length,
                status: response?.statusCode,
                location: response?.headers?.location,
                from: request?.url,
                fromMethod: request?.method,
              });
            },
          });
          return { calls, data: response.data };
        };
        const expected = await seen(plain);
        expect(expected.calls).toHaveLength(2);
        const actual = await seen(signed);
        expect(actual.data).toBe(expected.data);
        // The signed hop's headers are the caller's plus the SigV4 ones: compare without those.
        const unsigned = (calls: unknown[]) =>
          calls.map((call) => {
            const c = call as { headerNames: string[] };
            return {
              ...c,
              headerNames: c.headerNames.filter((n) => !/^(authorization|x-amz-)/.test(n)).sort(),
            };
          });
        // axios before 1.16 passes the options only; the hook gets the redirect's and the
        // request's details on every axios (README, Differences): compare what plain axios gave.
        const given = (calls: unknown[]) =>
          calls.map((call) =>
            Object.fromEntries(
              Object.entries(call as object).filter(([k, v]) => v !== undefined && k !== 'args'),
            ),
          );
        expect(unsigned(actual.calls)).toMatchObject(given(unsigned(expected.calls)));
        if ((expected.calls[0] as { args: number }).args === 2)
          expect(unsigned(actual.calls)).toEqual(unsigned(expected.calls));
      });

      it('a beforeRedirect that throws refuses the hop: nothing reaches the target', async () => {
        const { plain, signed } = await clients();
        const guard = (options: Record<string, unknown>) => {
          if (options.hostname === '127.0.0.1' && String(options.href).startsWith(internal.url))
            throw new Error('internal hosts are off limits');
        };
        const outcome = async (api: typeof plain) => {
          const before = internal.requests.length;
          const error = (await api.get('/internal', { beforeRedirect: guard }).catch((e) => e)) as {
            code?: string;
            message?: string;
          };
          return {
            code: error.code,
            message: error.message,
            reached: internal.requests.length - before,
          };
        };
        const expected = await outcome(plain);
        expect(expected.reached).toBe(0);
        expect(await outcome(signed)).toEqual(expected);
      });

      // plain axios follows to the changed target; a signed hop cannot be re-aimed (README).
      it('a beforeRedirect that changes the target is refused: ERR_SIGV4_REDIRECT_BLOCKED', async () => {
        const { axios, lib } = await loadAxios(version);
        const signed = axios.create({ baseURL: server.url, adapter });
        lib.addSigV4Interceptor(signed, LOOPBACK_SCOPE);
        const before = internal.requests.length + server.requests.length;
        const error = await signed
          .get('/two', {
            beforeRedirect: (options: Record<string, unknown>) => {
              options.path = '/elsewhere';
            },
          })
          .catch((e: unknown) => e);
        expect(lib.isSigV4Error(error, 'ERR_SIGV4_REDIRECT_BLOCKED')).toBe(true);
        expect(internal.requests.length + server.requests.length - before).toBe(1);
      });

      it('a header beforeRedirect adds to a same-origin hop is signed with it', async () => {
        const { axios, lib } = await loadAxios(version);
        const signed = axios.create({ baseURL: emulator.url, adapter });
        lib.addSigV4Interceptor(signed, LOOPBACK_SCOPE);
        const before = emulator.requests.length;
        await signed.get('/hop', {
          beforeRedirect: (options: Record<string, unknown>) => {
            (options.headers as Record<string, unknown>)['x-added'] = 'by hook';
          },
        });
        const hops = emulator.requests.slice(before);
        expect(hops.map((r) => [r.raw.target, r.result.ok])).toEqual([
          ['/hop', true],
          ['/signed', true],
        ]);
        const last = hops[1];
        expect(last && arrivedHeader(last, 'x-added')).toEqual(['by hook']);
        expect(last?.result.ok && last.result.identity.signedHeaders).toContain('x-added');
      });

      it('beforeRedirect can change the next hop headers', async () => {
        const { plain, signed } = await clients();
        const arrived = async (api: typeof plain) => {
          const before = internal.requests.length;
          await api.get('/internal', {
            headers: { 'x-drop-me': 'yes' },
            beforeRedirect: (options: Record<string, unknown>) => {
              const headers = options.headers as Record<string, unknown>;
              headers['x-added'] = 'by hook';
              delete headers['x-drop-me'];
            },
          });
          const got = internal.requests[before]?.headers;
          return { added: got?.['x-added'], dropped: got?.['x-drop-me'] };
        };
        const expected = await arrived(plain);
        expect(expected).toEqual({ added: 'by hook', dropped: undefined });
        expect(await arrived(signed)).toEqual(expected);
      });
    }
  });
});
