import { canonicalPath } from './canonical-path.js';
import { type CanonicalPair, canonicalQueryPairs, joinCanonicalQuery } from './canonical-query.js';
import { checkCredentials } from './check-credentials.js';
import type { AwsCredentials } from './credentials.js';
import { SigV4Error } from './errors.js';
import type { HashProvider } from './hash/hash-provider.js';
import {
  canonicalHeaderValue,
  collectHeaders,
  type HeaderInput,
  isUnsignableHeader,
} from './headers.js';
import { SigningKeyCache } from './signing-key-cache.js';
import type { SmithySigningLoader } from './smithy-signing.js';
import { escapeRfc3986 } from './uri-escape.js';

/** A request exactly as it will go on the wire. Nothing here is re-encoded before signing. */
export interface WireRequest {
  /** HTTP method as sent (`GET`, `POST`, ...). */
  readonly method: string;
  /** `https:` (default), `http:`, `wss:` or `ws:`. Only used to build presigned URLs. */
  readonly protocol?: string | undefined;
  /** The `Host` header as sent: host name, and `:port` when not the scheme's default. */
  readonly host: string;
  /** The literal path of the request line, for example `/prod/my%20item`. */
  readonly path: string;
  /** The literal query, without `?`, in strict RFC 3986 form (see `toStrictQuery`). */
  readonly query?: string | undefined;
  /** Headers that will be sent. Which of them are signed is decided by the rules in the options. */
  readonly headers?: HeaderInput | undefined;
  /** The exact body bytes (a string is sent as UTF-8). */
  readonly body?: Uint8Array | string | null | undefined;
}

/** How to sign a `WireRequest`. */
export interface WireSignOptions {
  /** Resolved credentials. Expired credentials are refused. */
  readonly credentials: AwsCredentials;
  /** Signing service name (`execute-api`, `lambda`, ...). */
  readonly service: string;
  /** Region (`us-east-1`, ...). */
  readonly region: string;
  /** @default new Date() */
  readonly signingDate?: Date | undefined;
  /**
   * Canonicalisation rules. `'s3'`: path encoded once and not normalised. `'standard'`: path
   * normalised and encoded once more than on the wire.
   * @default 's3' when `service` is `s3` or `s3-*`, otherwise `'standard'`
   */
  readonly rules?: 'standard' | 's3' | undefined;
  /** Override path normalisation independently of `rules`. */
  readonly normalizePath?: boolean | undefined;
  /** Hex SHA-256 of the body when already known, or `'UNSIGNED-PAYLOAD'`. Computed otherwise. */
  readonly payloadHash?: string | undefined;
  /**
   * Send and sign `x-amz-content-sha256` (header mode; Lambda function URLs refuse POST/PUT
   * without it).
   * @default true
   */
  readonly contentSha256Header?: boolean | undefined;
  /**
   * Sign `x-amz-security-token`. A few services want it added after signing instead.
   * @default true
   */
  readonly signSessionToken?: boolean | undefined;
  /** Header names (any case) to sign although the default rules leave them out (e.g. `content-length`). */
  readonly alwaysSignHeaders?: readonly string[] | undefined;
  /** Header names (any case) never to sign. */
  readonly neverSignHeaders?: readonly string[] | undefined;
}

export interface PresignWireOptions extends WireSignOptions {
  /** Seconds the URL stays valid, 1..604800. @default 300 */
  readonly expiresIn?: number | undefined;
}

/** What header-mode signing adds to a request. */
export interface SignedRequestHeaders {
  /** Headers to add to the request as it is sent: `authorization`, `x-amz-date`, and the rest. */
  readonly headers: Readonly<Record<string, string>>;
  /** The names of the signed headers, sorted, as in `SignedHeaders=`. */
  readonly signedHeaders: readonly string[];
  /**
   * The canonical request that was signed, for debugging 403s. It holds the session token in
   * clear (never the secret key): log `redactCanonicalRequest(canonicalRequest)` instead.
   */
  readonly canonicalRequest: string;
  /** The string to sign (no secret, no token: it holds a hash of the canonical request). */
  readonly stringToSign: string;
}

export interface PresignedWireRequest {
  /** The full presigned URL. */
  readonly url: string;
  readonly canonicalRequest: string;
  readonly stringToSign: string;
}

/** The headers a SigV4 signature adds; a re-sign removes them first. */
export const SIGV4_HEADERS = [
  'authorization',
  'x-amz-date',
  'x-amz-security-token',
  'x-amz-content-sha256',
] as const;

export const MAX_PRESIGN_EXPIRY_SECONDS = 604_800;
const ALGORITHM = 'AWS4-HMAC-SHA256';
const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';

function isS3(service: string): boolean {
  return service === 's3' || service.startsWith('s3-');
}

let lastSecond = Number.NaN;
let lastDates = { longDate: '', shortDate: '' };

