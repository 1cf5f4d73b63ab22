// The browser XHR adapter, driven by a minimal XMLHttpRequest that forwards what axios hands it
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

import axios from 'axios';
import { addSigV4Interceptor } from '../src/index.ts';
import { LOOPBACK_SCOPE, lastRequest, startEmulator, text } from './helpers.ts';

let emulator: IamEmulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(() => emulator.close());

describe('the XHR adapter', () => {
  it('is handed the signed URL, headers and exact bytes, and the request verifies', async () => {
    const api = axios.create({ baseURL: emulator.url, adapter: 'xhr' });
    addSigV4Interceptor(api, LOOPBACK_SCOPE);
    const form = new FormData();
    form.append('who', 'Grace Hopper');
    const response = await api.post('/xhr', form, { params: { q: 'a b' } });
    expect(response.status).toBe(200);
    const handed = sent.at(-1);
    expect(handed?.url).toBe(`${emulator.url}/xhr?q=a%20b`);
    // Bytes, not a FormData: the browser must not pick a boundary of its own.
    expect(handed?.body).toBeInstanceOf(ArrayBuffer);
    expect(Object.keys(handed?.headers ?? {}).map((h) => h.toLowerCase())).toEqual(
      expect.arrayContaining([
        'authorization',
        'x-amz-date',
        'x-amz-content-sha256',
        'content-type',
      ]),
    );
    const arrived = lastRequest(emulator);
    expect(arrived.result.ok).toBe(true);
    expect(arrived.raw.target).toBe('/xhr?q=a%20b');
    expect(text(arrived.raw.body)).toMatch(/name="who"\r\n\r\nGrace Hopper\r\n/);
  });
});
