import { createPipeline, SigV4Error } from '@sigv4/core/internal';
import { asFetchError } from './fetch-refusals.js';
import { fetchTransport, isUnsignedHop } from './fetch-transport.js';
import { checkFetchOptions, type SignedFetchOptions } from './options.js';
import { prepareRequest } from './prepare-request.js';
import { withOrigin } from './response-view.js';

const OWNER = 'createSignedFetch';
const HTTP: ReadonlySet<string> = new Set(['http:', 'https:']);

/**
 * Creates a `fetch` that SigV4-signs every request: same arguments, same result, same errors.
 * Service and region come from the host (API Gateway, Lambda function URLs, other AWS
 * endpoints) unless given. A request that already has an `Authorization` header or a
 * presigned URL (a query parameter named `X-Amz-Signature`) is sent untouched.
 *
 * It is a thin adapter over core's pipeline: fetch's arguments are reduced to method, URL,
 * headers and body, and core reads the body into exact bytes, signs, sends through the
 * `fetch` (redirects by hand), corrects a clock skew once per origin, retries, and follows
 * redirects by the fetch standard's rules.
 *
 * @throws {SigV4Error} `ERR_SIGV4_INVALID_OPTION` at construction, naming the option.
 * @example
 * const signedFetch = createSignedFetch();
 * const res = await signedFetch('https://abc123.execute-api.eu-west-1.amazonaws.com/prod/items', {
 *   method: 'POST',
 *   headers: { 'content-type': 'application/json' },
 *   body: JSON.stringify({ name: 'Ada' }),
 * });
 */
export function createSignedFetch(options: SignedFetchOptions = {}): typeof globalThis.fetch {
  checkFetchOptions(options, OWNER);
  const pipeline = createPipeline(options, {
    owner: OWNER,
    mode: options.mode,
    ownKeys: ['fetch', 'mode'],
  });
  const fetchFn = (): typeof globalThis.fetch => options.fetch ?? globalThis.fetch;

  // Not `async`: a body that is already bytes (none, a string, a buffer) goes straight on to
  // signing without an extra turn of the microtask queue. Every error still rejects.
  function signedFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
    try {
      if (isUnsignedHop(init)) return fetchFn()(input, init);
      const prepared = prepareRequest(input, init);
      const { method, url, headers, carry, redirect } = prepared;
      // Nothing to sign: `data:`, `blob:`, ... (fetch answers them, or refuses `about:`), and a
      // request that carries its own signature.
      if (!HTTP.has(url.protocol) || pipeline.isAlreadySigned(headers, url))
        return fetchFn()(input, init);
      return pipeline
        .send({
          method,
          url,
          headers,
          body: prepared.bodyFromRequest
            ? requestBody(prepared.bodyFromRequest, method, url)
            : prepared.body,
          transport: fetchTransport(fetchFn, carry, redirect === 'error' ? 'error' : 'manual'),
          signal: carry.signal ?? undefined,
          redirect,
          sameOriginOnly: carry.mode === 'same-origin',
          scope: prepared.scope,
        })
        .then(
          (result) =>
            result.redirected
              ? withOrigin(result.value, {
                  url: result.url,
                  redirected: true,
                  type: result.crossOrigin ? 'cors' : result.value.type,
                })
              : result.value,
          rejectAsFetch,
        );
    } catch (error) {
      return rejectAsFetch(error);
    }
  }

  return signedFetch as typeof globalThis.fetch;
}

/** fetch's own error for what fetch itself refuses (see `asFetchError`). */
function rejectAsFetch(error: unknown): Promise<never> {
  return Promise.reject(asFetchError(error));
}

/**
 * A `Request`'s body, read as fetch reads it: the `Request` is used up (`bodyUsed` is true
 * after), and its stream is cancelled when the signal aborts.
 */
function requestBody(request: Request, method: string, url: URL): ReadableStream | null {
  if (request.bodyUsed || request.body?.locked) {
    throw new SigV4Error(
      'ERR_SIGV4_BODY_UNREADABLE',
      "the Request's body was already read (bodyUsed) or is locked. Pass a fresh Request, or the body in init.",
      { method, url },
    );
  }
  return request.body;
}
