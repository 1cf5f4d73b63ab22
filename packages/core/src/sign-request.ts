import { checkCredentials } from './check-credentials.js';
import type { AwsCredentials } from './credentials.js';
import { SigV4Error } from './errors.js';
import type { HashProvider } from './hash/hash-provider.js';
import type { HeaderInput } from './headers.js';
import { type IdentitySigners, SigningRecord } from './smithy-instances.js';
import { checkPath, smithyHeaders, smithyQuery } from './smithy-request.js';

/** A request exactly as it will go on the wire. Nothing here is re-encoded before signing. */
export interface WireRequest {
  /** HTTP method as sent (`GET`, `POST`, `patch`, ...): signed exactly as given. */
  readonly method: string;
  /** `https:` (default), `http:`, `wss:` or `ws:`. Only used to build presigned URLs. */
  readonly protocol?: string | undefined;
  /** The `Host` header as sent: host name, and `:port` when not the scheme's default. */
  readonly host: string;
  /**
   * The literal path of the request line, for example `/prod/my%20item`. With S3's rules it
   * must be in the form S3 computes, each segment decoded and encoded once (`toS3Segment`).
   */
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
   * Canonicalisation rules. `'s3'`: path signed as sent (it must be strict) and not
   * normalised. `'standard'`: path normalised and encoded once more than on the wire.
   * @default 's3' when `service` is `s3` or `s3-*`, otherwise `'standard'`
   */
  readonly rules?: 'standard' | 's3' | undefined;
  /**
   * `false` asks for a path signed without normalisation outside S3, which smithy cannot do:
   * a path that would change is refused (`ERR_SIGV4_UNSIGNABLE_REQUEST`).
   * @default true
   */
  readonly normalizePath?: boolean | undefined;
  /** Hex SHA-256 of the body when already known, or `'UNSIGNED-PAYLOAD'`. Computed otherwise. */
  readonly payloadHash?: string | undefined;
  /**
   * Send and sign `x-amz-content-sha256` (header mode; CloudFront origin access control in
   * front of a Lambda function URL needs it from the caller).
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
   * The canonical request `@smithy/signature-v4` built and signed, for debugging 403s. It is
   * recorded as smithy computes it, so reading it costs nothing and nothing is computed for it
   * when nobody does. It holds the session token in clear (never the secret key): log
   * `redactCanonicalRequest(canonicalRequest)` instead.
   */
  readonly canonicalRequest: string;
  /** The string to sign smithy signed (no secret, no token: it holds a hash of the canonical request). */
  readonly stringToSign: string;
}

export interface PresignedWireRequest {
  /** The full presigned URL. */
  readonly url: string;
  readonly canonicalRequest: string;
  readonly stringToSign: string;
}

export const MAX_PRESIGN_EXPIRY_SECONDS = 604_800;
const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';
export const SHA256_HEADER = 'x-amz-content-sha256';
/** The payload hash is handed to smithy in this header; this set keeps it out of the signature. */
export const PAYLOAD_HASH_ONLY: ReadonlySet<string> = new Set([SHA256_HEADER]);

/** True for the services signed with S3's rules: `s3` and `s3-*` (`s3-object-lambda`, ...). */
export function isS3Service(service: string): boolean {
  return service === 's3' || service.startsWith('s3-');
}

/**
 * Checks a presign expiry and returns it (default 300 s). The error names the method and URL
 * when given (redacted, as every `SigV4Error`).
 */
export function checkExpiresIn(
  expiresIn: number | undefined,
  method?: string,
  url?: string | URL,
): number {
  const value: unknown = expiresIn ?? 300;
  const where = {
    ...(method === undefined ? {} : { method }),
    ...(url === undefined ? {} : { url }),
  };
  if (typeof value !== 'number') {
    const shown = typeof value === 'string' ? `the string ${JSON.stringify(value)}` : typeof value;
    const fix =
      typeof value === 'string' && /^\d+$/.test(value) ? ` Pass expiresIn: ${value}.` : '';
    throw new SigV4Error(
      'ERR_SIGV4_PRESIGN_EXPIRY_INVALID',
      `expiresIn must be a number of seconds (a whole number from 1 to ${MAX_PRESIGN_EXPIRY_SECONDS}), got ${shown}.${fix}`,
      where,
    );
  }
  if (!Number.isInteger(value) || value < 1 || value > MAX_PRESIGN_EXPIRY_SECONDS) {
    throw new SigV4Error(
      'ERR_SIGV4_PRESIGN_EXPIRY_INVALID',
      `expiresIn must be a whole number of seconds from 1 to ${MAX_PRESIGN_EXPIRY_SECONDS} (7 days), got ${String(value)}.`,
      where,
    );
  }
  return value;
}

