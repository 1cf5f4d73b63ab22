import type { AxiosHeaders } from 'axios';
import { isWireValue, suppressedHeaders, webHeaders, wireHeaders } from './wire-headers.js';

/**
 * A call's headers as the adapter will send them, read once from the config axios hands the
 * adapter: what is signed, and what the caller suppressed.
 */
export interface CallHeaders {
  /** Whether the header is set, as `AxiosHeaders.has` says (a `null` or `false` value counts). */
  has(name: string): boolean;
  /** Sets a header the body implies (content-type, content-length), over any value. */
  set(name: string, value: string): void;
  /** The `Host` header's value when it is a string. */
  host(): string | undefined;
  /** The headers that are signed and sent, with what `set` added, as the pipeline takes them. */
  web(): Headers;
  /** The names the caller set to `null` or `false`: axios adds none of its defaults for them. */
  readonly suppressed: Array<[string, null | false]>;
}

/**
 * The call's headers. The usual headers (distinct names, no space around a name, string values
 * already as they go on the wire, or `null`/`false`/`undefined`) are read in one pass straight
 * into a web `Headers`; anything else (names differing only in case, an array, a number, a value
 * to sanitise) goes through `wireHeaders`, which does what axios does to it. Both give the same.
 */
export function callHeaders(source: unknown): CallHeaders {
  return (
    (typeof source === 'object' && source !== null && plainHeaders(source)) || viaAxios(source)
  );
}

/** One pass for the usual headers; `undefined` for anything that needs axios's treatment. */
function plainHeaders(source: object): CallHeaders | undefined {
  const web = new Headers();
  const suppressed: Array<[string, null | false]> = [];
  const unset: string[] = [];
  const seen: string[] = [];
  const values = source as Record<string, unknown>;
  for (const name of Object.keys(source)) {
    const lower = name.toLowerCase();
    if (name === '' || name === '__proto__' || name.trim() !== name || seen.includes(lower))
      return undefined;
    seen.push(lower);
    const value = values[name];
    if (value === undefined) continue;
    if (value === null || value === false) {
      suppressed.push([name, value]);
      unset.push(lower);
    } else if (typeof value === 'string' && isWireValue(value)) {
      // A name fetch refuses is refused later, where the other path refuses it.
      if (!setHeader(web, name, value)) return undefined;
    } else return undefined;
  }
  return {
    has: (name) => web.has(name) || unset.includes(name.toLowerCase()),
    set: (name, value) => web.set(name, value),
    host: () => web.get('host') ?? undefined,
    web: () => web,
    suppressed,
  };
}

function setHeader(headers: Headers, name: string, value: string): boolean {
  try {
    headers.set(name, value);
    return true;
  } catch {
    return false;
  }
}

/** Everything else: a copy made and sanitised as axios does (`wireHeaders`). */
function viaAxios(source: unknown): CallHeaders {
  const headers: AxiosHeaders = wireHeaders(source);
  return {
    has: (name) => headers.has(name),
    set: (name, value) => headers.set(name, value, true),
    host: () => {
      const host = headers.get('host');
      return typeof host === 'string' ? host : undefined;
    },
    web: () => webHeaders(headers),
    suppressed: suppressedHeaders(source),
  };
}
