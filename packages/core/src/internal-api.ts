// What `@sigv4/core/internal` exports on every runtime: helpers the sibling packages
// (@sigv4/fetch, @sigv4/axios, the CLI) share with core. Not covered by semver.
export type { SkewResponse } from './clock-skew.js';
export { serverTimeFromSkewError } from './clock-skew.js';
export { withRequestContext } from './errors.js';
export { collectHeaders, isUnsignableHeader } from './headers.js';
export type { HostPattern } from './host-pattern.js';
export { compileHostList } from './host-pattern.js';
export { normalizeMethod } from './method.js';
export { inferScopeFromHost, normalizeHost } from './resolve-signing-scope.js';
export type {
  PresignedWireRequest,
  PresignWireOptions,
  WireRequest,
  WireSignOptions,
} from './sign-request.js';
export {
  checkExpiresIn,
  isS3Service,
  MAX_PRESIGN_EXPIRY_SECONDS,
} from './sign-request.js';
export { parseRequestUrl, toWireUrl } from './signer.js';
export { SIGV4_HEADERS } from './sigv4-headers.js';
export type { IdentitySigners } from './smithy-instances.js';
export { encodeQueryObject } from './strict-query.js';
// The transport pipeline under @sigv4/fetch, @sigv4/axios and the CLI: see transport/index.ts.
export * from './transport/index.js';
export { decodeToBytes, encodeBytes, escapeRfc3986, toStrictComponent } from './uri-escape.js';
