import { SigV4Error } from './errors.js';
import {
  checkExpiresIn,
  instancesFor,
  PAYLOAD_HASH_ONLY,
  type PresignedWireRequest,
  type PresignWireOptions,
  payloadHashOf,
  prepare,
  SHA256_HEADER,
  toSmithyRequest,
  UNSIGNED_PAYLOAD,
  type WireDeps,
  type WireRequest,
} from './sign-request.js';
import { type IdentitySigners, SigningRecord } from './smithy-instances.js';
import { PRESIGN_PARAMS } from './smithy-request.js';
import { escapeRfc3986 } from './uri-escape.js';

/**
 * Presigns a request (query mode) with smithy's `SignatureV4.presign`: `host` and the
 * request's signable headers (none, for a URL a browser will simply fetch) are signed, the
 * `X-Amz-*` parameters smithy produced are appended to the literal query, and the full URL is
 * returned. Outside S3 the payload hash is the body's; S3 presigns `UNSIGNED-PAYLOAD`.
 *
 * @throws {SigV4Error} `ERR_SIGV4_PRESIGN_EXPIRY_INVALID`, `ERR_SIGV4_CREDENTIALS_EXPIRED`
 *   (also when the credentials expire before the URL would), and the errors of signing.
 */
export async function presignWireRequest(
  deps: WireDeps,
  request: WireRequest,
  options: PresignWireOptions,
  signers?: IdentitySigners,
): Promise<PresignedWireRequest> {
  const expiresIn = checkExpiresIn(options.expiresIn, request.method);
  const p = prepare(request, options, 'presign');
  const expiration = options.credentials.expiration;
  if (
    expiration !== undefined &&
    expiration.getTime() < p.signingDate.getTime() + expiresIn * 1000
  ) {
    throw new SigV4Error(
      'ERR_SIGV4_CREDENTIALS_EXPIRED',
      `the credentials expire at ${expiration.toISOString()}, before the presigned URL would (${expiresIn} s from ${p.signingDate.toISOString()}); AWS refuses a presigned URL once its credentials expire. Use a shorter expiresIn or longer-lived credentials.`,
      { method: request.method },
    );
  }
  const payloadHash =
    options.payloadHash ?? (p.s3 ? UNSIGNED_PAYLOAD : await payloadHashOf(deps, request.body));
  // Headers stay headers (none is moved into the query); the payload hash is not signed.
  const unhoistable = new Set(Object.keys(p.headers));
  unhoistable.add(SHA256_HEADER);
  p.headers[SHA256_HEADER] = payloadHash;
  const smithy = instancesFor(deps, options, signers).get(p.s3);
  const record = new SigningRecord();
  const presigned = await smithy.presign(toSmithyRequest(request, p, record), {
    signingDate: p.signingDate,
    expiresIn,
    signingRegion: options.region,
    signingService: options.service,
    unsignableHeaders: PAYLOAD_HASH_ONLY as Set<string>,
    unhoistableHeaders: unhoistable,
    ...(p.signableHeaders ? { signableHeaders: p.signableHeaders } : {}),
  });
  const added: string[] = [];
  for (const name of PRESIGN_PARAMS) {
    const value = presigned.query?.[name];
    if (typeof value === 'string') added.push(`${name}=${escapeRfc3986(value)}`);
  }
  const token = options.credentials.sessionToken;
  if (token && options.signSessionToken === false)
    added.push(`X-Amz-Security-Token=${escapeRfc3986(token)}`);
  const tail = added.join('&');
  const query = request.query ? `${request.query}&${tail}` : tail;
  return {
    url: `${request.protocol ?? 'https:'}//${request.host}${p.path}?${query}`,
    canonicalRequest: record.canonicalRequest,
    stringToSign: record.stringToSign,
  };
}
