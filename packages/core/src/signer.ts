import { checkSignerOptions } from './check-signer-options.js';
import type { AwsCredentials, CredentialsInput, CredentialsProvider } from './credentials.js';
import type { HeaderInput } from './headers.js';
import type { SigningScope } from './resolve-signing-scope.js';
import type { SignedRequestHeaders } from './sign-request.js';
import { presignRequest } from './signer-presign.js';
import { signRequest } from './signer-sign.js';
import { SigningContext, type WireSigner } from './signing-context.js';
import type { QueryParams } from './strict-query.js';

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

/**
 * Builds a signer factory on a wire signer and a default credentials provider (per entry
 * point), for options already checked (`createPipeline` checks them with the adapter's name).
 */
export function makeSignerFactory(wire: WireSigner, defaultCredentials: CredentialsProvider) {
  return (options: SignerOptions): Signer => {
    const context = new SigningContext(wire, options, defaultCredentials);
    return {
      sign: (request) => signRequest(context, request),
      presign: (url, presignOptions = {}) => presignRequest(context, url, presignOptions),
      scopeFor: (url, overrides) => context.scopeFor(url, overrides),
      credentials: () => context.cache.get(),
      adjustClock: (serverDate) => context.adjustClock(serverDate),
      get clockOffsetMs() {
        return context.offset;
      },
    };
  };
}

/** Builds `createSigner` (its options checked) on a wire signer and default credentials. */
export function makeCreateSigner(wire: WireSigner, defaultCredentials: CredentialsProvider) {
  const signerFrom = makeSignerFactory(wire, defaultCredentials);
  return function createSigner(options: SignerOptions = {}): Signer {
    checkSignerOptions(options, 'createSigner');
    return signerFrom(options);
  };
}