/** What signing on the wire needs of an entry point: its hash and its smithy instances. */
export interface WireDeps {
  readonly hash: HashProvider;
  /** smithy's instances for one credentials identity. */
  readonly identitySigners: (credentials: AwsCredentials) => IdentitySigners;
}

/** The instances to sign with: the caller's (one per credentials identity), or new ones. */
export function instancesFor(
  deps: WireDeps,
  options: WireSignOptions,
  given: IdentitySigners | undefined,
): IdentitySigners {
  const { credentials } = options;
  const withToken = options.signSessionToken ?? true;
  if (given !== undefined && withToken && given.signsFor(credentials)) return given;
  return deps.identitySigners(
    withToken
      ? credentials
      : { accessKeyId: credentials.accessKeyId, secretAccessKey: credentials.secretAccessKey },
  );
}

/** Hex SHA-256 of a body (the empty body's is a constant). */
export function payloadHashOf(deps: WireDeps, body: WireRequest['body']): string | Promise<string> {
  if (body === undefined || body === null || body.length === 0) return EMPTY_SHA256;
  return deps.hash.payloadSha256Hex(body);
}

/** What `checkCredentials` accepted of a credentials object, to know it unchanged. */
interface CheckedCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string | undefined;
  /** `expiration` in ms, `Infinity` when none. */
  readonly expiresAt: number;
}

/** Credentials objects that passed `checkCredentials`, with what was checked of them. */
const checked = new WeakMap<AwsCredentials, CheckedCredentials>();

/**
 * `checkCredentials`, without scanning the same strings again: a credentials object that
 * passed and still holds the same values, unexpired at `now`, is not checked again (the same
 * object is signed with request after request). Anything else is checked in full.
 */
function checkCredentialsOnce(credentials: AwsCredentials, now: number): void {
  const seen =
    typeof credentials === 'object' && credentials !== null ? checked.get(credentials) : undefined;
  if (
    seen !== undefined &&
    now < seen.expiresAt &&
    credentials.accessKeyId === seen.accessKeyId &&
    credentials.secretAccessKey === seen.secretAccessKey &&
    credentials.sessionToken === seen.sessionToken &&
    expiryOf(credentials) === seen.expiresAt
  )
    return;
  checkCredentials(credentials, now);
  checked.set(credentials, {
    accessKeyId: credentials.accessKeyId,
    secretAccessKey: credentials.secretAccessKey,
    sessionToken: credentials.sessionToken,
    expiresAt: expiryOf(credentials),
  });
}

/** `expiration` in ms: `Infinity` when none, `NaN` when not a `Date` (never equal). */
function expiryOf(credentials: AwsCredentials): number {
  const { expiration } = credentials;
  if (expiration === undefined) return Number.POSITIVE_INFINITY;
  return expiration instanceof Date ? expiration.getTime() : Number.NaN;
}

/** The checks and shapes both modes share. */
export function prepare(
  request: WireRequest,
  options: WireSignOptions,
  mode: 'header' | 'presign',
) {
  const signingDate = options.signingDate ?? new Date();
  checkCredentialsOnce(options.credentials, signingDate.getTime());
  const s3 = (options.rules ?? (isS3Service(options.service) ? 's3' : 'standard')) === 's3';
  const path = request.path === '' ? '/' : request.path;
  checkPath(path, s3, options.normalizePath ?? !s3, request.method);
  return {
    signingDate,
    s3,
    path,
    query: smithyQuery(request.query ?? '', request.method, mode),
    headers: smithyHeaders(request.host, request.headers, options, request.method),
    signableHeaders:
      options.alwaysSignHeaders && options.alwaysSignHeaders.length > 0
        ? new Set(options.alwaysSignHeaders.map((name) => name.toLowerCase()))
        : undefined,
  };
}

/** A request in the wire form `prepare` decided. */
export type PreparedRequest = ReturnType<typeof prepare>;

/** The request smithy signs: the wire form decided by `prepare`, the body only recorded. */
export function toSmithyRequest(request: WireRequest, p: PreparedRequest, body: SigningRecord) {
  return {
    method: request.method,
    protocol: request.protocol ?? 'https:',
    hostname: request.host,
    path: p.path,
    query: p.query,
    headers: p.headers,
    body,
  };
}

