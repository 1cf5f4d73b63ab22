import { SignatureV4 } from '@smithy/signature-v4';
import { canonicalPath } from './canonical-path.js';
import type { AwsCredentials } from './credentials.js';
import { SigV4Error } from './errors.js';
import type { HashProvider } from './hash/hash-provider.js';
import {
  canonicalHeaderValue,
  collectHeaders,
  type HeaderInput,
  isUnsignableHeader,
} from './headers.js';
import { escapeRfc3986, percentDecode } from './uri-escape.js';

/** A request exactly as it will go on the wire. Nothing here is re-encoded before signing. */
export interface WireRequest {
  /** HTTP method, any case. */
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
   * Send and sign `x-amz-content-sha256` (Lambda function URLs refuse POST/PUT without it).
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
  /** The canonical request that was signed (no secrets: for debugging 403s). */
  readonly canonicalRequest: string;
  /** The string to sign (no secrets). */
  readonly stringToSign: string;
}

export interface PresignedWireRequest {
  /** The full presigned URL. */
  readonly url: string;
  readonly canonicalRequest: string;
  readonly stringToSign: string;
}

const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
export const MAX_PRESIGN_EXPIRY_SECONDS = 604_800;
const UTF8 = new TextEncoder();

/** Captures the canonical request and string to sign that smithy builds. */
class CapturingSignatureV4 extends SignatureV4 {
  canonicalRequest = '';
  stringToSign = '';
  protected override createCanonicalRequest(
    ...args: Parameters<SignatureV4['createCanonicalRequest']>
  ): string {
    this.canonicalRequest = super.createCanonicalRequest(...args);
    return this.canonicalRequest;
  }
  protected override async createStringToSign(
    ...args: Parameters<SignatureV4['createStringToSign']>
  ): Promise<string> {
    this.stringToSign = await super.createStringToSign(...args);
    return this.stringToSign;
  }
}

/** Parses a literal query into decoded names and values, as smithy's canonicaliser takes them. */
function parseQuery(query: string, method: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = Object.create(null);
  if (query === '') return out;
  if (query.includes('+')) {
    throw new SigV4Error(
      'ERR_SIGV4_AMBIGUOUS_QUERY',
      'the query has a raw "+", which some servers read as a space and others as a plus. Rewrite it with toStrictQuery() (a "+" then means a space) or send %2B for a plus.',
      { method },
    );
  }
  for (const pair of query.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const name = percentDecode(eq === -1 ? pair : pair.slice(0, eq));
    const value = eq === -1 ? '' : percentDecode(pair.slice(eq + 1));
    const existing = out[name];
    if (existing === undefined) out[name] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else out[name] = [existing, value];
  }
  return out;
}

function isS3(service: string): boolean {
  return service === 's3' || service.startsWith('s3-');
}

function checkCredentials(credentials: AwsCredentials, signingDate: Date): void {
  if (
    typeof credentials !== 'object' ||
    credentials === null ||
    typeof credentials.accessKeyId !== 'string' ||
    credentials.accessKeyId === '' ||
    typeof credentials.secretAccessKey !== 'string' ||
    credentials.secretAccessKey === ''
  ) {
    throw new SigV4Error(
      'ERR_SIGV4_CREDENTIALS_INVALID',
      'the credentials need a non-empty accessKeyId and secretAccessKey (strings). Check what your credentials option or provider returns.',
    );
  }
  if (
    credentials.expiration !== undefined &&
    credentials.expiration.getTime() <= signingDate.getTime()
  ) {
    throw new SigV4Error(
      'ERR_SIGV4_CREDENTIALS_EXPIRED',
      `the credentials for access key ${redactKeyId(credentials.accessKeyId)} expired at ${credentials.expiration.toISOString()}. Refresh them (pass a provider instead of a value to have them refreshed automatically).`,
    );
  }
}

/** Shows only the start of an access key id: it is not a secret, but there is no need for all of it. */
export function redactKeyId(accessKeyId: string): string {
  return accessKeyId.length > 8
    ? `${accessKeyId.slice(0, 4)}…${accessKeyId.slice(-4)}`
    : accessKeyId;
}

interface Prepared {
  signer: CapturingSignatureV4;
  smithyRequest: {
    method: string;
    protocol: string;
    hostname: string;
    path: string;
    query: Record<string, string | string[]>;
    headers: Record<string, string>;
    body?: Uint8Array | string | undefined;
  };
  signable: Set<string>;
  signingDate: Date;
  credentials: AwsCredentials;
}

function prepare(hash: HashProvider, request: WireRequest, options: WireSignOptions): Prepared {
  const signingDate = options.signingDate ?? new Date();
  checkCredentials(options.credentials, signingDate);
  const s3 = (options.rules ?? (isS3(options.service) ? 's3' : 'standard')) === 's3';
  const path = canonicalPath(request.path, {
    normalize: options.normalizePath ?? !s3,
    encoding: s3 ? 'single' : 'double',
  });
  const query = parseQuery(request.query ?? '', request.method);
  const always = new Set((options.alwaysSignHeaders ?? []).map((name) => name.toLowerCase()));
  const never = new Set((options.neverSignHeaders ?? []).map((name) => name.toLowerCase()));
  const headers: Record<string, string> = { host: request.host };
  const signable = new Set<string>(['host']);
  for (const [name, values] of collectHeaders(request.headers)) {
    if (never.has(name) || (isUnsignableHeader(name) && !always.has(name))) continue;
    if (name === 'host') continue;
    headers[name] = canonicalHeaderValue(values);
    signable.add(name);
  }
  const sessionToken = options.credentials.sessionToken;
  const signToken = options.signSessionToken ?? true;
  const credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string } = {
    accessKeyId: options.credentials.accessKeyId,
    secretAccessKey: options.credentials.secretAccessKey,
    ...(sessionToken && signToken ? { sessionToken } : {}),
  };
  const signer = new CapturingSignatureV4({
    credentials,
    region: options.region,
    service: options.service,
    sha256: hash.Sha256,
    uriEscapePath: false, // the path is already canonical
    applyChecksum: false, // x-amz-content-sha256 is handled here
  });
  return {
    signer,
    smithyRequest: {
      method: request.method.toUpperCase(),
      protocol: request.protocol ?? 'https:',
      hostname: request.host,
      path,
      query,
      headers,
    },
    signable,
    signingDate,
    credentials: options.credentials,
  };
}

