// Checks a signature the way API Gateway / a Lambda function URL would, with @sigv4/msw's
// verifier (written independently of @sigv4/core's signer).
import { verifySigV4 } from '@sigv4/msw';
import { CREDENTIALS, REGION } from './common.mjs';

const UTF8 = new TextEncoder();

/**
 * @param {{ method: string, host: string, target: string, headers: Record<string, string>,
 *   body?: string | Uint8Array | undefined, service: string,
 *   emulate: 'apigateway-rest' | 'lambda-url' }} request
 * @returns {Promise<{ ok: boolean, note: string }>}
 */
export async function verifySigned(request) {
  const headers = Object.entries(request.headers)
    .filter(([name]) => name.toLowerCase() !== 'host')
    .map(([name, value]) => [name, String(value)]);
  const body =
    typeof request.body === 'string'
      ? UTF8.encode(request.body)
      : (request.body ?? new Uint8Array());
  const raw = {
    method: request.method,
    host: request.host,
    target: request.target,
    headers: [['host', request.host], ...headers],
    body,
  };
  const options = { credentials: [CREDENTIALS], region: REGION, service: request.service };
  const result = await verifySigV4(raw, { ...options, emulate: request.emulate });
  if (result.ok) return { ok: true, note: 'valid' };
  return { ok: false, note: `INVALID (${result.reason})` };
}
