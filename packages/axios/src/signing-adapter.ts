import { isSigV4Error, SigV4Error } from '@sigv4/core';
import {
  type ClockSkewStore,
  isAlreadySigned,
  parseRequestUrl,
  type SignFunction,
  sendSigned,
} from '@sigv4/core/internal';
import {
  type AxiosAdapter,
  AxiosError,
  type AxiosHeaders,
  type AxiosResponse,
  type InternalAxiosRequestConfig,
} from 'axios';
import { callBounds } from './call-bounds.js';
import type { ResolvedOptions } from './options.js';
import { readWireBody } from './read-body.js';
import { requestUrl } from './request-url.js';
import { axiosHopSender } from './send-hop.js';
import {
  type AdapterConfig,
  type AxiosTransport,
  plainAdapter,
  transportFor,
} from './transport.js';
import { webHeaders, wireHeaders } from './wire-headers.js';

const WRAPPED = Symbol.for('@sigv4/axios.wrapped-adapter');

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

/** What every request of one interceptor shares: how to sign, the policy, the skew store. */
export interface Pipeline {
  readonly sign: SignFunction;
  readonly options: ResolvedOptions;
  readonly skew: ClockSkewStore;
}

/**
 * Wraps an adapter so that the request is signed as it is about to go out (after every request
 * interceptor, after `transformRequest`, with the headers axios merged) and sent through core's
 * pipeline (`sendSigned`): redirects, the clock-skew resend and retries happen there, each hop
 * handed to the real adapter with redirects off. This adapter only translates axios's world:
 * the URL axios would request, its headers, its body (Node streams and `form-data` read here),
 * its `signal`/`cancelToken`/`timeout` as one bound, and its errors. The config axios passed
 * in is not modified, so a retry from `error.config` signs again from what was sent.
 */
export function signingAdapter(original: AdapterConfig, pipeline: Pipeline): AxiosAdapter {
  const inner = unwrapAdapter(original);
  const { options } = pipeline;
  const adapter = async (config: InternalAxiosRequestConfig): Promise<AxiosResponse> => {
    const bounds = callBounds(config);
    try {
      const method = (config.method ?? 'get').toUpperCase();
      const url = requestUrl(config);
      if (config.auth) {
        throw new SigV4Error(
          'ERR_SIGV4_UNSIGNABLE_REQUEST',
          'the axios `auth` option replaces the Authorization header with HTTP Basic credentials, so the SigV4 signature would not be sent. Remove `auth` from the request or instance config.',
          { method, url },
        );
      }
      // A presigned URL (a query parameter named X-Amz-Signature) is sent as it is, by the
      // adapter axios would use, as axios would send it: its credentials are in its query, which
      // no redirect carries elsewhere. A stale Authorization header is not a reason: a retry
      // from `error.config` carries one.
      const target = parseRequestUrl(url, method);
      if (isAlreadySigned({ has: () => false }, target))
        return await plainAdapter(inner, config)(config);
      const transport = transportFor(inner, config, { method, url });
      const headers = wireHeaders(config.headers);
      const body = await readWireBody(config.data, {
        method,
        url,
        limit: options.policy.maxBodyBytes,
        signal: bounds.signal,
      });
      if (body.contentType && (body.contentType.replace || !headers.has('content-type'))) {
        headers.set('Content-Type', body.contentType.value, true);
      }
      if (options.signContentLength) {
        headers.set('Content-Length', String(byteLength(body.bytes)), true);
      }
      const send = axiosHopSender(config, transport);
      const result = await sendSigned(
        { method, url: target, headers: webHeaders(headers), body: body.bytes },
        {
          transport: send,
          sign: pipeline.sign,
          policy: policyFor(options, transport),
          skew: pipeline.skew,
          redirect: transport.follow ? 'follow' : 'manual',
          signal: bounds.signal,
          host: hostSent(transport, headers),
        },
      );
      return settle(result.value);
    } catch (error) {
      throw bounds.failure(axiosRedirectError(error, config));
    } finally {
      bounds.dispose();
    }
  };
  Object.defineProperty(adapter, WRAPPED, { value: original === undefined ? undefined : inner });
  return adapter as SigningAdapter;
}

/** axios's answer for the last hop: its response, or the error axios rejected it with. */
function settle(settled: { response: AxiosResponse; error?: unknown }): AxiosResponse {
  if ('error' in settled) throw settled.error;
  return settled.response;
}

function policyFor(options: ResolvedOptions, transport: AxiosTransport) {
  const { policy } = options;
  return transport.maxRedirects === undefined
    ? policy
    : { ...policy, maxRedirects: transport.maxRedirects };
}

function byteLength(bytes: string | Uint8Array | null): number {
  if (bytes === null) return 0;
  return typeof bytes === 'string' ? new TextEncoder().encode(bytes).byteLength : bytes.byteLength;
}

/**
 * The pipeline's redirect refusals, told apart by `code`, as the errors axios's http adapter
 * (follow-redirects) gives for the same cases; the pipeline's error is the `cause`.
 */
function axiosRedirectError(error: unknown, config: InternalAxiosRequestConfig): unknown {
  if (isSigV4Error(error, 'ERR_SIGV4_TOO_MANY_REDIRECTS')) {
    return new AxiosError(
      `Maximum number of redirects exceeded (${error.detail})`,
      'ERR_FR_TOO_MANY_REDIRECTS',
      config,
      undefined,
      undefined,
    );
  }
  if (isSigV4Error(error, 'ERR_SIGV4_REDIRECT_FAILED')) {
    return new AxiosError(
      `Redirected request failed: ${error.detail}`,
      'ERR_FR_REDIRECTION_FAILURE',
      config,
    );
  }
  return error;
}

/**
 * The `Host` header the adapter will send when it is not the URL's: axios's Node http adapter
 * sends a configured `Host` as it is (fetch and XHR ignore it), so that is what must be signed.
 */
function hostSent(transport: AxiosTransport, headers: AxiosHeaders): string | undefined {
  if ((transport.adapter as { adapterName?: unknown }).adapterName !== 'http') return undefined;
  const host = headers.get('host');
  return typeof host === 'string' && host.trim() !== '' ? host.trim() : undefined;
}
