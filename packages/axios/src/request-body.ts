import { SigV4Error } from '@sigv4/core';
import axios, { AxiosError, type InternalAxiosRequestConfig } from 'axios';
import type { CallHeaders } from './call-headers.js';
import type { ResolvedOptions } from './options.js';
import { readWireBody, type WireBody } from './read-body.js';

const UTF8 = new TextEncoder();

/**
 * The body as it goes on the wire, as bytes (a string as UTF-8: handed to core as text, it would
 * get fetch's text/plain, which axios does not send), with the content-type and length headers
 * it implies. A Node stream that fails rejects as it does through the adapter: the http adapter
 * hands on the stream's error (`ENOENT`; a stream destroyed before its end: `CanceledError`), the
 * fetch adapter a `Network Error` with it as `cause`. A body already in memory is read at once
 * (no promise); one that fails to read rejects.
 */
export function readRequestBody(
  config: InternalAxiosRequestConfig,
  headers: Pick<CallHeaders, 'has' | 'set'>,
  how: {
    readonly url: string;
    readonly signal: AbortSignal | undefined;
    readonly isFetch: boolean;
    readonly options: ResolvedOptions;
  },
): Uint8Array<ArrayBuffer> | null | Promise<Uint8Array<ArrayBuffer> | null> {
  const { options } = how;
  const context = {
    method: (config.method ?? 'get').toUpperCase(),
    url: how.url,
    limit: options.policy.maxBodyBytes,
    signal: how.signal,
  };
  const finish = (body: WireBody): Uint8Array<ArrayBuffer> | null => {
    if (body.contentType && (body.contentType.replace || !headers.has('content-type'))) {
      headers.set('Content-Type', body.contentType.value);
    }
    const bytes = typeof body.bytes === 'string' ? UTF8.encode(body.bytes) : body.bytes;
    if (options.signContentLength) {
      headers.set('Content-Length', String(bytes?.byteLength ?? 0));
    }
    return bytes;
  };
  const read = readWireBody(config.data, context);
  if (!(read instanceof Promise)) return finish(read);
  return read.then(finish, (error: unknown) => {
    // The call's own bound (cancel, timeout) fired: its error as it is.
    if (how.signal?.aborted || error instanceof SigV4Error) throw error;
    if (!how.isFetch)
      throw axios.isCancel(error) ? error : AxiosError.from(error, undefined, config);
    throw Object.assign(new AxiosError('Network Error', 'ERR_NETWORK', config), { cause: error });
  });
}
