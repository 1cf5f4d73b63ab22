import type { Signer } from '@sigv4/core';
import { redactCanonicalRequest, SigV4Error } from '@sigv4/core';
import { SIGV4_HEADERS, serverTimeFromSkewError } from '@sigv4/core/internal';
import axios, {
  type AxiosAdapter,
  type AxiosRequestConfig,
  type AxiosResponse,
  type InternalAxiosRequestConfig,
} from 'axios';
import { afterManualRedirect, followsRedirectsItself, type Resend } from './fetch-redirects.js';
import type { ResolvedOptions } from './options.js';
import { readWireBody } from './read-body.js';
import { requestUrl } from './request-url.js';
import { headersToSign, wireHeaders } from './wire-headers.js';

/** The adapter configuration a signing adapter wraps (a name, a function, or a list of them). */
export type AdapterConfig = AxiosRequestConfig['adapter'];

const WRAPPED = Symbol.for('@sigv4/axios.wrapped-adapter');

interface SigningAdapter extends AxiosAdapter {
  readonly [WRAPPED]: AdapterConfig;
}

/** The adapter configuration under a signing adapter, or the configuration itself. */
export function unwrapAdapter(adapter: AdapterConfig): AdapterConfig {
  if (typeof adapter === 'function' && WRAPPED in adapter) {
    return (adapter as SigningAdapter)[WRAPPED];
  }
  return adapter;
}

const DEFAULT_ADAPTERS: AdapterConfig = ['xhr', 'http', 'fetch'];
const identity = <T>(data: T): T => data;

/**
 * Wraps an adapter so that it signs the request as it is about to go out: after every request
 * interceptor, after `transformRequest`, with the headers axios has merged. The config handed
 * to the real adapter is a copy holding the exact URL (strict query, no `params` left to
 * serialise), the exact body bytes and the signed headers; the config axios passed in is not
 * modified, so a retry from `error.config` signs again from what was sent.
 */
export function signingAdapter(
  original: AdapterConfig,
  signer: Signer,
  options: ResolvedOptions,
): AxiosAdapter {
  const inner = unwrapAdapter(original);
  const signAndSend = async (config: InternalAxiosRequestConfig): Promise<AxiosResponse> => {
    const method = (config.method ?? 'get').toUpperCase();
    const target = requestUrl(config);
    if (config.auth) {
      throw new SigV4Error(
        'ERR_SIGV4_UNSIGNABLE_REQUEST',
        'the axios `auth` option replaces the Authorization header with HTTP Basic credentials, so the SigV4 signature would not be sent. Remove `auth` from the request or instance config.',
        { method, url: target },
      );
    }
    const headers = wireHeaders(config.headers);
    const body = await readWireBody(config.data, {
      method,
      url: target,
      limit: options.maxBodyBytes,
    });
    if (body.contentType && (body.contentType.replace || !headers.has('content-type'))) {
      headers.set('Content-Type', body.contentType.value, true);
    }
    if (options.signContentLength) {
      headers.set('Content-Length', String(body.bytes?.byteLength ?? 0), true);
    }
    const real = axios.getAdapter(inner ?? DEFAULT_ADAPTERS, config);
    const signed = await signer.sign({
      method,
      url: target,
      headers: headersToSign(headers),
      body: body.bytes,
      host: hostSent(real, headers),
    });
    // `wireHeaders` removed every SigV4 header (any case), so these names are new: plain
    // assignment, as AxiosHeaders stores them, without set()'s case-insensitive search per name.
    const store = headers as unknown as Record<string, string>;
    for (const name of Object.keys(signed.headers)) store[name] = signed.headers[name] ?? '';
    options.onSigned?.({
      method,
      url: signed.url,
      signedHeaders: signed.signedHeaders,
      canonicalRequest: redactCanonicalRequest(signed.canonicalRequest),
      stringToSign: signed.stringToSign,
    });
    const sent: InternalAxiosRequestConfig = {
      ...config,
      url: signed.url,
      allowAbsoluteUrls: true,
      // An empty URLSearchParams: nothing is appended now, and a retry from `error.config` does
      // not pick the instance's default params up again (mergeConfig copies them when unset).
      params: new URLSearchParams(),
      headers,
      data: body.bytes === null ? undefined : exactBuffer(body.bytes),
      // The body is final: a retry from `error.config` must not transform it again.
      transformRequest: [identity],
      // axios strips Authorization on a cross-origin redirect (Node); strip the rest too.
      sensitiveHeaders: [...(config.sensitiveHeaders ?? []), ...SIGV4_HEADERS],
    };
    delete sent.paramsSerializer;
    delete sent.baseURL;
    if (!followsRedirectsItself(real, config)) return real(sent);
    sent.fetchOptions = { ...config.fetchOptions, redirect: 'manual' };
    const hop: Resend = {
      send: signAndSend,
      config,
      headers,
      body: sent.data as ArrayBuffer | undefined,
      method,
      url: signed.url,
    };
    return (real(sent) as Promise<AxiosResponse>).then(
      (response) => afterManualRedirect(response, undefined, hop),
      (error: unknown) =>
        afterManualRedirect((error as { response?: AxiosResponse }).response, error, hop),
    );
  };
  // A clock-skew refusal is answered once: the signer's clock is corrected from the server's
  // time and the request, as it was sent (exact bytes, final headers), is signed and sent again.
  const adapter = async (config: InternalAxiosRequestConfig): Promise<AxiosResponse> => {
    let response: AxiosResponse;
    try {
      response = await signAndSend(config);
    } catch (error) {
      const refused = (error as { response?: AxiosResponse }).response;
      if (!options.correctClockSkew || !correctedClock(refused, signer)) throw error;
      return signAndSend(refused?.config ?? config);
    }
    if (options.correctClockSkew && correctedClock(response, signer)) {
      return signAndSend(response.config ?? config);
    }
    return response;
  };
  Object.defineProperty(adapter, WRAPPED, { value: original === undefined ? undefined : inner });
  return adapter as SigningAdapter;
}

