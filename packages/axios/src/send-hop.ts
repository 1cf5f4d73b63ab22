import type { Transport, TransportResponse } from '@sigv4/core/internal';
import { AxiosHeaders, type AxiosResponse, type InternalAxiosRequestConfig } from 'axios';
import { redactSettled } from './redact-settled.js';
import type { AxiosTransport } from './transport.js';

/** What one hop came back with: axios's response, and the error axios rejected it with, if any. */
export interface Settled {
  readonly response: AxiosResponse;
  readonly error?: unknown;
}

const identity = <T>(data: T): T => data;
const UTF8 = new TextEncoder();

/**
 * The pipeline's transport for one axios call: each attempt the pipeline hands over (exact URL,
 * headers, bytes; signed or not) is sent through the real adapter as a copy of the call's
 * config, with redirects off. An HTTP error status is a response here (axios's rejection is
 * kept with it and rethrown at the end); only an error without a response (network, cancel)
 * rejects. Once an attempt has settled, what axios keeps of it is redacted.
 */
export function axiosHopSender(
  config: InternalAxiosRequestConfig,
  transport: AxiosTransport,
): Transport<Settled> {
  return async (request) => {
    const sent: InternalAxiosRequestConfig = {
      ...config,
      ...transport.noFollow,
      url: request.url,
      method: request.method.toLowerCase(),
      allowAbsoluteUrls: true,
      // An empty URLSearchParams: nothing is appended now, and a retry from `error.config` does
      // not pick the instance's default params up again (mergeConfig copies them when unset).
      params: new URLSearchParams(),
      headers: new AxiosHeaders(Object.fromEntries(request.headers)),
      data: request.body === null ? undefined : exactBuffer(request.body),
      // The body is final: a retry from `error.config` must not transform it again.
      transformRequest: [identity],
      // The pipeline's signal carries the call's bounds (caller's signal, cancel token, timeout).
      ...(request.signal ? { signal: request.signal } : {}),
      timeout: 0,
    };
    delete sent.cancelToken;
    delete sent.paramsSerializer;
    delete sent.baseURL;
    let settled: Settled | undefined;
    let thrown: unknown;
    try {
      settled = { response: await transport.adapter(sent) };
    } catch (error) {
      const response = (error as { response?: AxiosResponse } | null)?.response;
      if (response === undefined) thrown = error;
      else settled = { response, error };
    }
    const request_ = settled?.response.request ?? (thrown as { request?: unknown })?.request;
    redactSettled(sent, settled?.response, request_);
    if (settled === undefined) throw thrown;
    return wrap(settled, transport.isFetch);
  };
}

function wrap(settled: Settled, isFetch: boolean): TransportResponse<Settled> {
  const { response } = settled;
  const headers = response.headers as { get?: (name: string) => unknown } & Record<string, unknown>;
  const self: TransportResponse<Settled> = {
    status: response.status,
    header(name) {
      const value = typeof headers.get === 'function' ? headers.get(name) : headers[name];
      if (Array.isArray(value)) return value.join(', ');
      return typeof value === 'string' ? value : value == null ? null : String(value);
    },
    // A browser's fetch answers a manual redirect with an opaque response (status 0).
    opaqueRedirect: isFetch && response.status === 0,
    // The adapter has already read the body (before transformResponse): nothing to wait for.
    peekText: (maxBytes) =>
      Promise.resolve({ text: bodyText(response.data, maxBytes), response: self }),
    discard() {
      const data = response.data as { destroy?: () => unknown } | null | undefined;
      if (typeof data?.destroy === 'function') data.destroy();
      return Promise.resolve();
    },
    value: settled,
  };
  return self;
}

/** The raw body an adapter returned, as text (at most `maxBytes` of it). */
function bodyText(data: unknown, maxBytes: number): string {
  if (typeof data === 'string') return data.slice(0, maxBytes);
  const decode = (bytes: Uint8Array): string =>
    new TextDecoder().decode(bytes.subarray(0, maxBytes));
  if (data instanceof ArrayBuffer) return decode(new Uint8Array(data));
  if (ArrayBuffer.isView(data))
    return decode(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  if (typeof data === 'object' && data !== null && !('pipe' in data)) {
    try {
      return JSON.stringify(data).slice(0, maxBytes);
    } catch {
      return '';
    }
  }
  return '';
}

/** The bytes as an ArrayBuffer of exactly their length (axios sends a view's whole buffer). */
function exactBuffer(body: string | Uint8Array<ArrayBuffer>): ArrayBuffer {
  const bytes = typeof body === 'string' ? UTF8.encode(body) : body;
  if (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength) return bytes.buffer;
  return bytes.slice().buffer;
}
