// A byte body is copied when the call is made: reusing the buffer right after the call (a pool,
// a loop) changes neither what is sent nor what is signed. Checked as the body arrives.
import type { IamEmulator } from '@sigv4/msw/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AXIOS_VERSIONS, loadAxios, nodeAdapters } from './axios-versions.ts';
import { LOOPBACK_SCOPE, lastRequest, startEmulator, text } from './helpers.ts';

let emulator: IamEmulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(() => emulator.close());

const bodies = {
  Buffer: () => Buffer.from('the bytes at call time'),
  Uint8Array: () => new TextEncoder().encode('the bytes at call time'),
  ArrayBuffer: () => new TextEncoder().encode('the bytes at call time').buffer,
} as const;

describe.each(AXIOS_VERSIONS)('$module', (version) => {
  describe.each(nodeAdapters(version))('%s adapter', (adapter) => {
    it.each(Object.keys(bodies) as Array<keyof typeof bodies>)(
      'a %s overwritten right after the call is sent as it was at call time',
      async (kind) => {
        const { axios, lib } = await loadAxios(version);
        const api = axios.create({ baseURL: emulator.url, adapter });
        lib.addSigV4Interceptor(api, LOOPBACK_SCOPE);
        const body = bodies[kind]();
        const pending = api.post('/bytes', body, {
          headers: { 'content-type': 'application/octet-stream' },
        });
        (body instanceof ArrayBuffer ? new Uint8Array(body) : body).fill(0x21);
        const response = await pending;
        expect(response.status).toBe(200);
        const arrived = lastRequest(emulator);
        expect(arrived.result.ok).toBe(true);
        expect(text(arrived.raw.body)).toBe('the bytes at call time');
      },
    );
  });
});
