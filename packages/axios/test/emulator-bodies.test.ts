import { Readable } from 'node:stream';
import type { IamEmulator } from '@sigv4/msw/server';
import type { AxiosRequestTransformer } from 'axios';
import NodeFormData from 'form-data';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isSigV4Error } from '../src/index.ts';
import { AXIOS_VERSIONS, nodeAdapters, useAxios } from './axios-versions.ts';
import { LOOPBACK_SCOPE, lastRequest, signedHeaders, startEmulator, text } from './helpers.ts';

let emulator: IamEmulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(() => emulator.close());

const bytes = (...values: number[]) => new Uint8Array(values);

interface BodyCase {
  name: string;
  data: () => unknown;
  headers?: Record<string, string>;
  transformRequest?: (defaults: AxiosRequestTransformer[]) => AxiosRequestTransformer[];
  /** The body as it must arrive. */
  body: string | Uint8Array | RegExp;
  /** The content-type as it must arrive (and be signed). */
  contentType: string | RegExp;
}

const CASES: BodyCase[] = [
  {
    name: 'plain object (JSON)',
    data: () => ({ name: 'Bjarne Stroustrup', tags: ['c++'] }),
    body: '{"name":"Bjarne Stroustrup","tags":["c++"]}',
    contentType: 'application/json',
  },
  {
    name: 'string',
    data: () => 'hello, wörld',
    headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    body: 'hello, wörld',
    contentType: 'text/plain; charset=utf-8',
  },
  {
    name: 'string, no content-type (axios adds form-urlencoded for POST)',
    data: () => 'a=1',
    body: 'a=1',
    contentType: 'application/x-www-form-urlencoded',
  },
  {
    name: 'URLSearchParams',
    data: () => new URLSearchParams({ q: 'a b+c', n: 'ü' }),
    body: 'q=a+b%2Bc&n=%C3%BC',
    contentType: 'application/x-www-form-urlencoded;charset=utf-8',
  },
  {
    name: 'Buffer',
    data: () => Buffer.from([0, 1, 2, 255]),
    headers: { 'Content-Type': 'application/octet-stream' },
    body: bytes(0, 1, 2, 255),
    contentType: 'application/octet-stream',
  },
  {
    name: 'ArrayBuffer',
    data: () => bytes(9, 8, 7).buffer,
    headers: { 'Content-Type': 'application/octet-stream' },
    body: bytes(9, 8, 7),
    contentType: 'application/octet-stream',
  },
  {
    name: 'Uint8Array',
    data: () => bytes(1, 2, 3),
    headers: { 'Content-Type': 'application/octet-stream' },
    body: bytes(1, 2, 3),
    contentType: 'application/octet-stream',
  },
  {
    name: 'Float32Array',
    data: () => new Float32Array([1.5]),
    headers: { 'Content-Type': 'application/octet-stream' },
    body: new Uint8Array(new Float32Array([1.5]).buffer),
    contentType: 'application/octet-stream',
  },
  {
    name: 'Blob',
    data: () => new Blob(['blob body'], { type: 'text/csv' }),
    body: 'blob body',
    contentType: 'text/csv',
  },
  {
    name: 'FormData (global, spec)',
    data: () => {
      const form = new FormData();
      form.append('field', 'value 1');
      form.append('file', new Blob(['file content'], { type: 'text/plain' }), 'a.txt');
      return form;
    },
    body: /name="field"\r\n\r\nvalue 1\r\n[\s\S]*filename="a.txt"[\s\S]*file content/,
    contentType: /^multipart\/form-data; boundary=.+/,
  },
  {
    name: 'FormData (form-data package)',
    data: () => {
      const form = new NodeFormData();
      form.append('field', 'value 2');
      form.append('file', Buffer.from('buffer content'), { filename: 'b.bin' });
      return form;
    },
    body: /name="field"\r\n\r\nvalue 2\r\n[\s\S]*filename="b.bin"[\s\S]*buffer content/,
    contentType: /^multipart\/form-data; boundary=-+[0-9a-f]+$/,
  },
  {
    name: 'plain object with multipart content-type (axios builds the form)',
    data: () => ({ who: 'Ada' }),
    headers: { 'Content-Type': 'multipart/form-data' },
    body: /name="who"\r\n\r\nAda\r\n/,
    contentType: /^multipart\/form-data; boundary=.+/,
  },
  {
    name: 'Node Readable stream',
    data: () => Readable.from([Buffer.from('chunk one, '), Buffer.from('chunk two')]),
    headers: { 'Content-Type': 'text/plain' },
    body: 'chunk one, chunk two',
    contentType: 'text/plain',
  },
  {
    name: 'web ReadableStream',
    data: () =>
      new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('web '));
          controller.enqueue(new TextEncoder().encode('stream'));
          controller.close();
        },
      }),
    headers: { 'Content-Type': 'text/plain' },
    body: 'web stream',
    contentType: 'text/plain',
  },
  {
    name: 'custom transformRequest appended to the defaults',
    data: () => ({ n: 1 }),
    transformRequest: (defaults) => [...defaults, (data: string) => `{"envelope":${data}}`],
    body: '{"envelope":{"n":1}}',
    contentType: 'application/json',
  },
  {
    name: 'custom transformRequest replacing the defaults',
    data: () => ({ n: 2 }),
    transformRequest: () => [
      (data: { n: number }, headers) => {
        headers.set('Content-Type', 'application/x-custom');
        return `n=${data.n}`;
      },
    ],
    body: 'n=2',
    contentType: 'application/x-custom',
  },
];