/**
 * Signs a request as it will go on the wire (header mode) with smithy's `SignatureV4.sign`,
 * and returns the headers to add. Pass `signers` (one per credentials identity) to reuse
 * smithy instances across requests.
 *
 * @throws {SigV4Error} `ERR_SIGV4_CREDENTIALS_INVALID`, `ERR_SIGV4_CREDENTIALS_EXPIRED`,
 *   `ERR_SIGV4_AMBIGUOUS_QUERY`, `ERR_SIGV4_UNSIGNABLE_REQUEST` (what smithy cannot express).
 */
export function signWireRequest(
  deps: WireDeps,
  request: WireRequest,
  options: WireSignOptions,
  signers?: IdentitySigners,
): Promise<SignedRequestHeaders> {
  return signWireRequestAs(deps, request, options, signers, asIs, rethrow);
}

const asIs = (signed: SignedRequestHeaders): SignedRequestHeaders => signed;
const rethrow = (error: unknown): never => {
  throw error;
};

/**
 * `signWireRequest`, its result shaped by `finish` and its errors by `fail` in the same step
 * as smithy's answer is mapped: a caller that adds to the result (`Signer.sign`: the URL and
 * the scope) adds no promise of its own.
 */
export function signWireRequestAs<T>(
  deps: WireDeps,
  request: WireRequest,
  options: WireSignOptions,
  signers: IdentitySigners | undefined,
  finish: (signed: SignedRequestHeaders) => T,
  fail: (error: unknown) => never,
): Promise<T> {
  // Not `async`, and no `await` when the payload hash is at hand (always in Node; WebCrypto
  // hashes large bodies elsewhere): one promise, smithy's own, mapped once. Every error still rejects.
  try {
    const p = prepare(request, options, 'header');
    const hashed = options.payloadHash ?? payloadHashOf(deps, request.body);
    const instances = instancesFor(deps, options, signers);
    if (typeof hashed === 'string')
      return signPrepared(request, options, p, hashed, instances, finish, fail);
    return hashed.then(
      (payloadHash) => signPrepared(request, options, p, payloadHash, instances, finish, fail),
      fail,
    );
  } catch (error) {
    try {
      fail(error);
    } catch (failed) {
      return Promise.reject(failed);
    }
  }
}

/**
 * The `SignedHeaders=` list of smithy's `Authorization` value (`a;b;c`), up to the `,` that
 * ends it (header names are tokens: no `,`, no space). An `indexOf` costs a fraction of a
 * regular expression on smithy's concatenated string.
 */
function signedHeaderList(authorization: string): string {
  const at = authorization.indexOf('SignedHeaders=');
  if (at === -1) return '';
  const from = at + 'SignedHeaders='.length;
  const end = authorization.indexOf(',', from);
  return authorization.slice(from, end === -1 ? authorization.length : end);
}

/** The last `SignedHeaders=` list split, and its names: a signer signs the same list again and again. */
let lastSigned: { list: string; names: readonly string[] } = { list: '', names: [''] };

/** The names of a `SignedHeaders=` list, split once per distinct list; a fresh array each call. */
function signedHeaderNames(authorization: string): string[] {
  const list = signedHeaderList(authorization);
  if (list !== lastSigned.list) lastSigned = { list, names: list.split(';') };
  return lastSigned.names.slice();
}

/** Header-mode signing once the payload hash and smithy's instances are known. */
function signPrepared<T>(
  request: WireRequest,
  options: WireSignOptions,
  p: PreparedRequest,
  payloadHash: string,
  instances: IdentitySigners,
  finish: (signed: SignedRequestHeaders) => T,
  fail: (error: unknown) => never,
): Promise<T> {
  p.headers[SHA256_HEADER] = payloadHash;
  const withHashHeader = options.contentSha256Header ?? true;
  const smithy = instances.get(p.s3);
  const record = new SigningRecord();
  return smithy
    .sign(toSmithyRequest(request, p, record), {
      signingDate: p.signingDate,
      signingRegion: options.region,
      signingService: options.service,
      ...(withHashHeader ? {} : { unsignableHeaders: PAYLOAD_HASH_ONLY as Set<string> }),
      ...(p.signableHeaders ? { signableHeaders: p.signableHeaders } : {}),
    })
    .then((signed) => {
      const authorization = signed.headers.authorization ?? '';
      const headers: Record<string, string> = {
        authorization,
        'x-amz-date': signed.headers['x-amz-date'] ?? '',
      };
      const token = options.credentials.sessionToken;
      if (token) headers['x-amz-security-token'] = token;
      if (withHashHeader) headers[SHA256_HEADER] = payloadHash;
      return finish({
        headers,
        signedHeaders: signedHeaderNames(authorization),
        canonicalRequest: record.canonicalRequest,
        stringToSign: record.stringToSign,
      });
    }, fail);
}
