// A stream body's upload progress: the interceptor buffers the stream to hash it, so axios
// reports the upload of those bytes (README, Differences from axios): events arrive, grow, and
// end at the body's full length, as with plain axios. Every Node adapter that reports upload
// progress (axios's fetch adapter needs a stream request body for it), lowest and latest axios.
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AXIOS_VERSIONS, loadAxios } from './axios-versions.ts';
import { type CaptureServer, LOOPBACK_SCOPE, startCaptureServer } from './helpers.ts';

let server: CaptureServer;
beforeAll(async () => {
  server = await startCaptureServer();
});
afterAll(() => server.close());

const CHUNK = 'x'.repeat(16 * 1024);
const CHUNKS = 12;
const body = () => Readable.from(Array.from({ length: CHUNKS }, () => Buffer.from(CHUNK)));

describe.each(AXIOS_VERSIONS)('$module', (version) => {
  it('a stream body reports upload progress up to its full length, as plain axios', async () => {
    const { axios, lib } = await loadAxios(version);
    const progress = async (api: ReturnType<typeof axios.create>) => {
      const loaded: number[] = [];
      await api.post('/upload', body(), {
        headers: { 'content-type': 'application/octet-stream' },
        onUploadProgress: (event) => loaded.push(event.loaded),
      });
      return loaded;
    };
    const plain = axios.create({ baseURL: server.url, adapter: 'http' });
    const signed = axios.create({ baseURL: server.url, adapter: 'http' });
    lib.addSigV4Interceptor(signed, LOOPBACK_SCOPE);
    const expected = await progress(plain);
    const actual = await progress(signed);
    expect(server.requests.at(-1)?.body.length).toBe(CHUNK.length * CHUNKS);
    expect(expected.at(-1)).toBe(CHUNK.length * CHUNKS);
    expect(actual.at(-1)).toBe(expected.at(-1));
    expect(actual.length).toBeGreaterThan(1);
    expect(actual).toEqual([...actual].sort((a, b) => a - b));
  });
});
