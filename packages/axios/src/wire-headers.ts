import { SIGV4_HEADERS } from '@sigv4/core/internal';
import { AxiosHeaders, type RawAxiosHeaders } from 'axios';

/** Headers a signature adds: stale ones from an earlier attempt are removed before signing. */
export { SIGV4_HEADERS };

// What axios's adapters do to a header value before sending it (helpers/sanitizeHeaderValue.js:
// characters a byte string cannot hold are dropped, then spaces and tabs trimmed). Applying it
// here makes the value signed the value sent; `wire-headers.test.ts` pins axios's behaviour.
// biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are the point
const NOT_BYTE_STRING = /[^\u0009\u0020-\u007e\u0080-\u00ff]+/g;

/** A header value as axios's adapters put it on the wire. */
export function wireHeaderValue(value: unknown): string {
  return String(value)
    .replace(NOT_BYTE_STRING, '')
    .replace(/^[ \t]+|[ \t]+$/g, '');
}

/**
 * A copy of the request's headers as the adapter will send them: case-insensitive duplicates
 * merged, `false`/`null`/`undefined` values left out of what is signed (axios sends none of
 * them), values sanitised as axios does, and stale SigV4 headers removed. The caller's
 * `AxiosHeaders` is never modified.
 */
export function wireHeaders(source: unknown): AxiosHeaders {
  const headers = new AxiosHeaders(source as RawAxiosHeaders | AxiosHeaders | undefined);
  headers.normalize(false);
  for (const name of SIGV4_HEADERS) headers.delete(name);
  for (const [name, value] of Object.entries(headers.toJSON() as Record<string, unknown>)) {
    if (value === undefined || value === null || value === false) continue;
    if (Array.isArray(value)) headers.set(name, value.map(wireHeaderValue), true);
    else {
      // Most values are already what goes on the wire: only the others are set again.
      const wire = wireHeaderValue(value);
      if (wire !== value) headers.set(name, wire, true);
    }
  }
  return headers;
}

/** The headers to sign, as entry pairs (a repeated name for an array value). */
export function headersToSign(headers: AxiosHeaders): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const [name, value] of Object.entries(headers.toJSON() as Record<string, unknown>)) {
    if (value === undefined || value === null || value === false) continue;
    if (Array.isArray(value)) for (const one of value) out.push([name, String(one)]);
    else out.push([name, String(value)]);
  }
  return out;
}
