import type { AxiosInstance, InternalAxiosRequestConfig } from 'axios';
import { copyBytes } from './copy-bytes.js';
import { resolveOptions, type SigV4InterceptorOptions } from './options.js';
import { signingAdapters } from './signing-adapter.js';

/** A request interceptor, as `instance.interceptors.request.use` takes it. */
export type SigV4Interceptor = (config: InternalAxiosRequestConfig) => InternalAxiosRequestConfig;

/**
 * Creates a request interceptor that SigV4-signs every request of an axios instance, exactly
 * as it goes on the wire. Signing happens when axios dispatches the request (the interceptor
 * wraps the request's adapter), so interceptors added before or after it, `transformRequest`,
 * header defaults and the adapter's own serialisation are all taken into account.
 *
 * Install it as a synchronous interceptor (as `addSigV4Interceptor` does), so that a byte body
 * is copied inside the call.
 *
 * @example
 * const api = axios.create({ baseURL: 'https://abc123.execute-api.eu-west-1.amazonaws.com/prod' });
 * api.interceptors.request.use(createSigV4Interceptor(), undefined, { synchronous: true });
 */
export function createSigV4Interceptor(options: SigV4InterceptorOptions = {}): SigV4Interceptor {
  const signingAdapter = signingAdapters(resolveOptions(options));
  return (config) => {
    // `config` is axios's merged copy for this request, never the caller's object. A byte body
    // is copied now: installed with `{ synchronous: true }`, this runs inside the call, so a
    // buffer the caller reuses right after it cannot change what is sent.
    config.data = copyBytes(config.data);
    config.adapter = signingAdapter(config.adapter);
    return config;
  };
}

/**
 * Installs `createSigV4Interceptor(options)` on an axios instance and returns the function that
 * removes it. It is installed as a synchronous interceptor, so that a byte body is copied inside
 * the call (as long as every other request interceptor is synchronous too: axios runs them all
 * later, in a promise chain, when one is not).
 *
 * @example
 * const eject = addSigV4Interceptor(api, { region: 'eu-west-1' });
 * // later
 * eject();
 */
export function addSigV4Interceptor(
  instance: AxiosInstance,
  options: SigV4InterceptorOptions = {},
): () => void {
  const id = instance.interceptors.request.use(createSigV4Interceptor(options), undefined, {
    synchronous: true,
  });
  return () => instance.interceptors.request.eject(id);
}
