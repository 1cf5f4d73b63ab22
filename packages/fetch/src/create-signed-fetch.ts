import { createSigner, type Signer, SigV4Error } from '@sigv4/core';
import { withRequestContext } from '@sigv4/core/internal';
import { resolveOptions, type SignedFetchOptions } from './options.js';
import { type PreparedRequest, prepareRequest } from './prepare-request.js';
import { type ReadBody, readBody, readStream } from './read-body.js';
import { followRedirect, isRedirectStatus, MAX_REDIRECTS, SIGNING_HEADERS } from './redirects.js';
import { type Outgoing, type SendContext, sendWithAttempts } from './send-attempts.js';

/**
 * True when a request already carries a signature or credentials of its own (an
 * `Authorization` header, or a presigned `X-Amz-Signature`): it is sent as it is.
 */
export function isAlreadySigned(headers: Headers, url: URL): boolean {
  return headers.has('authorization') || url.search.includes('X-Amz-Signature=');
}

/**
 * Creates a `fetch` that SigV4-signs every request: same arguments, same result, same errors.
 * Service and region come from the host (API Gateway, Lambda function URLs, other AWS
 * endpoints) unless given. A request that already has an `Authorization` header or a
 * presigned URL is sent untouched.
 *
 * @example
 * const signedFetch = createSignedFetch();
 * const res = await signedFetch('https://abc123.execute-api.eu-west-1.amazonaws.com/prod/items', {
 *   method: 'POST',
 *   headers: { 'content-type': 'application/json' },
 *   body: JSON.stringify({ name: 'Ada' }),
 * });
 */
export function createSignedFetch(options: SignedFetchOptions = {}): typeof globalThis.fetch {
  const resolved = resolveOptions(options);
  const signer: Signer | undefined =
    resolved.mode === 'sign'
      ? createSigner({
          credentials: options.credentials,
          service: options.service,
          region: options.region,
          clock: options.clock,
        })
      : undefined;
  const fetchFn = (): typeof globalThis.fetch => options.fetch ?? globalThis.fetch;

  // Not `async`: a body that is already bytes (none, a string, a buffer) goes straight on to
  // signing without an extra turn of the microtask queue. Every error still rejects.
  function signedFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
    try {
      const prepared = prepareRequest(input, init);
      if (isAlreadySigned(prepared.headers, prepared.url)) return fetchFn()(input, init);
      const href = prepared.url.href;
      if (signer) {
        try {
          signer.scopeFor(prepared.url);
        } catch (error) {
          throw withRequestContext(error, prepared.method, href);
        }
      }
      prepared.carry.signal?.throwIfAborted();
      const context = { method: prepared.method, url: href, limit: resolved.maxBodyBytes };
      const read = prepared.bodyFromRequest
        ? readRequestBody(prepared.bodyFromRequest, context)
        : readBody(prepared.body, context);
      const send = (body: ReadBody): Promise<Response> => {
        if (body.contentType !== undefined && !prepared.headers.has('content-type')) {
          prepared.headers.set('content-type', body.contentType);
        }
        const sendContext: SendContext = {
          signer,
          options: resolved,
          fetch: fetchFn,
          carry: prepared.carry,
          redirect: prepared.redirect === 'error' ? 'error' : 'manual',
          onSigned: options.onSigned,
        };
        return sendFollowingRedirects(prepared, body, sendContext, resolved.crossOriginRedirect);
      };
      return read instanceof Promise ? read.then(send) : send(read);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  return signedFetch as typeof globalThis.fetch;
}

/** Reads a `Request`'s body through a clone, so the caller's `Request` stays unread. */
function readRequestBody(
  request: Request,
  context: { method: string; url: string; limit: number },
): Promise<ReadBody> {
  if (request.bodyUsed || request.body?.locked) {
    throw new SigV4Error(
      'ERR_SIGV4_BODY_UNREADABLE',
      "the Request's body was already read (bodyUsed) or is locked. Pass a fresh Request, or the body in init.",
      { method: context.method, url: context.url },
    );
  }
  const body = request.clone().body;
  return body
    ? readStream(body, context)
    : Promise.resolve({ bytes: null, contentType: undefined });
}

/**
 * Sends, then follows redirects the way fetch would, but by hand (`redirect: 'manual'`), so a
 * signature is only ever sent to the origin it was made for: same-origin hops are signed
 * again; a hop to another origin is refused or sent without any SigV4 header.
 */
async function sendFollowingRedirects(
  prepared: PreparedRequest,
  read: ReadBody,
  context: SendContext,
  crossOrigin: 'follow-unsigned' | 'error',
): Promise<Response> {
  let current: Outgoing = {
    method: prepared.method,
    url: prepared.url,
    headers: prepared.headers,
    body: read.bytes,
  };
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const response = await sendWithAttempts(current, context, hop);
    if (prepared.redirect !== 'follow') return response;
    if (response.type === 'opaqueredirect') {
      throw new SigV4Error(
        'ERR_SIGV4_REDIRECT_BLOCKED',
        'the server redirected a signed request, and this runtime (a browser) hides where to. It is not followed, so the signature cannot reach another origin. Have the server answer with the final URL, or pass redirect: "manual" to get the redirect response.',
        { method: current.method, url: current.url },
      );
    }
    const location = isRedirectStatus(response.status) ? response.headers.get('location') : null;
    if (location === null) return hop === 0 ? response : markRedirected(response, current.url);
    const target = new URL(location, current.url);
    await response.body?.cancel().catch(() => undefined);
    const next = followRedirect(response.status, current.method, current.headers, current.body);
    if (target.origin !== current.url.origin) {
      if (crossOrigin === 'error') {
        throw new SigV4Error(
          'ERR_SIGV4_REDIRECT_BLOCKED',
          `the server redirected a signed request to another origin (${target.origin}); it was not followed, so the signature and session token stay with ${current.url.origin}. Pass crossOriginRedirect: 'follow-unsigned' to follow without the signature, or redirect: 'manual' to handle it yourself.`,
          { method: current.method, url: current.url },
        );
      }
      for (const name of SIGNING_HEADERS) next.headers.delete(name);
      const unsigned = await context.fetch()(target.href, {
        ...context.carry,
        method: next.method,
        headers: next.headers,
        body: next.body,
        redirect: 'follow',
      });
      return markRedirected(unsigned, target);
    }
    current = { ...next, url: target };
  }
  throw new TypeError(`fetch failed: more than ${MAX_REDIRECTS} redirects.`);
}

/** Makes a response after redirects look like fetch's own: `redirected` true, `url` the last one. */
function markRedirected(response: Response, url: URL): Response {
  Object.defineProperty(response, 'redirected', { value: true, configurable: true });
  if (response.url === '')
    Object.defineProperty(response, 'url', { value: url.href, configurable: true });
  return response;
}
