import { parseRequestUrl } from '@sigv4/core/internal';
import type { AxiosAdapter, AxiosResponse, InternalAxiosRequestConfig } from 'axios';
import { signableUrl, timeoutOptionError } from './axios-own-answer.js';
import { beforeRedirectHook } from './before-redirect.js';
import { callBounds } from './call-bounds.js';
import { type CallHeaders, callHeaders } from './call-headers.js';
import { setResponseUrl, withCallerConfig } from './caller-config.js';
import type { ResolvedOptions } from './options.js';
import { axiosRedirectError } from './redirect-errors.js';
import { refuseUnsignable } from './refuse-unsignable.js';
import { readRequestBody } from './request-body.js';
import { requestScope } from './request-scope.js';
import { axiosHopSender, type Settled } from './send-hop.js';
import {
  type AdapterConfig,
  type AxiosTransport,
  plainAdapter,
  transportFor,
} from './transport.js';

const WRAPPED = Symbol.for('@sigv4/axios.wrapped-adapter');
const NO_HEADERS = { has: () => false };

interface SigningAdapter extends AxiosAdapter {
  readonly [WRAPPED]: AdapterConfig;
}

/** The adapter configuration under a signing adapter, or the configuration itself. */
function unwrapAdapter(adapter: AdapterConfig): AdapterConfig {
  if (typeof adapter === 'function' && WRAPPED in adapter) {
    return (adapter as SigningAdapter)[WRAPPED];
  }
  return adapter;
}

/**
 * `signingAdapter` for one interceptor, each wrapper made once per adapter configuration: the
 * default (`undefined`), an adapter's name or a list of names (by their text, as axios copies
 * the list for every request), or an adapter function. Any other list gets a wrapper of its own.
 */
export function signingAdapters(
  options: ResolvedOptions,
): (original: AdapterConfig) => AxiosAdapter {
  const byName = new Map<string, AxiosAdapter>();
  const byFunction = new WeakMap<object, AxiosAdapter>();
  return (original) => {
    if (typeof original === 'function') {
      let adapter = byFunction.get(original);
      if (adapter === undefined) {
        adapter = signingAdapter(original, options);
        byFunction.set(original, adapter);
      }
      return adapter;
    }
    const key = adapterKey(original);
    if (key === undefined) return signingAdapter(original, options);
    let adapter = byName.get(key);
    if (adapter === undefined) {
      adapter = signingAdapter(original, options);
      byName.set(key, adapter);
    }
    return adapter;
  };
}

/** A text for a configuration of names only (`undefined` for anything else). */
function adapterKey(original: AdapterConfig): string | undefined {
  if (original === undefined) return '';
  if (typeof original === 'string') return `:${original}`;
  if (!Array.isArray(original)) return undefined;
  let key = '[';
  for (const one of original) {
    if (typeof one !== 'string' || one.includes(',')) return undefined;
    key += `${one},`;
  }
  return key;
}

/**
 * Wraps an adapter so that the request is signed as it is about to go out (after every request
 * interceptor, after `transformRequest`, with the headers axios merged) and sent through core's
 * pipeline (`createPipeline`'s `send`): redirects, the clock-skew resend and retries happen there, each hop
 * handed to the real adapter with redirects off. What axios answers itself (a `data:` URL, an
 * unsupported scheme, an invalid URL, a presigned URL) goes to axios's own adapter untouched.
 * The config axios passed in is not modified, and it is the `config` of the response and of
 * the error, so a retry from `error.config` signs again from what the caller asked.
 */
export function signingAdapter(original: AdapterConfig, options: ResolvedOptions): AxiosAdapter {
  const inner = unwrapAdapter(original);
  const adapter = (config: InternalAxiosRequestConfig): Promise<AxiosResponse> => {
    const target = signableUrl(config);
    if (target === undefined || options.pipeline.isAlreadySigned(NO_HEADERS, target))
      return plainAdapter(inner, config)(config);
    return sendCall(config, target, inner, options);
  };
  Object.defineProperty(adapter, WRAPPED, { value: original === undefined ? undefined : inner });
  return adapter as SigningAdapter;
}

/** One signed call: axios's request checked, its body read, then core's one call. */
async function sendCall(
  config: InternalAxiosRequestConfig,
  target: URL,
  inner: AdapterConfig,
  options: ResolvedOptions,
): Promise<AxiosResponse> {
  const method = (config.method ?? 'get').toUpperCase();
  const transport = checkedTransport(config, target, inner, method);
  const bounds = callBounds(config);
  let last: Settled | undefined;
  try {
    const headers = callHeaders(config.headers);
    const read = readRequestBody(config, headers, {
      url: target.href,
      signal: bounds.signal,
      isFetch: transport.isFetch,
      options,
    });
    const body = read instanceof Promise ? await read : read;
    const result = await options.pipeline.send({
      method,
      // `target` is an http(s) URL of this call's own: parsed again only to refuse user info.
      url:
        target.username === '' && target.password === '' ? target : parseRequestUrl(target, method),
      headers: headers.web(),
      body: undefined,
      // Read, copied and checked against maxBodyBytes by readRequestBody: not copied again.
      ownBytes: body,
      transport: axiosHopSender(config, transport, headers.suppressed, (settled) => {
        last = settled;
      }),
      signal: bounds.signal,
      redirect: transport.follow ? 'follow' : 'manual',
      maxRedirects: transport.maxRedirects,
      host: hostSent(transport, headers),
      beforeRedirect: transport.isHttp ? beforeRedirectHook(config) : undefined,
      scope: requestScope(config),
    });
    const response = settle(result.value, config);
    if (transport.follow) setResponseUrl(response, result.url);
    response.data = bounds.release(response.data);
    return response;
  } catch (error) {
    bounds.dispose();
    const failure = axiosRedirectError(error, config, last?.response.request);
    throw withCallerConfig(bounds.failure(failure), config);
  }
}

/**
 * The adapter each hop goes through, once the request passed what axios and signing refuse:
 * a `timeout` that is no number (axios's error), HTTP Basic `auth`, a clear-text proxy.
 */
function checkedTransport(
  config: InternalAxiosRequestConfig,
  target: URL,
  inner: AdapterConfig,
  method: string,
): AxiosTransport {
  const context = { method, url: target.href };
  const transport = transportFor(inner, config, context);
  const badTimeout = timeoutOptionError(config, transport.isFetch);
  if (badTimeout) throw badTimeout;
  refuseUnsignable(config, target, transport, context);
  return transport;
}

/** axios's answer for the last hop (its response, or the error axios rejected it with). */
function settle(settled: Settled, config: InternalAxiosRequestConfig): AxiosResponse {
  if ('error' in settled) throw settled.error;
  return withCallerConfig(settled.response, config);
}

/**
 * The `Host` header the adapter will send when it is not the URL's: axios's Node http adapter
 * sends a configured `Host` as it is (fetch and XHR ignore it), so that is what must be signed.
 */
function hostSent(transport: AxiosTransport, headers: CallHeaders): string | undefined {
  if (!transport.isHttp) return undefined;
  const host = headers.host();
  return host !== undefined && host.trim() !== '' ? host.trim() : undefined;
}
