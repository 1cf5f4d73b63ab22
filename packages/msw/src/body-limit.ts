/**
 * How large a request body each front door takes, and its answer to a larger one. Sources in
 * docs/AWS-BEHAVIOUR.md ("payloads are limited").
 */
import type { EmulatedService } from './contract.js';

/**
 * Lambda's invocation payload limit, 6 MB (the Lambda quota page; Lambda's own error names
 * 6291456 bytes). A function URL wraps the body in its event (binary bodies base64-encoded), so
 * a real function may refuse somewhat smaller bodies: reported, not measured here.
 */
const LAMBDA_URL_MAX = 6 * 1024 * 1024;
/** API Gateway's payload quota, 10 MB (API Gateway developer guide, quotas). */
const API_GATEWAY_MAX = 10 * 1024 * 1024;

/** The largest body the front door accepts, in bytes. */
export function maxBodyBytes(emulate: EmulatedService): number {
  return emulate === 'lambda-url' ? LAMBDA_URL_MAX : API_GATEWAY_MAX;
}

/**
 * The answer to a body over the limit: 413 without `x-amzn-ErrorType` (so an SDK does not take
 * it for an auth error). The body text is not captured from AWS; it is the emulator's.
 */
export const TOO_LARGE = {
  status: 413,
  headers: { 'content-type': 'application/json' },
  body: '{"message":"Request Entity Too Large"}',
} as const;
