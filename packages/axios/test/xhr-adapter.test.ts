// The XHR adapter in Node, driven by a minimal XMLHttpRequest that forwards what axios hands it
// (method, URL, headers, body) to the loopback emulator, as a browser would. axios decides at
// load time whether XHR exists, so the stand-in is installed before axios is imported.
import type { IamEmulator } from '@sigv4/msw/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const sent = vi.hoisted(() => {
  const log: Array<{
    method: string;
    url: string;
    headers: Record<string, string>;
    body: unknown;
  }> = [];
  class FakeXMLHttpRequest {
    readyState = 0;
    status = 0;
    statusText = '';
    responseText = '';
    response: unknown = '';
    responseURL = '';
    responseType = '';
    timeout = 0;
    withCredentials = false;
    onloadend: (() => void) | null = null;
    onerror: ((event: unknown) => void) | null = null;
    onabort: (() => void) | null = null;
    ontimeout: (() => void) | null = null;
    private method = 'GET';
    private url = '';
    private headers: Record<string, string> = {};
    private responseHeaders = '';
    open(method: string, url: string): void {
      this.method = method;
      this.url = url;
    }
    setRequestHeader(name: string, value: string): void {
      this.headers[name] = value;
    }
    getAllResponseHeaders(): string {
      return this.responseHeaders;
    }
    addEventListener(): void {}
    removeEventListener(): void {}
    abort(): void {}
    send(body: unknown): void {
      log.push({ method: this.method, url: this.url, headers: { ...this.headers }, body });
      fetch(this.url, {
        method: this.method,
        headers: this.headers,
        body: body as BodyInit | null,
      }).then(
        async (response) => {
          this.status = response.status;
          this.statusText = response.statusText;
          this.responseText = await response.text();
          this.response = this.responseText;
          this.responseHeaders = [...response.headers].map(([k, v]) => `${k}: ${v}`).join('\r\n');
          this.readyState = 4;
          this.onloadend?.();
        },
        (error: unknown) => this.onerror?.(error),
      );
    }
  }
  (globalThis as { XMLHttpRequest?: unknown }).XMLHttpRequest = FakeXMLHttpRequest;
  return log;
});

import { AXIOS_VERSIONS, loadAxios } from './axios-versions.ts';
import { LOOPBACK_SCOPE, lastRequest, startEmulator, text } from './helpers.ts';

let emulator: IamEmulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(() => emulator.close());

// XHR follows a redirect to any origin with every header and cannot be told not to, so a
// signed request never goes through it (the browser case itself: xhr-chromium.test.ts).
describe.each(AXIOS_VERSIONS)('the XHR adapter of $module', (version) => {
  it(
    version.hasFetchAdapter
      ? 'is bypassed: the request goes through the fetch adapter, signed, and verifies'
      : 'is refused with ERR_SIGV4_UNSIGNABLE_REQUEST (no fetch adapter before axios 1.7)',
    async () => {
      const { axios, lib } = await loadAxios(version);
      const api = axios.create({ baseURL: emulator.url, adapter: 'xhr' });
      lib.addSigV4Interceptor(api, LOOPBACK_SCOPE);
      const form = new FormData();
      form.append('who', 'Grace Hopper');
      const xhrBefore = sent.length;
      const before = emulator.requests.length;
      const outcome = await api.post('/xhr', form, { params: { q: 'a b' } }).catch((e) => e);
      expect(sent.length).toBe(xhrBefore);
      if (!version.hasFetchAdapter) {
        expect(lib.isSigV4Error(outcome, 'ERR_SIGV4_UNSIGNABLE_REQUEST')).toBe(true);
        expect(String((outcome as Error).message)).toMatch(/axios 1\.7/);
        expect(emulator.requests.length).toBe(before);
        return;
      }
      expect(outcome.status).toBe(200);
      const arrived = lastRequest(emulator);
      expect(arrived.result.ok).toBe(true);
      expect(arrived.raw.target).toBe('/xhr?q=a%20b');
      expect(text(arrived.raw.body)).toMatch(/name="who"\r\n\r\nGrace Hopper\r\n/);
    },
  );
});
