// What every entry point exports, whatever the runtime.
export type { CanonicalPathOptions } from './canonical-path.js';
export { canonicalPath } from './canonical-path.js';
export type { SkewResponse } from './clock-skew.js';
export { serverTimeFromSkewError } from './clock-skew.js';
export type { AwsCredentials, CredentialsInput, CredentialsProvider } from './credentials.js';
export type { CredentialsCache, CredentialsCacheOptions } from './credentials-cache.js';
export { createCredentialsCache } from './credentials-cache.js';
export { credentialsFromEnv } from './env-credentials.js';
export type { SigV4ErrorCode, SigV4ErrorOptions } from './errors.js';
export { isSigV4Error, SigV4Error, withRequestContext } from './errors.js';
export type { HeaderInput } from './headers.js';
export { isUnsignableHeader } from './headers.js';
export { redactCanonicalRequest } from './redact.js';
export type { ScopeOverrides, SigningScope } from './resolve-signing-scope.js';
export { inferScopeFromHost, normalizeHost, resolveSigningScope } from './resolve-signing-scope.js';
export type {
  PresignedWireRequest,
  PresignWireOptions,
  SignedRequestHeaders,
  WireRequest,
  WireSignOptions,
} from './sign-request.js';
export { MAX_PRESIGN_EXPIRY_SECONDS, SIGV4_HEADERS } from './sign-request.js';
export type {
  PresignOptions,
  SignableRequest,
  SignedRequest,
  Signer,
  SignerOptions,
} from './signer.js';
export { parseRequestUrl, toWireUrl } from './signer.js';
export type { QueryParams } from './strict-query.js';
export { encodeQueryObject, toStrictQuery } from './strict-query.js';
// The transport pipeline shared by @sigv4/fetch, @sigv4/axios and the CLI (moves to
// @sigv4/core/internal with the signer rewrite).
export * from './transport/index.js';
export { escapeRfc3986 } from './uri-escape.js';
