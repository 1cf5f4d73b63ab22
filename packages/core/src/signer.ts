import { checkSignerOptions } from './check-signer-options.js';
import type { AwsCredentials, CredentialsInput, CredentialsProvider } from './credentials.js';
import { type CredentialsCache, createCredentialsCache } from './credentials-cache.js';
import { SigV4Error, withRequestContext } from './errors.js';
import type { HeaderInput } from './headers.js';
import { normalizeMethod } from './method.js';
import { resolveSigningScope, type SigningScope } from './resolve-signing-scope.js';
import type {
  createWireSigner,
  PresignedWireRequest,
  SignedRequestHeaders,
} from './sign-request.js';
import { checkExpiresIn, isS3Service } from './sign-request.js';
import type { IdentitySigners } from './smithy-instances.js';
import { encodeQueryObject, type QueryParams, toStrictQuery } from './strict-query.js';
import { toS3Segment } from './uri-escape.js';

/**
 * Options of `createSigner`, and the signing half of every adapter's options (`SigningOptions`
 * extends it). Every option is optional.
 */
export interface SignerOptions {
  /**
   * Credentials: a value, or a (possibly async) provider such as the AWS SDK's `fromIni()`.
   * Cached until 5 minutes before they expire (credentials that arrive with less left are used
   * until 15 s before), one provider call in flight at a time.
   * @default the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN), then
   *   in Node the AWS SDK default chain, loaded only when needed
   * @example { credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' } }
   */
  credentials?: CredentialsInput | undefined;
  /**
   * Signing service name. Inferred from the host (`execute-api`, `lambda`, ...) when absent.
   * @default inferred from the host
   * @example { service: 'execute-api' } // a custom domain in front of API Gateway
   */
  service?: string | undefined;
  /**
   * Region. Inferred from the host when absent, then from AWS_REGION / AWS_DEFAULT_REGION.
   * Never silently us-east-1.
   * @default inferred from the host
   * @example { region: 'eu-west-1' }
   */
  region?: string | undefined;
  /**
   * The clock used for `x-amz-date`. Tests pass a fixed date.
   * @default () => new Date()
   * @example { clock: () => new Date('2024-01-01T00:00:00Z') }
   */
  clock?: (() => Date) | undefined;
  /**
   * Send `x-amz-content-sha256` (the body's hex SHA-256) and sign it. Harmless for a direct
   * call; needed where the request reaches a Lambda function URL through CloudFront origin
   * access control, which signs `UNSIGNED-PAYLOAD` (refused for POST/PUT) when the viewer sent
   * no hash (docs/AWS-BEHAVIOUR.md).
   * @default true
   * @example { contentSha256Header: false }
   */
  contentSha256Header?: boolean | undefined;
  /**
   * Header names to sign although they are left unsigned by default.
   * @default []
   * @example { alwaysSignHeaders: ['content-length'] }
   */
  alwaysSignHeaders?: readonly string[] | undefined;
  /**
   * Header names never to sign (a proxy on the way rewrites them, for example).
   * @default []
   * @example { neverSignHeaders: ['x-request-id'] }
   */
  neverSignHeaders?: readonly string[] | undefined;
}

/** One request's own service and region, winning over the signer's options and the host. */
export interface ScopeChoice {
  readonly service?: string | undefined;
  readonly region?: string | undefined;
}

/** A request to sign: its method, absolute URL, headers and exact body bytes. */
export interface SignableRequest {
  /**
   * The method, signed as fetch sends it: `DELETE`, `GET`, `HEAD`, `OPTIONS`, `POST` and `PUT`
   * are upper-cased whatever their case, any other method is signed exactly as given (`patch`
   * stays `patch`). A client that upper-cases every method (axios does) passes it upper-cased.
   * @example 'POST'
   */
  readonly method: string;
  /** The absolute URL (http, https, ws, wss). Send the `url` of the result, not this one. */
  readonly url: string | URL;
  readonly headers?: HeaderInput | undefined;
  readonly body?: Uint8Array | string | null | undefined;
  /** Hex SHA-256 of `body` when the caller already has it (saves hashing twice). */
  readonly payloadHash?: string | undefined;
  /**
   * The `Host` header as it will be sent, when the client sends one that differs from the
   * URL's host (axios's Node adapter honours a `Host` header, fetch does not): it is signed, and
   * the service and region are inferred from it.
   * @default the URL's host
   * @example { url: 'https://vpce-0123-abcd.execute-api.us-east-1.vpce.amazonaws.com/prod/', host: 'abc123.execute-api.us-east-1.amazonaws.com' }
   */
  readonly host?: string | undefined;
  /**
   * The time to sign with (`x-amz-date`), instead of the signer's clock and its
   * `adjustClock` offset: for a transport that keeps a clock-skew offset per origin.
   * @default the signer's `clock()` plus its `clockOffsetMs`
   * @example { signingDate: new Date(Date.now() + skewOfThisOrigin) }
   */
  readonly signingDate?: Date | undefined;
  /**
   * The signing service for this request only (smithy's `signingService`): wins over the
   * signer's `service` option and the host.
   * @default the signer's `service`, else inferred from the host
   * @example { service: 'lambda' }
   */
  readonly service?: string | undefined;
  /**
   * The region for this request only (smithy's `signingRegion`): wins over the signer's
   * `region` option and the host.
   * @default the signer's `region`, else inferred from the host
   * @example { region: 'us-east-1' }
   */
  readonly region?: string | undefined;
}

