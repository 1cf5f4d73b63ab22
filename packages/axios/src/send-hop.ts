import { raceSignal, type Transport, type TransportResponse } from '@sigv4/core/internal';
import type { AxiosResponse, InternalAxiosRequestConfig } from 'axios';
import { redactSettled } from './redact-settled.js';
import type { AxiosTransport } from './transport.js';
import { hopHeaders } from './wire-headers.js';

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
 * rejects, and so does the call's signal, even when the adapter itself would never settle
 * (axios 1.6 swallows a corrupt gzip body's error with redirects off). Header values the caller
 * set to `null` or `false` go to every hop, so axios's defaults stay suppressed. Once an attempt
 * has settled, what axios keeps of it is redacted.
 */
export function axiosHopSender(
  config: InternalAxiosRequestConfig,
  transport: AxiosTransport,
  suppressed: ReadonlyArray<readonly [string, null | false]>,
  onSettled: (settled: Settled) => void,
): Transport<Settled> {
  return async (request) => {
    const sent = copyConfig(config);
    sent.maxRedirects = transport.noFollow.maxRedirects;
    sent.fetchOptions = transport.noFollow.fetchOptions;
    sent.url = request.url;
    sent.method = request.method.toLowerCase();
    sent.allowAbsoluteUrls = true;
    // An empty URLSearchParams: nothing is appended now, and a retry from `error.config` does
    // not pick the instance's default params up again (mergeConfig copies them when unset).
    sent.params = new URLSearchParams();
    sent.headers = hopHeaders(request.headers, suppressed);
    sent.data = request.body === null ? undefined : exactBuffer(request.body);
    // The body is final: a retry from `error.config` must not transform it again.
    sent.transformRequest = [identity];
    // The pipeline's signal carries the call's bounds (caller's signal, cancel token, timeout).
    if (request.signal) sent.signal = request.signal;
    sent.timeout = 0;
    const settled = await raceSignal(settleHop(transport.adapter(sent), sent), request.signal);
    onSettled(settled);
    return wrap(settled, transport.isFetch);
  };
}

/** Fields of the call's config that no hop gets: the pipeline's signal and URL replace them. */
const NOT_SENT = new Set(['cancelToken', 'paramsSerializer', 'baseURL']);

/**
 * A copy of the call's config (its own enumerable keys, as a spread takes them) without
 * `NOT_SENT`. Key by key: axios 1.8+ merges the config into a null-prototype object in
 * dictionary mode, which a spread copies several times slower.
 */
function copyConfig(config: InternalAxiosRequestConfig): InternalAxiosRequestConfig {
  const source = config as unknown as Record<PropertyKey, unknown>;
  const copy: Record<PropertyKey, unknown> = {};
  for (const key of Object.keys(source)) if (!NOT_SENT.has(key)) copy[key] = source[key];
  for (const key of Object.getOwnPropertySymbols(source)) {
    if (Object.prototype.propertyIsEnumerable.call(source, key)) copy[key] = source[key];
  }
  return copy as unknown as InternalAxiosRequestConfig;
}

/**
 * What the adapter's promise settles to: the response (an HTTP error status included, with
 * axios's rejection), or the error without a response. Then, even when the call's signal has
 * already rejected the hop, what axios keeps of it is redacted.
 */
async function settleHop(
  pending: Promise<AxiosResponse>,
  sent: InternalAxiosRequestConfig,
): Promise<Settled> {
  let settled: Settled;
  try {
    settled = { response: await pending };
  } catch (error) {
    const response = (error as { response?: AxiosResponse } | null)?.response;
    redactSettled(sent, response, (error as { request?: unknown } | null)?.request);
    if (response === undefined) throw error;
    return { response, error };
  }
  redactSettled(sent, settled.response, settled.response.request);
  return settled;
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