describe.each(AXIOS_VERSIONS)('$module', (version) => {
  const loaded = useAxios(version);

  describe.each(nodeAdapters(version))(
    'bodies arrive signed and intact through the %s adapter',
    (adapter) => {
      // axios 1.6 does not know web streams (1.7 taught transformRequest and the fetch adapter):
      // it JSON-serialises one to '{}' before any adapter sees it, so that case is 1.7+ only.
      const cases = CASES.filter(
        (row) => version.hasFetchAdapter || row.name !== 'web ReadableStream',
      );
      it.each(cases)('$name', async (row) => {
        const api = loaded.axios.create({ baseURL: `${emulator.url}/prod`, adapter });
        loaded.lib.addSigV4Interceptor(api, LOOPBACK_SCOPE);
        const defaults = loaded.axios.defaults.transformRequest as AxiosRequestTransformer[];
        const response = await api.post('/items', row.data(), {
          ...(row.headers ? { headers: row.headers } : {}),
          ...(row.transformRequest ? { transformRequest: row.transformRequest(defaults) } : {}),
        });
        expect(response.status).toBe(200);
        const arrived = lastRequest(emulator);
        expect(arrived.result.ok).toBe(true);
        if (typeof row.body === 'string') expect(text(arrived.raw.body)).toBe(row.body);
        else if (row.body instanceof RegExp) expect(text(arrived.raw.body)).toMatch(row.body);
        else expect(arrived.raw.body).toEqual(row.body);
        expect(signedHeaders(arrived)).toContain('content-type');
        expect(signedHeaders(arrived)).toContain('x-amz-content-sha256');
        const contentType = response.data.headers['content-type'];
        if (typeof row.contentType === 'string') expect(contentType).toBe(row.contentType);
        else expect(contentType).toMatch(row.contentType);
      });

      it('a stream past maxBodyBytes fails with ERR_SIGV4_BODY_TOO_LARGE and sends nothing', async () => {
        const api = loaded.axios.create({ baseURL: emulator.url, adapter });
        loaded.lib.addSigV4Interceptor(api, { ...LOOPBACK_SCOPE, maxBodyBytes: 1024 });
        const before = emulator.requests.length;
        const chunks = Array.from({ length: 8 }, () => Buffer.alloc(512, 97));
        const error = await api.post('/big', Readable.from(chunks)).catch((e: unknown) => e);
        expect(isSigV4Error(error, 'ERR_SIGV4_BODY_TOO_LARGE')).toBe(true);
        expect(emulator.requests.length).toBe(before);
      });

      it('a GET without a body arrives with the hash of the empty payload', async () => {
        const api = loaded.axios.create({ baseURL: emulator.url, adapter });
        loaded.lib.addSigV4Interceptor(api, LOOPBACK_SCOPE);
        await api.get('/empty');
        const arrived = lastRequest(emulator);
        expect(arrived.result.ok).toBe(true);
        expect(arrived.raw.body.byteLength).toBe(0);
        expect(arrived.raw.headers).toContainEqual([
          expect.stringMatching(/^x-amz-content-sha256$/i),
          'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
        ]);
      });
    },
  );
});
