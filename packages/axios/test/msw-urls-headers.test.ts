import { sigv4Handler } from '@sigv4/msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AXIOS_VERSIONS, nodeAdapters, useAxios } from './axios-versions.ts';
import { CREDENTIALS } from './helpers.ts';

const HOST = 'abc123.execute-api.us-east-1.amazonaws.com';
const server = setupServer(sigv4Handler({ hosts: HOST, credentials: [CREDENTIALS] }));
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

interface Echo {
  method: string;
  path: string;
  query: string;
  headers: Record<string, string>;
  identity: { signedHeaders: string[] };
}

describe.each(AXIOS_VERSIONS)('$module', (version) => {
  const loaded = useAxios(version);

  describe.each(nodeAdapters(version))(
    'URLs through the %s adapter (msw, checked like AWS)',
    (adapter) => {
      let api: ReturnType<typeof loaded.axios.create>;
      beforeAll(() => {
        api = loaded.axios.create({ baseURL: `https://${HOST}/prod`, adapter });
        loaded.lib.addSigV4Interceptor(api, { credentials: CREDENTIALS });
      });

      it.each([
        {
          name: 'baseURL + relative url',
          url: '/items',
          params: undefined,
          path: '/prod/items',
          query: '',
        },
        {
          name: 'absolute url over baseURL',
          url: `https://${HOST}/stage/other`,
          params: undefined,
          path: '/stage/other',
          query: '',
        },
        {
          name: 'default serializer: spaces, arrays, unicode, reserved',
          url: '/items',
          params: { q: 'Bjarne Stroustrup', tag: ['a', 'b'], u: 'ü', star: '*', plus: 'c++' },
          path: '/prod/items',
          query: 'q=Bjarne%20Stroustrup&tag%5B%5D=a&tag%5B%5D=b&u=%C3%BC&star=%2A&plus=c%2B%2B',
        },
        {
          name: 'URLSearchParams with repeated keys',
          url: '/items',
          params: new URLSearchParams([
            ['k', '1'],
            ['k', '2 3'],
          ]),
          path: '/prod/items',
          query: 'k=1&k=2%203',
        },
        {
          name: 'query in the url plus params',
          url: '/items?a=x+y&b=%2B',
          params: { c: 'd e' },
          path: '/prod/items',
          query: 'a=x%20y&b=%2B&c=d%20e',
        },
        {
          name: 'path with a space and unicode',
          url: '/items/a b/ü',
          params: undefined,
          path: '/prod/items/a%20b/%C3%BC',
          query: '',
        },
      ])('$name', async ({ url, params, path, query }) => {
        const { data } = await api.get<Echo>(url, params === undefined ? {} : { params });
        expect(data.path).toBe(path);
        expect(data.query).toBe(query);
      });

      it('paramsSerializer options ({ indexes: null })', async () => {
        const { data } = await api.get<Echo>('/items', {
          params: { tag: ['a', 'b c'] },
          paramsSerializer: { indexes: null },
        });
        expect(data.query).toBe('tag=a&tag=b%20c');
      });

      it('a custom serializer function, raw spaces and brackets included', async () => {
        const { data } = await api.get<Echo>('/items', {
          params: { x: 1 },
          paramsSerializer: () => 'f[a]=1 2&f[a]=3',
        });
        expect(data.query).toBe('f%5Ba%5D=1%202&f%5Ba%5D=3');
      });
    },
  );

  describe.each(nodeAdapters(version))('headers through the %s adapter', (adapter) => {
    it('merges every source as axios does, and signs the result', async () => {
      const api = loaded.axios.create({
        baseURL: `https://${HOST}/prod`,
        adapter,
        headers: { 'X-Team': 'blue', 'X-Case': 'instance' },
      });
      api.defaults.headers.common['X-Common'] = 'common';
      api.defaults.headers.post['X-Post-Only'] = 'post';
      api.defaults.headers.get['X-Get-Only'] = 'get';
      loaded.lib.addSigV4Interceptor(api, { credentials: CREDENTIALS });
      const { data } = await api.post<Echo>(
        '/items',
        { a: 1 },
        {
          headers: new loaded.axios.AxiosHeaders({
            'x-case': 'request',
            'X-Request': '  padded  ',
          }),
        },
      );
      expect(data.headers).toMatchObject({
        'x-team': 'blue',
        'x-common': 'common',
        'x-post-only': 'post',
        'x-case': 'request',
        'x-request': 'padded',
      });
      expect(data.headers['x-get-only']).toBeUndefined();
      expect(data.identity.signedHeaders).toEqual(
        expect.arrayContaining(['x-team', 'x-common', 'x-post-only', 'x-case', 'x-request']),
      );
      // What the adapter adds itself arrives, unsigned.
      expect(data.headers['user-agent']).toMatch(/^axios\//);
      expect(data.identity.signedHeaders).not.toContain('user-agent');
      expect(data.identity.signedHeaders).not.toContain('accept-encoding');
      expect(data.identity.signedHeaders).not.toContain('content-length');
    });

    it.each(['before', 'after'])(
      'signs a header another interceptor added %s it',
      async (order) => {
        const api = loaded.axios.create({ baseURL: `https://${HOST}/prod`, adapter });
        const other = (
          config: Parameters<Parameters<typeof api.interceptors.request.use>[0] & object>[0],
        ) => {
          config.headers.set('X-Trace', 'trace-1');
          config.params = { ...(config.params as object), added: 'by other' };
          return config;
        };
        if (order === 'before') api.interceptors.request.use(other);
        loaded.lib.addSigV4Interceptor(api, { credentials: CREDENTIALS });
        if (order === 'after') api.interceptors.request.use(other);
        const { data } = await api.get<Echo>('/items');
        expect(data.headers['x-trace']).toBe('trace-1');
        expect(data.identity.signedHeaders).toContain('x-trace');
        expect(data.query).toBe('added=by%20other');
      },
    );

    it('stops signing once ejected (msw answers 403 Missing Authentication Token)', async () => {
      const api = loaded.axios.create({ baseURL: `https://${HOST}/prod`, adapter });
      const eject = loaded.lib.addSigV4Interceptor(api, { credentials: CREDENTIALS });
      expect((await api.get('/items')).status).toBe(200);
      eject();
      const error = await api.get('/items').catch((e: unknown) => e);
      expect(error).toMatchObject({
        response: { status: 403, data: { message: 'Missing Authentication Token' } },
      });
    });
  });
});
