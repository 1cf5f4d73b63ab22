import type { IamEmulator, RecordedRequest } from '@sigv4/msw/server';
import { startIamEmulator } from '@sigv4/msw/server';

export const CREDENTIALS = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
} as const;

export const SESSION_CREDENTIALS = {
  accessKeyId: 'ASIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY2',
  sessionToken: 'FQoGZXIvYXdzEXAMPLETOKEN',
} as const;

/** Signing options for the loopback emulator, which is not an AWS host. */
export const LOOPBACK_SCOPE = {
  credentials: CREDENTIALS,
  service: 'execute-api',
  region: 'us-east-1',
} as const;

export function startEmulator(
  resolver?: Parameters<typeof startIamEmulator>[0]['resolver'],
): Promise<IamEmulator> {
  return startIamEmulator({
    credentials: [CREDENTIALS, SESSION_CREDENTIALS],
    emulate: 'apigateway-rest',
    region: 'us-east-1',
    ...(resolver ? { resolver } : {}),
  });
}

/** The last request the emulator received; fails the test when there is none. */
export function lastRequest(emulator: IamEmulator): RecordedRequest {
  const last = emulator.requests.at(-1);
  if (last === undefined) throw new Error('the emulator received no request');
  return last;
}

/** Header values as they arrived, by lower-case name. */
export function arrivedHeader(request: RecordedRequest, name: string): string[] {
  return request.raw.headers
    .filter(([key]) => key.toLowerCase() === name)
    .map(([, value]) => value);
}

export function signedHeaders(request: RecordedRequest): readonly string[] {
  if (!request.result.ok) throw new Error(`refused: ${request.result.reason}`);
  return request.result.identity.signedHeaders;
}

export const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);
