import { withRequestContext } from './errors.js';
import { normalizeMethod } from './method.js';
import { checkExpiresIn, isS3Service } from './sign-request.js';
import type { PresignOptions } from './signer.js';
import type { SigningContext } from './signing-context.js';
import { encodeQueryObject } from './strict-query.js';
import { parseRequestUrl, toS3WirePath, toWireUrl } from './wire-url.js';

/**
 * `Signer.presign`: the URL (with the extra query) in its wire form, its scope, then smithy's
 * presigned URL. The expiry is checked before any credentials are resolved.
 */
export async function presignRequest(
  context: SigningContext,
  url: string | URL,
  presignOptions: PresignOptions,
): Promise<string> {
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
    const scope = context.scopeFor(target.url, {
      service: presignOptions.service,
      region: presignOptions.region,
    });
    const path = isS3Service(scope.service) ? toS3WirePath(target.path) : target.path;
    const { credentials, signers, date } = await context.material(presignOptions.signingDate);
    const { options } = context;
    const presigned = await context.wire.presignWireRequest(
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
}
