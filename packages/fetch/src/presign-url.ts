import type { CredentialsInput, QueryParams } from '@sigv4/core';
import { presignUrl as corePresignUrl } from '@sigv4/core';
import { normalizeMethod, withRequestContext } from '@sigv4/core/internal';
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
   * The clock for `X-Amz-Date`.
   * @default () => new Date()
   * @example { clock: () => new Date('2024-01-01T00:00:00Z') }
   */
  clock?: (() => Date) | undefined;
}

/**
 * Presigns a URL (SigV4 in the query, only `host` signed) that a browser or any client can
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
