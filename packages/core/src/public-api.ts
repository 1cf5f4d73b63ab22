// What every entry point exports to users, whatever the runtime. Covered by semver.
// What the sibling packages need but users do not lives in `./internal-api.ts`.
export type { AwsCredentials, CredentialsInput, CredentialsProvider } from './credentials.js';
export type { CredentialsCache, CredentialsCacheOptions } from './credentials-cache.js';
export { createCredentialsCache } from './credentials-cache.js';
export { credentialsFromEnv } from './env-credentials.js';
export type { SigV4ErrorCode, SigV4ErrorOptions } from './errors.js';
export { isSigV4Error, SigV4Error } from './errors.js';
export type { Explanation, RefusedResponse } from './explain-403.js';
export { explain403, formatExplanation } from './explain-403.js';
export type { HeaderInput } from './headers.js';
export { redactCanonicalRequest } from './redact.js';
export type { ScopeOverrides, SigningScope } from './resolve-signing-scope.js';
export { resolveSigningScope } from './resolve-signing-scope.js';
export type {
  PresignedWireRequest,
  PresignWireOptions,
  SignedRequestHeaders,
  WireRequest,
  WireSignOptions,
} from './sign-request.js';
export type {
  PresignOptions,
  ScopeChoice,
  SignableRequest,
  SignedRequest,
  Signer,
  SignerOptions,
} from './signer.js';
export type { QueryParams } from './strict-query.js';
export { toStrictQuery } from './strict-query.js';
// The options vocabulary @sigv4/fetch and @sigv4/axios share (types only; the pipeline itself
// is in @sigv4/core/internal).
export type { RetryOptions } from './transport/retry-options.js';
export type { SignedRequestInfo, SigningOptions } from './transport/signing-options.js';
export { DEFAULT_MAX_BODY_BYTES } from './transport/signing-options.js';