/** `20150830T123600Z` and `20150830` for a date (remembered for the current second). */
function amzDates(date: Date): { longDate: string; shortDate: string } {
  const second = Math.floor(date.getTime() / 1000);
  if (second === lastSecond) return lastDates;
  const iso = date.toISOString(); // 2015-08-30T12:36:00.000Z
  const shortDate = `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}`;
  lastDates = {
    shortDate,
    longDate: `${shortDate}T${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`,
  };
  lastSecond = second;
  return lastDates;
}

/** The canonical headers block and the `SignedHeaders` list, from name -> canonical value. */
function canonicalHeaders(headers: Map<string, string>): { block: string; list: string } {
  const names = [...headers.keys()].sort();
  let block = '';
  for (const name of names) block += `${name}:${headers.get(name)}\n`;
  return { block, list: names.join(';') };
}

/**
 * Builds the header-mode and query-mode signing functions on a given hash implementation and
 * smithy loader. Each entry point (Node, portable) calls this once with its own.
 */
export function createWireSigner(hash: HashProvider, smithy: SmithySigningLoader) {
  const keys = new SigningKeyCache(hash, smithy);

  /** Everything both modes share: dates, scope, canonical path and query, signable headers. */
  function prepare(request: WireRequest, options: WireSignOptions) {
    const signingDate = options.signingDate ?? new Date();
    checkCredentials(options.credentials, signingDate.getTime());
    const s3 = (options.rules ?? (isS3(options.service) ? 's3' : 'standard')) === 's3';
    const { longDate, shortDate } = amzDates(signingDate);
    const path = canonicalPath(request.path, {
      normalize: options.normalizePath ?? !s3,
      encoding: s3 ? 'single' : 'double',
    });
    const pairs = canonicalQueryPairs(request.query ?? '', request.method);
    const headers = new Map<string, string>([['host', request.host]]);
    const always = options.alwaysSignHeaders;
    const never = options.neverSignHeaders;
    const given = request.headers === undefined ? undefined : collectHeaders(request.headers);
    for (const [name, values] of given ?? []) {
      if (name === 'host') continue;
      if (never?.some((n) => n.toLowerCase() === name)) continue;
      if (isUnsignableHeader(name) && !always?.some((n) => n.toLowerCase() === name)) continue;
      headers.set(name, canonicalHeaderValue(values));
    }
    const scope = `${shortDate}/${options.region}/${options.service}/aws4_request`;
    return { signingDate, s3, longDate, shortDate, path, pairs, headers, scope };
  }

  function payloadHashOf(body: WireRequest['body']): string | Promise<string> {
    if (body === undefined || body === null || body.length === 0) return EMPTY_SHA256;
    return hash.payloadSha256Hex(body);
  }

  /**
   * The string to sign and its signature. Synchronous once the day's signing key is cached,
   * which is every request but the first of the day for a scope.
   */
  function signature<T>(
    options: WireSignOptions,
    shortDate: string,
    longDate: string,
    scope: string,
    canonicalRequest: string,
    finish: (stringToSign: string, signature: string) => T,
  ): Promise<T> {
    const stringToSign = `${ALGORITHM}\n${longDate}\n${scope}\n${hash.sha256Hex(canonicalRequest)}`;
    const key = keys.get(options.credentials, shortDate, options.region, options.service);
    if (key instanceof Uint8Array)
      return Promise.resolve(finish(stringToSign, hash.hmacHex(key, stringToSign)));
    return key.then((k) => finish(stringToSign, hash.hmacHex(k, stringToSign)));
  }

  /**
   * Signs a request as it will go on the wire (header mode) and returns the headers to add.
   * The canonical path and query are computed from the literal `path` and `query`, so what is
   * signed is what is sent.
   *
   * @throws {SigV4Error} `ERR_SIGV4_CREDENTIALS_INVALID`, `ERR_SIGV4_CREDENTIALS_EXPIRED`,
   *   `ERR_SIGV4_AMBIGUOUS_QUERY`.
   */
  function signWireRequest(
    request: WireRequest,
    options: WireSignOptions,
  ): Promise<SignedRequestHeaders> {
    try {
      return signHeaders(request, options);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  function signHeaders(
    request: WireRequest,
    options: WireSignOptions,
  ): Promise<SignedRequestHeaders> {
    const p = prepare(request, options);
    const hashed = options.payloadHash ?? payloadHashOf(request.body);
    if (typeof hashed !== 'string') {
      return hashed.then((payloadHash) => signPrepared(request, options, p, payloadHash));
    }
    return signPrepared(request, options, p, hashed);
  }

  function signPrepared(
    request: WireRequest,
    options: WireSignOptions,
    p: ReturnType<typeof prepare>,
    payloadHash: string,
  ): Promise<SignedRequestHeaders> {
    const token = options.credentials.sessionToken;
    const added: Record<string, string> = { 'x-amz-date': p.longDate };
    p.headers.set('x-amz-date', p.longDate);
    if (token) {
      added['x-amz-security-token'] = token;
      if (options.signSessionToken ?? true) p.headers.set('x-amz-security-token', token);
    }
    if (options.contentSha256Header ?? true) {
      added['x-amz-content-sha256'] = payloadHash;
      p.headers.set('x-amz-content-sha256', payloadHash);
    }
    const { block, list } = canonicalHeaders(p.headers);
    const canonicalRequest = `${request.method}\n${p.path}\n${joinCanonicalQuery(p.pairs)}\n${block}\n${list}\n${payloadHash}`;
    return signature(
      options,
      p.shortDate,
      p.longDate,
      p.scope,
      canonicalRequest,
      (stringToSign, sig) => ({
        headers: {
          authorization: `${ALGORITHM} Credential=${options.credentials.accessKeyId}/${p.scope}, SignedHeaders=${list}, Signature=${sig}`,
          ...added,
        },
        signedHeaders: list.split(';'),
        canonicalRequest,
        stringToSign,
      }),
    );
  }

  /**
   * Presigns a request (query mode): `host` and the request's signable headers (none, for a
   * URL a browser will simply fetch) are signed, the `X-Amz-*` parameters are appended to the
   * literal query, and the full URL is returned.
   *
   * @throws {SigV4Error} `ERR_SIGV4_PRESIGN_EXPIRY_INVALID`, `ERR_SIGV4_CREDENTIALS_EXPIRED`
   *   (also when the credentials expire before the URL would), and the errors of signing.
   */
  async function presignWireRequest(
    request: WireRequest,
    options: PresignWireOptions,
  ): Promise<PresignedWireRequest> {
    const expiresIn = checkExpiresIn(options.expiresIn, request.method);
    const p = prepare(request, options);
    const signingDate = p.signingDate;
    const expiration = options.credentials.expiration;
    if (
      expiration !== undefined &&
      expiration.getTime() < signingDate.getTime() + expiresIn * 1000
    ) {
      throw new SigV4Error(
        'ERR_SIGV4_CREDENTIALS_EXPIRED',
        `the credentials expire at ${expiration.toISOString()}, before the presigned URL would (${expiresIn} s from ${signingDate.toISOString()}); AWS refuses a presigned URL once its credentials expire. Use a shorter expiresIn or longer-lived credentials.`,
        { method: request.method },
      );
    }
    const payloadHash =
      options.payloadHash ?? (p.s3 ? UNSIGNED_PAYLOAD : await payloadHashOf(request.body));
    const { block, list } = canonicalHeaders(p.headers);
    const token = options.credentials.sessionToken;
    const signToken = token !== undefined && token !== '' && (options.signSessionToken ?? true);
    const params: CanonicalPair[] = [
      ['X-Amz-Algorithm', ALGORITHM],
      ['X-Amz-Credential', escapeRfc3986(`${options.credentials.accessKeyId}/${p.scope}`)],
      ['X-Amz-Date', p.longDate],
      ['X-Amz-Expires', String(expiresIn)],
      ...(signToken ? [['X-Amz-Security-Token', escapeRfc3986(token)] as const] : []),
      ['X-Amz-SignedHeaders', escapeRfc3986(list)],
    ];
    const canonicalQuery = joinCanonicalQuery([...p.pairs, ...params]);
    const canonicalRequest = `${request.method}\n${p.path}\n${canonicalQuery}\n${block}\n${list}\n${payloadHash}`;
    return signature(
      options,
      p.shortDate,
      p.longDate,
      p.scope,
      canonicalRequest,
      (stringToSign, sig) => {
        const tail = [
          ...params.map(([name, value]) => `${name}=${value}`),
          ...(token && !signToken ? [`X-Amz-Security-Token=${escapeRfc3986(token)}`] : []),
          `X-Amz-Signature=${sig}`,
        ].join('&');
        const query = request.query ? `${request.query}&${tail}` : tail;
        return {
          url: `${request.protocol ?? 'https:'}//${request.host}${request.path}?${query}`,
          canonicalRequest,
          stringToSign,
        };
      },
    );
  }

  return { signWireRequest, presignWireRequest };
}

/** Checks a presign expiry and returns it (default 300 s). */
export function checkExpiresIn(expiresIn: number | undefined, method?: string): number {
  const value = expiresIn ?? 300;
  if (!Number.isInteger(value) || value < 1 || value > MAX_PRESIGN_EXPIRY_SECONDS) {
    throw new SigV4Error(
      'ERR_SIGV4_PRESIGN_EXPIRY_INVALID',
      `expiresIn must be a whole number of seconds from 1 to ${MAX_PRESIGN_EXPIRY_SECONDS} (7 days), got ${String(value)}.`,
      method === undefined ? {} : { method },
    );
  }
  return value;
}
