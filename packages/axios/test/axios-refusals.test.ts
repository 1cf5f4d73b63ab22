// What axios refuses (or answers) itself, before anything is sent, gets axios's own answer with
// the interceptor installed: the same error class, code and message (or the same response),
// checked against plain axios on every Node adapter of the lowest and the latest axios.
import { createReadStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AXIOS_VERSIONS, loadAxios, nodeAdapters } from './axios-versions.ts';
import { type CaptureServer, LOOPBACK_SCOPE, startCaptureServer } from './helpers.ts';

let server: CaptureServer;
beforeAll(async () => {
  server = await startCaptureServer();
});
afterAll(() => server.close());

type Config = Record<string, unknown>;

/** The calls, each made afresh (a stream body can be read once). */
const CASES: ReadonlyArray<readonly [string, () => Config]> = [
  ["timeout: 'abc'", () => ({ url: `${server.url}/t`, timeout: 'abc' })],
  ['a tel: URL', () => ({ url: 'tel:+15551234' })],
  ['an ftp: URL', () => ({ url: `ftp://${new URL(server.url).host}/file` })],
  ['an invalid URL', () => ({ url: 'http://[not-a-host/' })],
  [
    'a params serialiser that throws',
    () => ({
      url: `${server.url}/p`,
      params: { a: 1 },
      paramsSerializer: {
        serialize: () => {
          throw new Error('serialiser says no');
        },
      },
    }),
  ],
  [
    'a body stream that fails (ENOENT)',
    () => ({
      url: `${server.url}/upload`,
      method: 'post',
      data: createReadStream(join(tmpdir(), 'sigv4-axios-test-no-such-file')),
    }),
  ],
  ['a data: URL', () => ({ url: 'data:text/plain;base64,aGVsbG8=' })],
];

interface Outcome {
  readonly status?: number | undefined;
  readonly data?: unknown;
  readonly name?: string | undefined;
  readonly code?: unknown;
  readonly message?: string | undefined;
  readonly hasConfig?: boolean;
}

async function outcome(call: Promise<{ status: number; data: unknown }>): Promise<Outcome> {
  try {
    const { status, data } = await call;
    return { status, data: Buffer.isBuffer(data) ? data.toString('utf8') : data };
  } catch (error) {
    const e = error as { name?: string; code?: unknown; message?: string; config?: unknown };
    return { name: e.name, code: e.code, message: e.message, hasConfig: e.config !== undefined };
  }
}

describe.each(AXIOS_VERSIONS)('$module', (version) => {
  describe.each(nodeAdapters(version))('%s adapter', (adapter) => {
    it.each(CASES)('%s: as plain axios, nothing sent', async (_name, make) => {
      const { axios, lib } = await loadAxios(version);
      const plain = axios.create({ adapter });
      const signed = axios.create({ adapter });
      lib.addSigV4Interceptor(signed, LOOPBACK_SCOPE);
      const expected = await outcome(plain.request(make()));
      const before = server.requests.length;
      const actual = await outcome(signed.request(make()));
      expect(actual).toEqual(expected);
      expect(server.requests.length).toBe(before);
    });
  });
});
