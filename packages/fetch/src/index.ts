export type {
  CredentialsInput,
  QueryParams,
  RetryOptions,
  SignedRequestInfo,
  SigningOptions,
  SigV4ErrorCode,
} from '@sigv4/core';
// From core's internal entry (the same class and guard as `@sigv4/core`'s): this package's
// runtime code imports one specifier of core, which a cold start resolves once.
export { isSigV4Error, SigV4Error } from '@sigv4/core/internal';
export { createSignedFetch } from './create-signed-fetch.js';
export type { SignedFetchOptions } from './options.js';
export type { PresignUrlOptions } from './presign-url.js';
export { presignUrl } from './presign-url.js';
export type { SignedRequestInit } from './signed-request-init.js';
export type { WrapGlobalFetchOptions } from './wrap-global-fetch.js';
export { wrapGlobalFetch } from './wrap-global-fetch.js';
