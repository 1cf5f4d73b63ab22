/**
 * The parts of an arrived request that every front door's Lambda event is made of: path and query
 * split, query parameters decoded, headers grouped by name, the body as text or base64, the
 * request id and time in AWS's forms.
 */
import { toBase64 } from './base64.js';
import type { RawRequest } from './contract.js';

/** One request, taken apart once for the event builders. */
export interface RequestParts {
  /** The path as received (still percent-encoded), e.g. `/prod/orders/42`. */
  readonly path: string;
  /** The query as received, without `?` (empty when there is none). */
  readonly rawQuery: string;
  /** Decoded query parameters, in arrival order, repeats kept. */
  readonly query: ReadonlyArray<readonly [string, string]>;
  /** Header names as sent, values in arrival order per name (first spelling of a name wins). */
  readonly headers: ReadonlyArray<readonly [string, readonly string[]]>;
  readonly method: string;
  readonly host: string;
  readonly body: Uint8Array;
}

const decode = (text: string): string => {
  try {
    return decodeURIComponent(text);
  } catch {
    return text; // a malformed escape is passed as it arrived
  }
};

export function requestParts(raw: RawRequest): RequestParts {
  const absolute = /^[a-z][a-z0-9+.-]*:\/\/[^/?]*/i.exec(raw.target);
  const target = absolute === null ? raw.target : raw.target.slice(absolute[0].length);
  const q = target.indexOf('?');
  const path = q === -1 ? target : target.slice(0, q);
  const rawQuery = q === -1 ? '' : target.slice(q + 1);
  const query: Array<readonly [string, string]> = [];
  for (const pair of rawQuery === '' ? [] : rawQuery.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    query.push(
      eq === -1 ? [decode(pair), ''] : [decode(pair.slice(0, eq)), decode(pair.slice(eq + 1))],
    );
  }
  const byName = new Map<string, [string, string[]]>();
  // Under msw there is no Host line (fetch sets it on the wire): the event has it all the same.
  if (!raw.headers.some(([name]) => name.toLowerCase() === 'host') && raw.host !== '') {
    byName.set('host', ['Host', [raw.host]]);
  }
  for (const [name, value] of raw.headers) {
    const key = name.toLowerCase();
    const entry = byName.get(key);
    if (entry === undefined) byName.set(key, [name, [value]]);
    else entry[1].push(value);
  }
  return {
    path: path === '' ? '/' : path,
    rawQuery,
    query,
    headers: [...byName.values()],
    method: raw.method.toUpperCase(),
    host: raw.host,
    body: raw.body,
  };
}

/** The value of one header (repeats joined with `,`), or undefined. */
export function headerValue(parts: RequestParts, name: string): string | undefined {
  const found = parts.headers.find(([n]) => n.toLowerCase() === name);
  return found === undefined ? undefined : found[1].join(',');
}

/** Content types passed to the function as text; any other body is base64-encoded. */
function isTextual(contentType: string | undefined): boolean {
  if (contentType === undefined) return true;
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return (
    type.startsWith('text/') ||
    /^application\/(?:json|xml|javascript|x-www-form-urlencoded|graphql)$/.test(type) ||
    /\+(?:json|xml)$/.test(type)
  );
}

/**
 * The body as the event carries it. `always-text`: REST APIs without binary media types pass the
 * bytes as UTF-8 text. `by-content-type`: HTTP APIs and function URLs base64-encode a body whose
 * content type is not text.
 */
export function eventBody(
  parts: RequestParts,
  rule: 'always-text' | 'by-content-type',
): { body: string | undefined; isBase64Encoded: boolean } {
  if (parts.body.byteLength === 0) return { body: undefined, isBase64Encoded: false };
  if (rule === 'always-text' || isTextual(headerValue(parts, 'content-type'))) {
    return { body: new TextDecoder().decode(parts.body), isBase64Encoded: false };
  }
  return { body: toBase64(parts.body), isBase64Encoded: true };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `12/Mar/2020:19:03:58 +0000`, the form of `requestTime` and `time`. */
export function clfTime(date: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(date.getUTCDate())}/${MONTHS[date.getUTCMonth()]}/${date.getUTCFullYear()}:${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())} +0000`;
}

/** The first label of the host without its port: the API id or the URL id. */
export function hostPrefix(host: string): string {
  return host.replace(/:\d+$/, '').split('.')[0] ?? host;
}
