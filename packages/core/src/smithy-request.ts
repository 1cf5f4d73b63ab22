import { SigV4Error } from './errors.js';
import {
  collectHeaders,
  type HeaderInput,
  hasEdgeControl,
  isUnsignableHeader,
  joinHeaderValues,
} from './headers.js';
import { decodeToBytes, toS3Segment } from './uri-escape.js';

/**
 * Turning a request exactly as it goes on the wire into the request smithy's `SignatureV4`
 * signs, so that smithy's canonical form of it is what AWS computes from what arrives. Where
 * smithy cannot express the wire form, a typed `SigV4Error` says so (listed in the README).
 */

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const PLAIN = /^[A-Za-z0-9\-_.~]*$/;
/** A query of unreserved characters only (no escape): its names and values need no decoding. */
const PLAIN_QUERY = /^[A-Za-z0-9\-_.~=&]*$/;
/** The query parameters smithy writes when presigning: a request may not carry them already. */
export const PRESIGN_PARAMS = [
  'X-Amz-Algorithm',
  'X-Amz-Credential',
  'X-Amz-Date',
  'X-Amz-Expires',
  'X-Amz-SignedHeaders',
  'X-Amz-Security-Token',
  'X-Amz-Signature',
] as const;

function unsignable(detail: string, method: string): SigV4Error {
  return new SigV4Error('ERR_SIGV4_UNSIGNABLE_REQUEST', detail, { method });
}

/** A query name or value as the string smithy re-encodes to the same bytes. */
function decodeComponent(raw: string, method: string): string {
  if (PLAIN.test(raw)) return raw;
  try {
    return UTF8.decode(decodeToBytes(raw));
  } catch (cause) {
    throw new SigV4Error(
      'ERR_SIGV4_UNSIGNABLE_REQUEST',
      `the query has a percent-escape that is not UTF-8 (in "${raw.slice(0, 40)}"): @smithy/signature-v4 canonicalises query parameters as UTF-8 text only, so AWS would compute another signature. Send text as UTF-8 (é is %C3%A9), or binary data base64url-encoded.`,
      { method, cause },
    );
  }
}

/**
 * The query object smithy signs, from the literal query (no `?`) the request carries: each
 * name and value decoded, repeated names as arrays. smithy encodes them again strictly, which
 * gives what AWS computes from the wire.
 *
 * @throws {SigV4Error} `ERR_SIGV4_AMBIGUOUS_QUERY` for a raw `+`; `ERR_SIGV4_UNSIGNABLE_REQUEST`
 *   for an escape that is not UTF-8, a parameter named `__proto__`, an `X-Amz-Signature`
 *   parameter, or (`presign`) a parameter presigning adds.
 */
export function smithyQuery(
  query: string,
  method: string,
  mode: 'header' | 'presign',
): Record<string, string | string[]> {
  // The same query again (a client that polls one URL) gives the object made for it last
  // time: smithy copies the query it is given (`HttpRequest.clone`) before anything is added
  // to it, and nothing else here changes it. Errors are not remembered: they are thrown again.
  const last = lastQuery;
  if (last !== undefined && last.query === query && last.mode === mode) return last.out;
  const out = parseSmithyQuery(query, method, mode);
  lastQuery = { query, mode, out };
  return out;
}

/** The last query `smithyQuery` turned into an object, and that object. */
let lastQuery:
  | { query: string; mode: 'header' | 'presign'; out: Record<string, string | string[]> }
  | undefined;

function parseSmithyQuery(
  query: string,
  method: string,
  mode: 'header' | 'presign',
): Record<string, string | string[]> {
  // A plain object, not `Object.create(null)`: V8 keeps that one in dictionary mode, which
  // makes smithy's copies of it (`HttpRequest.clone`) several times slower. `__proto__` is
  // refused below, and a name `Object.prototype` has (`constructor`) is read as own only.
  const out: Record<string, string | string[]> = {};
  if (query === '') return out;
  if (query.includes('+')) {
    throw new SigV4Error(
      'ERR_SIGV4_AMBIGUOUS_QUERY',
      'the query has a raw "+", which some servers read as a space and others as a plus. Rewrite it with toStrictQuery() (a "+" then means a space) or send %2B for a plus.',
      { method },
    );
  }
  // One test of the whole query instead of one a name and one a value (`limit=10&start=a`).
  const plain = PLAIN_QUERY.test(query);
  for (const part of query.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const rawName = eq === -1 ? part : part.slice(0, eq);
    const rawValue = eq === -1 ? '' : part.slice(eq + 1);
    const name = plain ? rawName : decodeComponent(rawName, method);
    const value = plain ? rawValue : decodeComponent(rawValue, method);
    if (name === '__proto__') {
      throw unsignable(
        'the query has a parameter named "__proto__", which @smithy/signature-v4 cannot sign (it signs it as "[object Object]"). Rename the parameter.',
        method,
      );
    }
    if (
      name.toLowerCase() === 'x-amz-signature' ||
      (mode === 'presign' && PRESIGN_PARAMS.includes(name as (typeof PRESIGN_PARAMS)[number]))
    ) {
      throw unsignable(
        `the URL already carries a "${name}" parameter: it is presigned already. Send it as it is, or remove the X-Amz-* parameters before signing again.`,
        method,
      );
    }
    const existing = Object.hasOwn(out, name) ? out[name] : undefined;
    if (existing === undefined) out[name] = value;
    else if (typeof existing === 'string') out[name] = [existing, value];
    else existing.push(value);
  }
  return out;
}

