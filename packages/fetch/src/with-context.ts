import { isSigV4Error, SigV4Error } from '@sigv4/core';

/**
 * Adds the method and URL to a `SigV4Error` that was thrown without them (scope resolution and
 * credential errors do not know the request), keeping its code and the original as `cause`.
 */
export function withContext(error: unknown, method: string, url: string): unknown {
  if (!isSigV4Error(error) || error.url !== undefined) return error;
  const message = error.message.replace(/^\[sigv4\] /, '');
  return new SigV4Error(error.code, message, { cause: error, method, url });
}
