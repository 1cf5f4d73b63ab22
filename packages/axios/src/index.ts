export type { ScopeChoice, SigV4ErrorCode } from '@sigv4/core';
export { DEFAULT_MAX_BODY_BYTES, isSigV4Error, SigV4Error } from '@sigv4/core';
export type { SigV4Interceptor } from './interceptor.js';
export { addSigV4Interceptor, createSigV4Interceptor } from './interceptor.js';
export type { SignedRequestInfo, SigV4InterceptorOptions } from './options.js';
// Also brings the `sigv4` field of AxiosRequestConfig (a module augmentation) into the .d.ts.
export type { RequestScope } from './request-scope.js';
