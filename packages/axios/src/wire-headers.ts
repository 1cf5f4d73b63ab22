import { AxiosHeaders, type RawAxiosHeaders } from 'axios';

// What axios's adapters do to a header value before sending it (helpers/sanitizeHeaderValue.js:
// characters a byte string cannot hold are dropped, then spaces and tabs trimmed). Applying it
// here makes the value signed the value sent; `test/wire-headers.test.ts` checks on the socket
// that a trimmed or Latin-1 value arrives as it was signed, for every adapter and axios version.
// biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are the point
const NOT_BYTE_STRING = /[^\u0009\u0020-\u007e\u0080-\u00ff]+/g;

// A value already as axios's adapters put it on the wire (`wireHeaderValue` leaves it as it is,
// and so does `AxiosHeaders.set`): tab, printable ASCII and Latin-1, no space or tab at an end.
const WIRE_VALUE = /^(?:[\x21-\x7e\x80-\xff](?:[\t\x20-\x7e\x80-\xff]*[\x21-\x7e\x80-\xff])?)?$/;

/** Whether `value` goes on the wire as it is. */
export function isWireValue(value: string): boolean {
  return WIRE_VALUE.test(value);
}

/** A header value as axios's adapters put it on the wire. */
export function wireHeaderValue(value: unknown): string {
  return String(value)
    .replace(NOT_BYTE_STRING, '')
    .replace(/^[ \t]+|[ \t]+$/g, '');
}

/**
 * A copy of the request's headers as the adapter will send them: case-insensitive duplicates
 * merged, `false`/`null`/`undefined` values left out of what is signed (axios sends none of
 * them) and values sanitised as axios does (stale SigV4 headers are core's to remove). The caller's
 * `AxiosHeaders` is never modified.
 */
export function wireHeaders(source: unknown): AxiosHeaders {
  const headers = new AxiosHeaders(source as RawAxiosHeaders | AxiosHeaders | undefined);
  headers.normalize(false);
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

/**
 * The headers as the pipeline takes them (a web `Headers`): `false`/`null`/`undefined` values
 * left out (axios sends none of them), an array value as one line joined by `, `, as it is then
 * sent (the transport hands axios the same single value).
 */
export function webHeaders(headers: AxiosHeaders): Headers {
  const out = new Headers();
  for (const [name, value] of Object.entries(headers.toJSON() as Record<string, unknown>)) {
    if (value === undefined || value === null || value === false) continue;
    if (Array.isArray(value)) for (const one of value) out.append(name, String(one));
    else out.set(name, String(value));
  }
  return out;
}

/** The names the caller set to `null` or `false`: axios adds none of its defaults for them. */
export function suppressedHeaders(source: unknown): Array<[string, null | false]> {
  const headers = new AxiosHeaders(source as RawAxiosHeaders | AxiosHeaders | undefined);
  const out: Array<[string, null | false]> = [];
  for (const [name, value] of Object.entries(headers)) {
    if (value === null || value === false) out.push([name, value]);
  }
  return out;
}

/**
 * One hop's headers for the adapter: the pipeline's, and the suppressed names as the caller set
 * them. The pipeline's names are distinct and lower-case: a value that is already as it goes on
 * the wire is stored as `AxiosHeaders.set` would store it, without its search for the same name
 * in another case; any other value goes through `set`.
 */
export function hopHeaders(
  pairs: ReadonlyArray<readonly [string, string]>,
  suppressed: ReadonlyArray<readonly [string, null | false]>,
): AxiosHeaders {
  const headers = new AxiosHeaders();
  const own = headers as unknown as Record<string, unknown>;
  for (const [name, value] of pairs) {
    if (name !== '__proto__' && isWireValue(value) && own[name] === undefined) own[name] = value;
    else headers.set(name, value);
  }
  for (const [name, value] of suppressed) if (!headers.has(name)) headers.set(name, value);
  return headers;
}