async function payloadHashOf(hash: HashProvider, body: WireRequest['body']): Promise<string> {
  if (body === undefined || body === null || body.length === 0) return EMPTY_SHA256;
  return hash.sha256Hex(typeof body === 'string' ? UTF8.encode(body) : body);
}

/**
 * Builds the header-mode and query-mode signing functions on a given hash implementation.
 * Each entry point (Node, portable) calls this once with its own hashing.
 */
export function createWireSigner(hash: HashProvider) {
  /**
   * Signs a request as it will go on the wire (header mode) and returns the headers to add.
   * The canonical path and query are computed from the literal `path` and `query`, so what is
   * signed is what is sent.
   *
   * @throws {SigV4Error} `ERR_SIGV4_CREDENTIALS_INVALID`, `ERR_SIGV4_CREDENTIALS_EXPIRED`,
   *   `ERR_SIGV4_AMBIGUOUS_QUERY`.
   */
  async function signWireRequest(
    request: WireRequest,
    options: WireSignOptions,
  ): Promise<SignedRequestHeaders> {
    const prepared = prepare(hash, request, options);
    const { signer, smithyRequest, signable } = prepared;
    const payloadHash = options.payloadHash ?? (await payloadHashOf(hash, request.body));
    const sendHash = options.contentSha256Header ?? true;
    if (sendHash) {
      smithyRequest.headers['x-amz-content-sha256'] = payloadHash;
      signable.add('x-amz-content-sha256');
    } else if (options.payloadHash === undefined) {
      // smithy reads the payload hash from x-amz-content-sha256, else hashes `body`: give it
      // a body whose hash is the one computed above only when that is what it would compute.
      smithyRequest.body = request.body ?? undefined;
    } else {
      smithyRequest.headers['x-amz-content-sha256'] = payloadHash;
    }
    const signed = await signer.sign(smithyRequest, {
      signingDate: prepared.signingDate,
      signableHeaders: signable,
      unsignableHeaders: sendHash ? new Set() : new Set(['x-amz-content-sha256']),
    });
    const out: Record<string, string> = {};
    const signedHeaders = signed.headers;
    out.authorization = signedHeaders.authorization ?? '';
    out['x-amz-date'] = signedHeaders['x-amz-date'] ?? '';
    const token = prepared.credentials.sessionToken;
    if (token) out['x-amz-security-token'] = token;
    if (sendHash) out['x-amz-content-sha256'] = payloadHash;
    const signedList = /SignedHeaders=([^,]+)/.exec(out.authorization)?.[1] ?? '';
    return {
      headers: out,
      signedHeaders: signedList.split(';'),
      canonicalRequest: signer.canonicalRequest,
      stringToSign: signer.stringToSign,
    };
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
    const expiresIn = options.expiresIn ?? 300;
    if (!Number.isInteger(expiresIn) || expiresIn < 1 || expiresIn > MAX_PRESIGN_EXPIRY_SECONDS) {
      throw new SigV4Error(
        'ERR_SIGV4_PRESIGN_EXPIRY_INVALID',
        `expiresIn must be a whole number of seconds from 1 to ${MAX_PRESIGN_EXPIRY_SECONDS} (7 days), got ${String(expiresIn)}.`,
        { method: request.method },
      );
    }
    const prepared = prepare(hash, request, options);
    const { signer, smithyRequest, signingDate, signable } = prepared;
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
    const s3 = (options.rules ?? (isS3(options.service) ? 's3' : 'standard')) === 's3';
    const payloadHash =
      options.payloadHash ?? (s3 ? 'UNSIGNED-PAYLOAD' : await payloadHashOf(hash, request.body));
    smithyRequest.headers['x-amz-content-sha256'] = payloadHash;
    const presigned = await signer.presign(smithyRequest, {
      signingDate,
      expiresIn,
      signableHeaders: signable,
      unsignableHeaders: new Set(['x-amz-content-sha256']),
      unhoistableHeaders: new Set(Object.keys(smithyRequest.headers)),
    });
    const q = presigned.query as Record<string, string>;
    const token = options.credentials.sessionToken;
    const added: [string, string | undefined][] = [
      ['X-Amz-Algorithm', q['X-Amz-Algorithm']],
      ['X-Amz-Credential', q['X-Amz-Credential']],
      ['X-Amz-Date', q['X-Amz-Date']],
      ['X-Amz-Expires', q['X-Amz-Expires']],
      ['X-Amz-SignedHeaders', q['X-Amz-SignedHeaders']],
      ['X-Amz-Security-Token', token],
      ['X-Amz-Signature', q['X-Amz-Signature']],
    ];
    const tail = added
      .filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== '')
      .map(([name, value]) => `${name}=${escapeRfc3986(value)}`)
      .join('&');
    const query = request.query ? `${request.query}&${tail}` : tail;
    const protocol = request.protocol ?? 'https:';
    return {
      url: `${protocol}//${request.host}${request.path}?${query}`,
      canonicalRequest: signer.canonicalRequest,
      stringToSign: signer.stringToSign,
    };
  }

  return { signWireRequest, presignWireRequest };
}
