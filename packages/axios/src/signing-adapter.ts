import type { Signer } from '@sigv4/core';
import { redactCanonicalRequest, SigV4Error } from '@sigv4/core';
import { serverTimeFromSkewError } from '@sigv4/core/internal';
import {
  type AxiosAdapter,
  AxiosHeaders,
  type AxiosResponse,
  type InternalAxiosRequestConfig,
} from 'axios';
import { type CallBounds, callBounds } from './call-bounds.js';
import type { ResolvedOptions } from './options.js';
import { readWireBody } from './read-body.js';
import { redactSettled } from './redact-settled.js';
import { type Hop, nextHop } from './redirects.js';
import { requestUrl } from './request-url.js';
import { type AdapterConfig, type Transport, transportFor } from './transport.js';
import { headersToSign, wireHeaders } from './wire-headers.js';

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

const identity = <T>(data: T): T => data;

/**
 * Wraps an adapter so that it signs the request as it is about to go out: after every request
 * interceptor, after `transformRequest`, with the headers axios has merged. Each hop is handed
 * to the real adapter as a copy of the config holding the exact URL (strict query, no `params`
 * left to serialise), the exact body bytes and the signed headers, with redirects off: this
 * adapter follows them (see `nextHop`). The caller's `signal`, `cancelToken` and `timeout`
 * bound the whole call. The config axios passed in is not modified, so a retry from
 * `error.config` signs again from what was sent.
 */
export function signingAdapter(
  original: AdapterConfig,
  signer: Signer,
  options: ResolvedOptions,
): AxiosAdapter {
  const inner = unwrapAdapter(original);
  const adapter = async (config: InternalAxiosRequestConfig): Promise<AxiosResponse> => {
    const bounds = callBounds(config);
    try {
      return await call(config, bounds);
    } catch (error) {
      throw bounds.failure(error);
    } finally {
      bounds.dispose();
    }
  };

  const call = async (
    config: InternalAxiosRequestConfig,
    bounds: CallBounds,
  ): Promise<AxiosResponse> => {
    const method = (config.method ?? 'get').toUpperCase();
    const url = requestUrl(config);
    if (config.auth) {
      throw new SigV4Error(
        'ERR_SIGV4_UNSIGNABLE_REQUEST',
        'the axios `auth` option replaces the Authorization header with HTTP Basic credentials, so the SigV4 signature would not be sent. Remove `auth` from the request or instance config.',
        { method, url },
      );
    }
    const transport = transportFor(inner, config, { method, url });
    const headers = wireHeaders(config.headers);
    const data = config.data as unknown;
    const body = await bounds.race(
      readWireBody(data, { method, url, limit: options.maxBodyBytes }),
      () => (data as { destroy?: () => unknown } | null)?.destroy?.(),
    );
    if (body.contentType && (body.contentType.replace || !headers.has('content-type'))) {
      headers.set('Content-Type', body.contentType.value, true);
    }
    if (options.signContentLength) {
      headers.set('Content-Length', String(body.bytes?.byteLength ?? 0), true);
    }
    let hop: Hop = { method, url, headers, bytes: body.bytes, signed: true };
    let corrected = false;
    for (let hops = 0; ; ) {
      const sent = await bounds.race(prepare(hop, config, transport, bounds));
      let response: AxiosResponse | undefined;
      let failure: unknown;
      let failed = false;
      try {
        response = await transport.adapter(sent);
      } catch (error) {
        failed = true;
        failure = error;
        response = (error as { response?: AxiosResponse }).response;
      } finally {
        redactSettled(
          sent,
          response,
          response?.request ?? (failure as { request?: unknown })?.request,
        );
      }
      if (transport.follow && transport.isFetch && response?.status === 0) {
        // A browser's fetch answers a manual redirect with an opaque response: where it goes
        // is hidden, so it cannot be followed, or known to stay on the origin.
        throw new SigV4Error(
          'ERR_SIGV4_REDIRECT_BLOCKED',
          'the server redirected a signed request, and this runtime (a browser) hides where to. It is not followed, so the signature cannot reach another origin. Have the server answer with the final URL, or set maxRedirects: 0 to get the redirect response.',
          { method: hop.method, url: hop.url },
        );
      }
      if (transport.follow && response !== undefined) {
        const next = nextHop(response, hop, hops, policyOf(transport, options), config);
        if (next !== undefined) {
          hops += 1;
          hop = next;
          continue;
        }
      }
      if (hop.signed && !corrected && options.correctClockSkew && skewed(response, signer)) {
        // AWS refused the clock: corrected from its time, the same hop is signed again, once.
        corrected = true;
        continue;
      }
      if (failed) throw failure;
      return response as AxiosResponse;
    }
  };

  /** The config one hop is sent with: signed (unless it left the origin) and final. */
  const prepare = async (
    hop: Hop,
    config: InternalAxiosRequestConfig,
    transport: Transport,
    bounds: CallBounds,
  ): Promise<InternalAxiosRequestConfig> => {
    const headers = new AxiosHeaders(hop.headers);
    let url = hop.url;
    if (hop.signed) {
      const signed = await signer.sign({
        method: hop.method,
        url: hop.url,
        headers: headersToSign(headers),
        body: hop.bytes,
        host: hostSent(transport.adapter, headers),
      });
      // The hop's headers hold no SigV4 header (any case), so these names are new: plain
      // assignment, as AxiosHeaders stores them, without set()'s case-insensitive search.
      const store = headers as unknown as Record<string, string>;
      for (const name of Object.keys(signed.headers)) store[name] = signed.headers[name] ?? '';
      url = signed.url;
      options.onSigned?.({
        method: hop.method,
        url: signed.url,
        signedHeaders: signed.signedHeaders,
        canonicalRequest: redactCanonicalRequest(signed.canonicalRequest),
        stringToSign: signed.stringToSign,
      });
    }
    const sent: InternalAxiosRequestConfig = {
      ...config,
      ...transport.noFollow,
      url,
      method: hop.method.toLowerCase(),
      allowAbsoluteUrls: true,
      // An empty URLSearchParams: nothing is appended now, and a retry from `error.config` does
      // not pick the instance's default params up again (mergeConfig copies them when unset).
      params: new URLSearchParams(),
      headers,
      data: hop.bytes === null ? undefined : exactBuffer(hop.bytes),
      // The body is final: a retry from `error.config` must not transform it again.
      transformRequest: [identity],
      // The call's bounds: the caller's signal and cancel token, and what is left of `timeout`.
      signal: bounds.signal,
      timeout: 0,
    };
    delete sent.cancelToken;
    delete sent.paramsSerializer;
    delete sent.baseURL;
    return sent;
  };

  Object.defineProperty(adapter, WRAPPED, { value: original === undefined ? undefined : inner });
  return adapter as SigningAdapter;
}

function policyOf(transport: Transport, options: ResolvedOptions) {
  return { crossOrigin: options.crossOriginRedirect, maxRedirects: transport.maxRedirects };
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
function skewed(response: AxiosResponse | undefined, signer: Signer): boolean {
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
