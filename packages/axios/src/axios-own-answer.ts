import type { InternalAxiosRequestConfig } from 'axios';
import { AxiosError } from 'axios';
import { requestUrl } from './request-url.js';

/**
 * The URL of a request this package signs, or `undefined` when axios answers the request
 * itself, without sending anything signable: a params serialiser that throws, a URL that does
 * not parse, a scheme other than http(s) (`tel:`, `ftp:` refused with `Unsupported protocol`,
 * `data:` answered from the URL). Such a request is handed to axios's own adapter, so the
 * caller gets axios's own answer and error (with its `config`); nothing of it is signed.
 */
export function signableUrl(config: InternalAxiosRequestConfig): URL | undefined {
  let url: URL;
  try {
    url = new URL(requestUrl(config));
  } catch {
    return undefined;
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
}

/**
 * axios's error for a `timeout` that is not a number (`timeout: 'abc'`), as each adapter gives
 * it: the http adapter refuses it (`ERR_BAD_OPTION_VALUE`), the fetch adapter times out at once
 * (`ETIMEDOUT`). `undefined` for a usable timeout.
 */
export function timeoutOptionError(
  config: InternalAxiosRequestConfig,
  isFetch: boolean,
): AxiosError | undefined {
  const { timeout } = config;
  if (!timeout || !Number.isNaN(Number.parseInt(String(timeout), 10))) return undefined;
  if (isFetch) {
    return new AxiosError(`timeout of ${String(timeout)}ms exceeded`, 'ETIMEDOUT', config);
  }
  return new AxiosError(
    'error trying to parse `config.timeout` to int',
    'ERR_BAD_OPTION_VALUE',
    config,
  );
}