/**
 * The result of signing: the URL to send (query in strict RFC 3986 form) and the headers to
 * add. `canonicalRequest` and `stringToSign` are what smithy built and signed, recorded as it
 * went: reading them costs nothing, and nothing is computed for them when nobody does.
 */
export interface SignedRequest extends SignedRequestHeaders {
  /**
   * Send exactly this URL. Its query may differ from the input (`+` → `%20`, `*` → `%2A`), and
   * for S3 its path too (`(1)` → `%281%29`), without changing what they mean to the server.
   */
  readonly url: string;
  readonly scope: SigningScope;
}

export interface PresignOptions {
  /** Seconds the URL stays valid, 1..604800 (7 days). @default 300 */
  expiresIn?: number | undefined;
  /**
   * Query parameters to add, signed with the URL. Arrays repeat the name.
   * @example { query: { user: 'Bjarne Stroustrup' } }
   */
  query?: QueryParams | undefined;
  /** The method the URL will be used with (normalised as in `sign`). @default 'GET' */
  method?: string | undefined;
  /**
   * The time to sign with (`X-Amz-Date`), instead of the signer's clock and offset.
   * @default the signer's `clock()` plus its `clockOffsetMs`
   * @example { signingDate: new Date('2026-01-01T00:00:00Z') }
   */
  signingDate?: Date | undefined;
  /**
   * Headers the URL's user will send, signed with the URL (listed in `X-Amz-SignedHeaders`,
   * chosen by the same rules as `sign()`); they stay headers, the URL does not carry them, and
   * a request without them (or with other values) is refused.
   * @default none: only `host` is signed
   * @example { headers: { 'content-type': 'application/json' } }
   */
  headers?: HeaderInput | undefined;
  /**
   * Hex SHA-256 of the body the URL will be used with, or `'UNSIGNED-PAYLOAD'`: a request with
   * another body is refused. Takes precedence over `body`.
   * @default the hash of `body`; S3: `'UNSIGNED-PAYLOAD'`
   * @example { method: 'PUT', payloadHash: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' }
   */
  payloadHash?: string | undefined;
  /**
   * The body the URL will be used with, hashed into the signature (outside S3).
   * @default no body (the empty body's hash)
   * @example { method: 'POST', body: '{"name":"Ada"}' }
   */
  body?: Uint8Array | string | undefined;
  /**
   * The signing service for this URL only: wins over the signer's `service` and the host.
   * @default the signer's `service`, else inferred from the host
   * @example { service: 'lambda' }
   */
  service?: string | undefined;
  /**
   * The region for this URL only: wins over the signer's `region` and the host.
   * @default the signer's `region`, else inferred from the host
   * @example { region: 'us-east-1' }
   */
  region?: string | undefined;
}

/** Signs requests and presigns URLs with one set of options and one credentials cache. */
export interface Signer {
  /** Signs a request (header mode). Resolves credentials and the scope as needed. */
  sign(request: SignableRequest): Promise<SignedRequest>;
  /** Returns a presigned URL for `url` (query mode; `host` and the `headers` option signed). */
  presign(url: string | URL, options?: PresignOptions): Promise<string>;
  /**
   * The service and region for a URL: `overrides` (one request's), then the signer's options,
   * then the host; throws when unknown.
   */
  scopeFor(url: string | URL, overrides?: ScopeChoice): SigningScope;
  /** The credentials the next request will be signed with. */
  credentials(): Promise<AwsCredentials>;
  /**
   * Corrects the signing clock from a server's `Date` (after a "Signature expired" 403):
   * later signatures use the server's time. Returns the offset in milliseconds.
   */
  adjustClock(serverDate: Date): number;
  /** The current clock offset in milliseconds (0 until `adjustClock`). */
  readonly clockOffsetMs: number;
}