/**
 * The `Host` header the adapter will send when it is not the URL's: axios's Node http adapter
 * sends a configured `Host` as it is (fetch and XHR ignore it), so that is what must be signed.
 */
function hostSent(real: AxiosAdapter, headers: { get(name: string): unknown }): string | undefined {
  if ((real as { adapterName?: unknown }).adapterName !== 'http') return undefined;
  const host = headers.get('host');
  return typeof host === 'string' && host.trim() !== '' ? host.trim() : undefined;
}

/** True, after correcting the signer's clock, when `response` is AWS's clock-skew refusal. */
function correctedClock(response: AxiosResponse | undefined, signer: Signer): boolean {
  if (response?.status !== 403) return false;
  const headers = response.headers as { get?: (name: string) => unknown; date?: unknown };
  const date = headers.get?.('date') ?? headers.date;
  const serverTime = serverTimeFromSkewError({
    status: response.status,
    dateHeader: typeof date === 'string' ? date : undefined,
    body: bodyText(response.data),
  });
  if (serverTime === undefined) return false;
  signer.adjustClock(serverTime);
  return true;
}

/** The raw body an adapter returned, as text (before axios's transformResponse). */
function bodyText(data: unknown): string {
  if (typeof data === 'string') return data;
  if (data instanceof ArrayBuffer) return new TextDecoder().decode(data);
  if (ArrayBuffer.isView(data)) {
    return new TextDecoder().decode(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  }
  if (typeof data === 'object' && data !== null) {
    try {
      return JSON.stringify(data);
    } catch {
      return '';
    }
  }
  return '';
}

/** The bytes as an ArrayBuffer of exactly their length (axios sends a view's whole buffer). */
function exactBuffer(bytes: Uint8Array): ArrayBuffer {
  if (
    bytes.byteOffset === 0 &&
    bytes.byteLength === bytes.buffer.byteLength &&
    bytes.buffer instanceof ArrayBuffer
  ) {
    return bytes.buffer;
  }
  return bytes.slice().buffer as ArrayBuffer;
}
