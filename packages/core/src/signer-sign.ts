import { withRequestContext } from './errors.js';
import { normalizeMethod } from './method.js';
import { isS3Service } from './sign-request.js';
import type { SignableRequest, SignedRequest } from './signer.js';
import type { SigningContext, SigningMaterial } from './signing-context.js';
import { toS3WirePath, toWireUrl } from './wire-url.js';

/**
 * `Signer.sign`: the request reduced to its wire form (strict query, S3 paths as S3 decodes
 * them, the `Host` sent), its scope, then smithy's signature. Not `async`: with credentials at
 * hand, the one promise is the wire signer's, mapped once. Every error rejects, with the
 * request's method and URL.
 */
export function signRequest(
  context: SigningContext,
  request: SignableRequest,
): Promise<SignedRequest> {
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
        ? context.scopeFor(target.url, choice)
        : context.scopeFor(`https://${host}/`, choice);
    let { href, path } = target;
    if (isS3Service(scope.service)) {
      const strict = toS3WirePath(path);
      if (strict !== path) {
        // `target.url` may be the caller's own URL: the rewrite goes to a copy.
        const rewritten = new URL(href);
        rewritten.pathname = strict;
        href = rewritten.href;
        path = strict;
      }
    }
    const { options } = context;
    const signWith = (ready: SigningMaterial): Promise<SignedRequest> =>
      context.wire.signWireRequestAs(
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
    const ready = context.material(request.signingDate);
    return ready instanceof Promise ? ready.then(signWith, fail) : signWith(ready);
  } catch (error) {
    return Promise.reject(withRequestContext(error, method, request.url));
  }
}