type WireSigner = ReturnType<typeof createWireSigner>;

const SIGNABLE_PROTOCOLS = new Set(['https:', 'http:', 'wss:', 'ws:']);

/** Parses and checks an absolute URL; the error says how to fix it. */
export function parseRequestUrl(url: string | URL, method?: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(typeof url === 'string' ? url : url.href);
  } catch (cause) {
    throw new SigV4Error(
      'ERR_SIGV4_INVALID_URL',
      `"${String(url).slice(0, 200)}" is not an absolute URL. Pass a full URL such as https://abc123.execute-api.eu-west-1.amazonaws.com/prod/items.`,
      { cause, ...(method ? { method } : {}) },
    );
  }
  if (!SIGNABLE_PROTOCOLS.has(parsed.protocol)) {
    throw new SigV4Error(
      'ERR_SIGV4_INVALID_URL',
      `cannot sign a ${parsed.protocol} URL: only https:, http:, wss: and ws: URLs can be signed.`,
      { ...(method ? { method } : {}) },
    );
  }
  if (parsed.username !== '' || parsed.password !== '') {
    throw new SigV4Error(
      'ERR_SIGV4_INVALID_URL',
      'the URL has user info (user:password@); remove it, SigV4 carries the credentials.',
      {
        ...(method ? { method } : {}),
      },
    );
  }
  return parsed;
}

/**
 * The wire form of a URL as fetch, undici, browsers and Node's http send it: the WHATWG path,
 * and the query rewritten into strict RFC 3986 form (see `toStrictQuery`).
 */
export function toWireUrl(
  url: string | URL,
  method?: string,
): { url: URL; href: string; host: string; path: string; query: string } {
  const parsed = parseRequestUrl(url, method);
  const search = parsed.search;
  const query = search === '' ? '' : toStrictQuery(search);
  if (query !== search.slice(1)) parsed.search = query === '' ? '' : `?${query}`;
  if (parsed.hash !== '') parsed.hash = '';
  return { url: parsed, href: parsed.href, host: parsed.host, path: parsed.pathname, query };
}

/** The path as sent to an S3-rules service: each segment as S3 computes it (`%41` is `A`). */
function toS3WirePath(path: string): string {
  return path.split('/').map(toS3Segment).join('/');
}

