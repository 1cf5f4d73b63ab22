import type { CredentialsInput, HeaderInput, QueryParams } from '@sigv4/core';
import {
  presignUrl as corePresignUrl,
  normalizeMethod,
  withRequestContext,
} from '@sigv4/core/internal';
import { resolveUrl } from './prepare-request.js';

/** Options of `presignUrl`. None is required. */
export interface PresignUrlOptions {
  /**
   * Credentials: a value or a (possibly async) provider. The URL dies with them: temporary
   * credentials end it early.
   * @default the environment, then in Node the AWS SDK default chain
   * @example { credentials: fromTemporaryCredentials({ params: { RoleArn } }) }
   */
  credentials?: CredentialsInput | undefined;
  /**
   * Signing service name.
   * @default inferred from the host (`lambda` for `*.lambda-url.*.on.aws`)
   * @example { service: 'lambda' }
   */
  service?: string | undefined;
  /**
   * Region.
   * @default inferred from the host
   * @example { region: 'eu-west-1' }
   */
  region?: string | undefined;
  /**
   * Seconds the URL stays valid, 1 to 604800 (7 days). Lambda function URLs are reported to
   * refuse URLs signed more than 5 minutes ago whatever this says.
   * @default 300
   * @example { expiresIn: 60 }
   */
  expiresIn?: number | undefined;
  /**
   * Query parameters to add, signed with the URL; arrays repeat the name; a space is sent as `%20`.
   * @default undefined
   * @example { query: { user: 'Bjarne Stroustrup', tag: ['a', 'b'] } }
   */
  query?: QueryParams | undefined;
  /**
   * The method the URL will be used with (it is part of the signature), normalised as fetch
   * sends it: `post` is signed as `POST`, `patch` as `patch`.
   * @default 'GET'
   * @example { method: 'POST' }
   */
  method?: string | undefined;
  /**
   * Headers the URL's user will send, signed with the URL (listed in `X-Amz-SignedHeaders`,
   * chosen by the same rules as a signed fetch). They stay headers: the URL does not carry them,
   * and a request that does not send them, or sends other values, is refused.
   * @default none: only `host` is signed
   * @example { headers: { 'content-type': 'application/json', 'x-tenant': 'acme' } }
   */
  headers?: HeaderInput | undefined;
  /**
   * The body the URL will be used with, hashed into the signature (outside S3): a request with
   * another body is refused.
   * @default no body (the empty body's hash)
   * @example { method: 'POST', body: '{"name":"Ada"}' }
   */
  body?: Uint8Array | string | undefined;
  /**
   * Hex SHA-256 of the body the URL will be used with, or `'UNSIGNED-PAYLOAD'` where the service
   * takes it (S3). Takes precedence over `body`.
   * @default the hash of `body`; S3: `'UNSIGNED-PAYLOAD'`
   * @example { method: 'PUT', payloadHash: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' }
   */
  payloadHash?: string | undefined;
  /**
   * The clock for `X-Amz-Date`.
   * @default () => new Date()
   * @example { clock: () => new Date('2024-01-01T00:00:00Z') }
   */
  clock?: (() => Date) | undefined;
}

/**
 * Presigns a URL (SigV4 in the query; `host` signed, and the `headers` option's headers) that a browser or any client can
 * simply `fetch`: a Lambda function URL (no API Gateway 29 s limit), an API Gateway URL, or a
 * `wss://` WebSocket `$connect` URL. Relative URLs resolve against the page in browsers.
 *
 * @throws {SigV4Error} `ERR_SIGV4_PRESIGN_EXPIRY_INVALID` (checked before credentials are
 *   resolved), `ERR_SIGV4_INVALID_URL`, `ERR_SIGV4_SCOPE_UNRESOLVED`, credential errors.
 * @example
 * const url = await presignUrl('https://abc.lambda-url.eu-west-1.on.aws/report', {
 *   expiresIn: 300,
 *   query: { user: 'Bjarne Stroustrup' },
 * });
 * // hand `url` to the browser, which calls fetch(url)
 */
export async function presignUrl(
  url: string | URL,
  options: PresignUrlOptions = {},
): Promise<string> {
  const method = normalizeMethod(options.method ?? 'GET');
  // Core checks expiresIn before it resolves any credentials.
  const absolute = resolveUrl(url, method);
  try {
    return await corePresignUrl(absolute, { ...options, method });
  } catch (error) {
    throw withRequestContext(error, method, absolute.href);
  }
}
