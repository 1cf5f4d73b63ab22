/**
 * The verifier's own SigV4 canonicaliser (non-S3 rules), written from the AWS reference
 * ("Create a canonical request for IAM", AWS IAM user guide) and the aws-c-auth conformance
 * suite, independently of `@sigv4/core`. It works on the request as received: the path and query
 * exactly as they came off the wire, the raw header pairs, the body bytes.
 */

const encoder = new TextEncoder();

/** `A-Za-z0-9-_.~`: the only bytes SigV4 leaves unencoded. */
function isUnreserved(byte: number): boolean {
  return (
    (byte >= 0x41 && byte <= 0x5a) ||
    (byte >= 0x61 && byte <= 0x7a) ||
    (byte >= 0x30 && byte <= 0x39) ||
    byte === 0x2d ||
    byte === 0x5f ||
    byte === 0x2e ||
    byte === 0x7e
  );
}

/** Percent-encodes every byte outside the unreserved set (and `/` when `keepSlash`). */
export function encodeBytes(bytes: Uint8Array, keepSlash: boolean): string {
  let out = '';
  for (const byte of bytes) {
    if (isUnreserved(byte) || (keepSlash && byte === 0x2f)) out += String.fromCharCode(byte);
    else out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

const HEX = /^[0-9a-fA-F]{2}$/;

/**
 * Percent-decodes to bytes. A `%` not followed by two hex digits stays a literal `%`; other
 * characters become their UTF-8 bytes. A raw `+` is a space when `plusAsSpace` (how AWS front ends
 * read a query: docs/AWS-BEHAVIOUR.md, "A raw `+` in a query"), else a literal `+`.
 */
export function decodeToBytes(text: string, plusAsSpace = false): Uint8Array {
  const bytes: number[] = [];
  let i = 0;
  while (i < text.length) {
    const pair = text.slice(i + 1, i + 3);
    if (text[i] === '%' && HEX.test(pair)) {
      bytes.push(Number.parseInt(pair, 16));
      i += 3;
      continue;
    }
    if (plusAsSpace && text[i] === '+') {
      bytes.push(0x20);
      i += 1;
      continue;
    }
    const codePoint = text.codePointAt(i) ?? 0;
    const char = String.fromCodePoint(codePoint);
    for (const byte of encoder.encode(char)) bytes.push(byte);
    i += char.length;
  }
  return Uint8Array.from(bytes);
}

/**
 * Removes `.`, `..` and empty segments from a raw path (RFC 3986 5.2.4, plus AWS's collapsing of
 * `//`). A trailing `/`, or a trailing `.`/`..` segment, keeps the result ending in `/`.
 */
export function normalizePathSegments(path: string): string {
  const segments = path.split('/');
  const kept: string[] = [];
  for (const segment of segments) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') kept.pop();
    else kept.push(segment);
  }
  const last = segments.at(-1);
  const trailing = segments.length > 1 && (last === '' || last === '.' || last === '..');
  if (kept.length === 0) return '/';
  return `/${kept.join('/')}${trailing ? '/' : ''}`;
}

/**
 * The canonical URI: the raw path, normalised unless `normalize` is false, then every byte outside
 * `A-Za-z0-9-_.~/` encoded once more than received (a wire `%20` becomes `%2520`, a raw space
 * `%20`, raw UTF-8 `%E1%88%B4`).
 */
export function canonicalUri(rawPath: string, normalize: boolean): string {
  const path = rawPath === '' ? '/' : rawPath;
  const shaped = normalize ? normalizePathSegments(path) : path;
  return encodeBytes(encoder.encode(shaped), true);
}

/** One query parameter, decoded then re-encoded strictly (RFC 3986). */
export interface CanonicalParam {
  /** The name as decoded (to compare with `X-Amz-Signature` etc.). */
  readonly decodedName: string;
  /** The value as decoded (UTF-8). */
  readonly decodedValue: string;
  readonly name: string;
  readonly value: string;
}

const utf8 = new TextDecoder('utf-8', { fatal: false });

/**
 * Splits a raw query (no leading `?`) on `&` and re-encodes each name and value; a raw `+` is
 * read as a space, as API Gateway and Lambda do (`q=a+b` is canonicalised as `q=a%20b`).
 */
export function parseQuery(rawQuery: string): CanonicalParam[] {
  if (rawQuery === '') return [];
  const params: CanonicalParam[] = [];
  for (const part of rawQuery.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const rawName = eq === -1 ? part : part.slice(0, eq);
    const rawValue = eq === -1 ? '' : part.slice(eq + 1);
    const nameBytes = decodeToBytes(rawName, true);
    const valueBytes = decodeToBytes(rawValue, true);
    params.push({
      decodedName: utf8.decode(nameBytes),
      decodedValue: utf8.decode(valueBytes),
      name: encodeBytes(nameBytes, false),
      value: encodeBytes(valueBytes, false),
    });
  }
  return params;
}

/** Canonical query string: strictly re-encoded, sorted by name then value, `k=` for no value. */
export function canonicalQuery(params: readonly CanonicalParam[]): string {
  const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  return [...params]
    .sort((a, b) => compare(a.name, b.name) || compare(a.value, b.value))
    .map((p) => `${p.name}=${p.value}`)
    .join('&');
}

/** Trims a header value and folds inner runs of whitespace (also obs-fold line breaks) to one space. */
export function canonicalHeaderValue(value: string): string {
  return value.replace(/[ \t\r\n]+/g, ' ').trim();
}

/** Header values by lower-case name, repeated headers joined with `,` in arrival order. */
export function collectHeaders(
  headers: ReadonlyArray<readonly [string, string]>,
): Map<string, string> {
  const byName = new Map<string, string>();
  for (const [name, value] of headers) {
    const key = name.toLowerCase().trim();
    const folded = canonicalHeaderValue(value);
    const previous = byName.get(key);
    byName.set(key, previous === undefined ? folded : `${previous},${folded}`);
  }
  return byName;
}

/** The canonical headers block (one `name:value\n` per signed header, in `signedHeaders` order). */
export function canonicalHeaders(
  headers: ReadonlyMap<string, string>,
  signedHeaders: readonly string[],
): string {
  return signedHeaders.map((name) => `${name}:${headers.get(name) ?? ''}\n`).join('');
}

export interface CanonicalRequestParts {
  readonly method: string;
  readonly uri: string;
  readonly query: string;
  readonly headers: string;
  readonly signedHeaders: readonly string[];
  readonly payloadHash: string;
}

/** Joins the six parts of a canonical request. */
export function canonicalRequest(parts: CanonicalRequestParts): string {
  return [
    parts.method,
    parts.uri,
    parts.query,
    parts.headers,
    parts.signedHeaders.join(';'),
    parts.payloadHash,
  ].join('\n');
}
