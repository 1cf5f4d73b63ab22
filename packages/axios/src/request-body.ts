import { SigV4Error } from '@sigv4/core';
import axios, { AxiosError, type AxiosHeaders, type InternalAxiosRequestConfig } from 'axios';
import type { ResolvedOptions } from './options.js';
import { readWireBody, type WireBody } from './read-body.js';

/**
 * The body as it goes on the wire, with the content-type and length headers it implies. A Node
 * stream that fails rejects as it does through the adapter: the http adapter hands on the
 * stream's error (`ENOENT`), the fetch adapter a `Network Error` with it as `cause`.
 */
export async function readRequestBody(
  config: InternalAxiosRequestConfig,
  headers: AxiosHeaders,
  how: {
    readonly signal: AbortSignal | undefined;
    readonly isFetch: boolean;
    readonly options: ResolvedOptions;
  },
): Promise<WireBody> {
  const { options } = how;
  const context = {
    method: (config.method ?? 'get').toUpperCase(),
    url: String(config.url),
    limit: options.policy.maxBodyBytes,
    signal: how.signal,
  };
  const body = await readWireBody(config.data, context).catch((error: unknown) => {
    if (error instanceof SigV4Error || axios.isAxiosError(error) || axios.isCancel(error))
      throw error;
    if (!how.isFetch) throw AxiosError.from(error, undefined, config);
    throw Object.assign(new AxiosError('Network Error', 'ERR_NETWORK', config), { cause: error });
  });
  if (body.contentType && (body.contentType.replace || !headers.has('content-type'))) {
    headers.set('Content-Type', body.contentType.value, true);
  }
  if (options.signContentLength) {
    headers.set('Content-Length', String(byteLength(body.bytes)), true);
  }
  return body;
}

function byteLength(bytes: string | Uint8Array | null): number {
  if (bytes === null) return 0;
  return typeof bytes === 'string' ? new TextEncoder().encode(bytes).byteLength : bytes.byteLength;
}
