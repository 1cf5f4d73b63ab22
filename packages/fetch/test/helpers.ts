import type { KnownCredential, RawRequest, VerifyResult } from '@sigv4/msw';
import { verifySigV4 } from '@sigv4/msw';
import { vi } from 'vitest';

/** AWS's documentation example keys. */
export const CREDENTIALS = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  sessionToken: 'IQoJb3JpZ2luX2VjEXAMPLESESSIONTOKEN//////////wEaCXVzLWVhc3QtMSJHMEUCIQ',
} as const;
export const KNOWN: readonly KnownCredential[] = [CREDENTIALS];

export const API = 'https://abc123defg.execute-api.eu-west-1.amazonaws.com';
export const LAMBDA = 'https://abcdefghijklmnopqrstuvwxyz012345.lambda-url.eu-west-1.on.aws';

export interface Sent {
  readonly url: string;
  readonly init: RequestInit;
}

/** A fetch that records its arguments and answers `respond` (default 200 "ok"). */
export function recordingFetch(
  respond: (sent: Sent, index: number) => Response | Promise<Response> = () => new Response('ok'),
) {
  const sent: Sent[] = [];
  const fn = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const one = { url: String(input instanceof Request ? input.url : input), init: init ?? {} };
    sent.push(one);
    return respond(one, sent.length - 1);
  });
  return { fetch: fn as unknown as typeof globalThis.fetch, spy: fn, sent };
}

/** The request as it would be serialised: what the independent verifier of @sigv4/msw checks. */
export async function rawOf(sent: Sent): Promise<RawRequest> {
  const { redirect: _r, ...init } = sent.init;
  const request = new Request(sent.url, init);
  const url = new URL(request.url);
  return {
    method: request.method,
    host: url.host,
    target: `${url.pathname}${url.search}`,
    headers: [...request.headers],
    body: new Uint8Array(await request.arrayBuffer()),
  };
}

/** Verifies a recorded request as API Gateway (or a Lambda function URL) would. */
export async function verifySent(
  sent: Sent,
  emulate: 'apigateway-rest' | 'lambda-url' = 'apigateway-rest',
  clock?: () => Date,
): Promise<VerifyResult> {
  return verifySigV4(await rawOf(sent), {
    credentials: KNOWN,
    emulate,
    region: 'eu-west-1',
    ...(clock ? { clock } : {}),
  });
}
