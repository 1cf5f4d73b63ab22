import { createSigner, type Signer, SigV4Error } from '@sigv4/core';
import {
  createClockSkewStore,
  isAlreadySigned,
  pipelineSigner,
  type ReadBody,
  type ReadBodyContext,
  readBody,
  readStream,
  type SignFunction,
  sendSigned,
  sha256Hex,
  withRequestContext,
} from '@sigv4/core/internal';
import { asFetchError } from './fetch-refusals.js';
import { fetchTransport, isUnsignedHop } from './fetch-transport.js';
import { resolveOptions, type SignedFetchOptions } from './options.js';
import { prepareRequest } from './prepare-request.js';
import { withOrigin } from './response-view.js';

/**
 * Creates a `fetch` that SigV4-signs every request: same arguments, same result, same errors.
 * Service and region come from the host (API Gateway, Lambda function URLs, other AWS
 * endpoints) unless given. A request that already has an `Authorization` header or a
 * presigned URL (a query parameter named `X-Amz-Signature`) is sent untouched.
 *
 * It is a thin adapter over core's transport pipeline: the body is read into exact bytes at
 * call time, then `sendSigned` signs, sends through the `fetch` (redirects by hand), corrects a
 * clock skew once per origin, retries, and follows redirects by the one redirect policy.
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
  const { mode, policy } = resolveOptions(options);
  let signer: Signer | undefined;
  let sign: SignFunction;
  if (mode === 'sign') {
    ({ signer, sign } = pipelineSigner(createSigner, {
      credentials: options.credentials,
      service: options.service,
      region: options.region,
      clock: options.clock,
      contentSha256Header: options.contentSha256Header,
      alwaysSignHeaders: options.alwaysSignHeaders,
      neverSignHeaders: options.neverSignHeaders,
    }));
  } else {
    sign = (request) =>
      sha256Hex(request.body ?? '').then((hash) => ({
        url: request.url,
        headers: { 'x-amz-content-sha256': hash },
      }));
  }
  const skew = createClockSkewStore();
  const fetchFn = (): typeof globalThis.fetch => options.fetch ?? globalThis.fetch;

  // Not `async`: a body that is already bytes (none, a string, a buffer) goes straight on to
  // signing without an extra turn of the microtask queue. Every error still rejects.
  function signedFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
    try {
      if (isUnsignedHop(init)) return fetchFn()(input, init);
      const prepared = prepareRequest(input, init);
      // Nothing to sign: `data:`, `blob:`, ... (fetch answers them, or refuses `about:`), a
      // request that carries its own signature.
      if (!HTTP.has(prepared.url.protocol) || isAlreadySigned(prepared.headers, prepared.url))
        return fetchFn()(input, init);
      const { method, url, headers, carry } = prepared;
      if (signer) {
        try {
          signer.scopeFor(url);
        } catch (error) {
          throw withRequestContext(error, method, url);
        }
      }
      const signal = carry.signal ?? undefined;
      signal?.throwIfAborted();
      const context: ReadBodyContext = { method, url, limit: policy.maxBodyBytes, signal };
      const read = prepared.bodyFromRequest
        ? readRequestBody(prepared.bodyFromRequest, context)
        : readBody(prepared.body, context);
      const send = (body: ReadBody): Promise<Response> => {
        if (body.contentType !== undefined && !headers.has('content-type')) {
          headers.set('content-type', body.contentType);
        }
        const { redirect } = prepared;
        return sendSigned(
          { method, url, headers, body: body.bytes },
          {
            transport: fetchTransport(fetchFn, carry, redirect === 'error' ? 'error' : 'manual'),
            sign,
            policy,
            skew,
            redirect,
            signal,
            sameOriginOnly: carry.mode === 'same-origin',
          },
        ).then((result) =>
          result.redirected
            ? withOrigin(result.value, {
                url: result.url,
                redirected: true,
                type: result.crossOrigin ? 'cors' : result.value.type,
              })
            : result.value,
        );
      };
      return (read instanceof Promise ? read.then(send) : send(read)).catch(rejectAsFetch);
    } catch (error) {
      return rejectAsFetch(error);
    }
  }

  return signedFetch as typeof globalThis.fetch;
}

const HTTP: ReadonlySet<string> = new Set(['http:', 'https:']);

/** fetch's own error for what fetch itself refuses (see `asFetchError`). */
function rejectAsFetch(error: unknown): Promise<never> {
  return Promise.reject(asFetchError(error));
}

/**
 * Reads a `Request`'s body as fetch does: the `Request` is used up (`bodyUsed` is true after),
 * and its stream is cancelled when the signal aborts.
 */
function readRequestBody(request: Request, context: ReadBodyContext): Promise<ReadBody> {
  if (request.bodyUsed || request.body?.locked) {
    throw new SigV4Error(
      'ERR_SIGV4_BODY_UNREADABLE',
      "the Request's body was already read (bodyUsed) or is locked. Pass a fresh Request, or the body in init.",
      { method: context.method, url: context.url },
    );
  }
  const body = request.body;
  return body
    ? readStream(body, context)
    : Promise.resolve({ bytes: null, contentType: undefined });
}
