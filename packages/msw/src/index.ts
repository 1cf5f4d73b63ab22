/**
 * @sigv4/msw: check SigV4 the way API Gateway and Lambda function URLs do, in msw handlers (this
 * entry: browsers, Node, edge) or on a local server (`@sigv4/msw/server`, Node only).
 */
export type { RefusalReason } from './aws-errors.js';
export type {
  AwsRefusal,
  EmulatedResource,
  EmulatedService,
  FrontDoorRefusal,
  IamEmulator,
  IamEmulatorCorsOptions,
  IamEmulatorOptions,
  KnownCredential,
  PolicyDocument,
  PolicyStatement,
  RawRequest,
  RecordedBody,
  RecordedPreflight,
  RecordedRequest,
  SigV4HandlerOptions,
  VerifiedIdentity,
  VerifiedRequestInfo,
  VerifierOptions,
  VerifyResult,
} from './contract.js';
export type { EchoBody } from './echo-response.js';
export {
  type EmulatorErrorCode,
  isSigV4EmulatorError,
  SigV4EmulatorError,
} from './emulator-error.js';
export { type HostPattern, type InferredHost, inferFromHost } from './host-patterns.js';
export type { FrontDoorEvent } from './lambda-event.js';
export type { EmulatedLambdaHandler } from './lambda-invoke.js';
export { sigv4Handler } from './sigv4-handler.js';
export { createVerifier, type Verifier, verifySigV4 } from './verify-sigv4.js';