/** Builds `createSigner` on a wire signer and a default credentials provider (per entry point). */
export function makeCreateSigner(wire: WireSigner, defaultCredentials: CredentialsProvider) {
  return function createSigner(options: SignerOptions = {}): Signer {
    checkSignerOptions(options, 'createSigner');
    const clock = options.clock ?? (() => new Date());
    let offset = 0;
    const now = (): Date => new Date(clock().getTime() + offset);
    const cache: CredentialsCache = createCredentialsCache(
      options.credentials ?? defaultCredentials,
      { clock: now },
    );
    const scopes = new Map<string, SigningScope>();
    // smithy's SignatureV4 instances for the current credentials; rebuilt when they change.
    let identity: IdentitySigners | undefined;

    const scopeFor = (url: string | URL, overrides?: ScopeChoice): SigningScope => {
      if (overrides?.service !== undefined || overrides?.region !== undefined)
        return resolveSigningScope(typeof url === 'string' ? url : url.href, {
          service: overrides.service ?? options.service,
          region: overrides.region ?? options.region,
        });
      const host = typeof url === 'string' ? parseRequestUrl(url).host : url.host;
      let scope = scopes.get(host);
      if (scope === undefined) {
        scope = resolveSigningScope(typeof url === 'string' ? url : url.href, {
          service: options.service,
          region: options.region,
        });
        if (scopes.size > 256) scopes.clear();
        scopes.set(host, scope);
      }
      return scope;
    };

    /** Credentials, smithy instances and date: synchronous once credentials are cached. */
    const signing = (
      signingDate: Date | undefined,
    ):
      | { credentials: AwsCredentials; signers: IdentitySigners; date: Date }
      | Promise<{ credentials: AwsCredentials; signers: IdentitySigners; date: Date }> => {
      const fresh = cache.peek();
      if (fresh !== undefined && identity?.signsFor(fresh))
        return { credentials: fresh, signers: identity, date: signingDate ?? now() };
      return (async () => {
        const credentials = fresh ?? (await cache.get());
        let signers = identity;
        if (signers === undefined || !signers.signsFor(credentials)) {
          signers = await wire.identitySigners(credentials);
          identity = signers;
        }
        return { credentials, signers, date: signingDate ?? now() };
      })();
    };

    return {
      // Not `async`: with credentials at hand, the one promise is signWireRequest's, mapped
      // once. Every error still rejects, with the request's method and URL.
      sign(request) {
        let method: string;
        try {
          method = normalizeMethod(String(request.method));
        } catch (error) {
          return Promise.reject(error);
        }
        const fail = (error: unknown): never => {
          throw withRequestContext(error, method, request.url);
        };
        try {
          const target = toWireUrl(request.url, method);
          const host = request.host?.trim() || target.host;
          const choice = { service: request.service, region: request.region };
          const scope =
            host === target.host
              ? scopeFor(target.url, choice)
              : scopeFor(`https://${host}/`, choice);
          let { href, path } = target;
          if (isS3Service(scope.service)) {
            const strict = toS3WirePath(path);
            if (strict !== path) {
              target.url.pathname = strict;
              href = target.url.href;
              path = strict;
            }
          }
          const signWith = (ready: {
            credentials: AwsCredentials;
            signers: IdentitySigners;
            date: Date;
          }): Promise<SignedRequest> =>
            wire
              .signWireRequest(
                {
                  method,
                  protocol: target.url.protocol,
                  host,
                  path,
                  query: target.query,
                  headers: request.headers,
                  body: request.body,
                },
                {
                  credentials: ready.credentials,
                  service: scope.service,
                  region: scope.region,
                  signingDate: ready.date,
                  payloadHash: request.payloadHash,
                  contentSha256Header: options.contentSha256Header,
                  alwaysSignHeaders: options.alwaysSignHeaders,
                  neverSignHeaders: options.neverSignHeaders,
                },
                ready.signers,
              )
              .then(
                (signed) => ({
                  headers: signed.headers,
                  signedHeaders: signed.signedHeaders,
                  canonicalRequest: signed.canonicalRequest,
                  stringToSign: signed.stringToSign,
                  url: href,
                  scope,
                }),
                fail,
              );
          const ready = signing(request.signingDate);
          return ready instanceof Promise ? ready.then(signWith, fail) : signWith(ready);
        } catch (error) {
          return Promise.reject(withRequestContext(error, method, request.url));
        }
      },
      async presign(url, presignOptions = {}) {
        const method = normalizeMethod(presignOptions.method ?? 'GET');
        try {
          const expiresIn = checkExpiresIn(presignOptions.expiresIn, method, url);
          const parsed = parseRequestUrl(url, method);
          if (presignOptions.query) {
            const extra = encodeQueryObject(presignOptions.query);
            if (extra)
              parsed.search = parsed.search.length > 1 ? `${parsed.search}&${extra}` : `?${extra}`;
          }
          const target = toWireUrl(parsed, method);
          const scope = scopeFor(target.url, {
            service: presignOptions.service,
            region: presignOptions.region,
          });
          const path = isS3Service(scope.service) ? toS3WirePath(target.path) : target.path;
          const { credentials, signers, date } = await signing(presignOptions.signingDate);
          const presigned: PresignedWireRequest = await wire.presignWireRequest(
            {
              method,
              protocol: target.url.protocol,
              host: target.host,
              path,
              query: target.query,
              headers: presignOptions.headers,
              body: presignOptions.body,
            },
            {
              credentials,
              service: scope.service,
              region: scope.region,
              signingDate: date,
              expiresIn,
              payloadHash: presignOptions.payloadHash,
              contentSha256Header: options.contentSha256Header,
              alwaysSignHeaders: options.alwaysSignHeaders,
              neverSignHeaders: options.neverSignHeaders,
            },
            signers,
          );
          return presigned.url;
        } catch (error) {
          throw withRequestContext(error, method, url);
        }
      },
      scopeFor,
      credentials: () => cache.get(),
      adjustClock(serverDate) {
        offset = serverDate.getTime() - clock().getTime();
        return offset;
      },
      get clockOffsetMs() {
        return offset;
      },
    };
  };
}