/** Smithy's path normalisation keeps no trailing `/` after a final `.`/`..`; AWS keeps one. */
function dotSegmentsLeaveNoSlash(path: string): boolean {
  if (!/\/\.\.?$/.test(path)) return false;
  let depth = 0;
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    depth = segment === '..' ? Math.max(0, depth - 1) : depth + 1;
  }
  return depth > 0;
}

/**
 * Checks that smithy's path handling gives what AWS computes from `path` as sent. S3 rules
 * (`uriEscapePath: false`): the path is signed literally, so each segment must already be in
 * the form S3 computes (`toS3Segment`: `%41` is `A`; `sign()` rewrites it so). Other services: smithy always normalises.
 *
 * @throws {SigV4Error} `ERR_SIGV4_UNSIGNABLE_REQUEST`.
 */
export function checkPath(path: string, s3: boolean, normalize: boolean, method: string): void {
  if (s3) {
    if (
      path.startsWith('/') &&
      path.split('/').every((segment) => toS3Segment(segment) === segment)
    )
      return;
    throw unsignable(
      `an S3 path must be sent in the form S3 computes, each segment decoded and encoded once, unreserved characters bare ("${path.slice(0, 80)}" is not): S3 decodes and re-encodes it, and smithy signs it as given. Pass the URL to createSigner().sign(), which rewrites the path and returns the URL to send.`,
      method,
    );
  }
  const needsNormalizing = /\/\/|\/\.\.?(?:\/|$)/.test(path) || !path.startsWith('/');
  if (!normalize && needsNormalizing) {
    throw unsignable(
      `the path "${path.slice(0, 80)}" has empty, "." or ".." segments and path normalisation is off: @smithy/signature-v4 always normalises paths outside S3. Send the normalised path.`,
      method,
    );
  }
  if (normalize && dotSegmentsLeaveNoSlash(path)) {
    throw unsignable(
      `the path "${path.slice(0, 80)}" ends in a "." or ".." segment, which @smithy/signature-v4 normalises without the trailing "/" AWS keeps. Send the normalised path (a URL parser does this).`,
      method,
    );
  }
}

export interface HeaderRules {
  readonly alwaysSignHeaders?: readonly string[] | undefined;
  readonly neverSignHeaders?: readonly string[] | undefined;
}

/**
 * The headers smithy signs (lower-case names, `host` first): the caller's signable headers,
 * repeated values trimmed one by one and joined with `,` as SigV4 does for repeated header
 * lines.
 *
 * @throws {SigV4Error} `ERR_SIGV4_UNSIGNABLE_REQUEST` for a value that starts or ends with a
 *   control character other than space, tab, CR, LF (`\v`, `\f`): AWS trims it, smithy does not.
 */
export function smithyHeaders(
  host: string,
  input: HeaderInput | undefined,
  rules: HeaderRules,
  method: string,
): Record<string, string> {
  // A plain object (see `smithyQuery`); every name is set once, `__proto__` as an own property.
  const out: Record<string, string> = { host };
  if (input === undefined) return out;
  const always = rules.alwaysSignHeaders?.map((name) => name.toLowerCase());
  const never = rules.neverSignHeaders?.map((name) => name.toLowerCase());
  for (const [name, values] of collectHeaders(input)) {
    if (name === 'host' || never?.includes(name)) continue;
    if (isUnsignableHeader(name) && !always?.includes(name)) continue;
    if (values.some(hasEdgeControl)) {
      throw unsignable(
        `the value of header "${name}" starts or ends with a control character (such as \\v or \\f): AWS trims it and @smithy/signature-v4 does not, so the signatures would differ. Remove it from the value.`,
        method,
      );
    }
    const value = joinHeaderValues(values);
    if (name === '__proto__')
      Object.defineProperty(out, name, {
        value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    else out[name] = value;
  }
  return out;
}
