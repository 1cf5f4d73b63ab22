import { SigV4Error } from '@sigv4/core';
import axios, { type InternalAxiosRequestConfig } from 'axios';
import { refuseCleartextProxy } from './cleartext-proxy.js';
import type { AxiosTransport } from './transport.js';

/** Requests that cannot be signed safely: HTTP Basic `auth`, an https request sent in clear text. */
export function refuseUnsignable(
  config: InternalAxiosRequestConfig,
  target: URL,
  transport: AxiosTransport,
  context: { method: string; url: string },
): void {
  if (config.auth) {
    throw new SigV4Error(
      'ERR_SIGV4_UNSIGNABLE_REQUEST',
      'the axios `auth` option replaces the Authorization header with HTTP Basic credentials, so the SigV4 signature would not be sent. Remove `auth` from the request or instance config.',
      context,
    );
  }
  if (transport.isHttp) refuseCleartextProxy(config, target, axios.VERSION, context);
}
