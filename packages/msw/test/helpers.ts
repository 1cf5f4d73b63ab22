/** Shared test data: credentials the emulator knows and signers that are not ours. */
import { createHash } from 'node:crypto';
import aws4 from 'aws4';
import { AwsClient } from 'aws4fetch';

export const KEY = { accessKeyId: 'AKIDMSWTEST', secretAccessKey: 'msw-test-secret/+key' } as const;
export const TEMP = {
  accessKeyId: 'ASIAMSWTEMP',
  secretAccessKey: 'temp-secret',
  sessionToken: 'session-token-1',
} as const;
export const UNKNOWN = { accessKeyId: 'AKIDUNKNOWN', secretAccessKey: 'nope' } as const;

export const MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

/** Hex SHA-256 of a body (the x-amz-content-sha256 a client sends; not a signature). */
export const sha256 = (body: string): string => createHash('sha256').update(body).digest('hex');

/** ISO basic date, as X-Amz-Date. */
export const amz = (iso: string): string => iso.replace(/[-:]/g, '').replace(/\.\d{3}/, '');

export function awsClient(
  service: string,
  region: string,
  creds: { accessKeyId: string; secretAccessKey: string; sessionToken?: string } = KEY,
): AwsClient {
  return new AwsClient({ ...creds, service, region, retries: 0 });
}

/** Signs with aws4 (mhart/aws4) and returns fetch arguments for the URL it signed. */
export function signWithAws4(
  url: string,
  init: { method?: string; body?: string; headers?: Record<string, string> },
  service: string,
  region: string,
  creds: { accessKeyId: string; secretAccessKey: string; sessionToken?: string } = KEY,
): [string, RequestInit] {
  const u = new URL(url);
  const signed = aws4.sign(
    {
      host: u.host,
      path: `${u.pathname}${u.search}`,
      method: init.method ?? 'GET',
      service,
      region,
      headers: { ...init.headers },
      ...(init.body === undefined ? {} : { body: init.body }),
    },
    creds,
  );
  const headers = new Headers();
  for (const [name, value] of Object.entries(signed.headers ?? {})) {
    if (name.toLowerCase() === 'host') continue; // fetch sets it from the URL
    headers.set(name, String(value));
  }
  return [
    url,
    {
      method: signed.method ?? 'GET',
      headers,
      ...(init.body === undefined ? {} : { body: init.body }),
    },
  ];
}

/** A copy of a signed request with some parts replaced. */
export async function tamper(
  signed: Request,
  change: { url?: string; method?: string; body?: string; headers?: Record<string, string | null> },
): Promise<Request> {
  // Copy entry by entry: with msw/node 2.15 listening, `new Headers(request.headers)` of a Request
  // with a body kept only content-type (seen under Node 20 + vitest 4).
  const headers = new Headers();
  for (const [name, value] of signed.headers) headers.append(name, value);
  for (const [name, value] of Object.entries(change.headers ?? {})) {
    if (value === null) headers.delete(name);
    else headers.set(name, value);
  }
  const method = change.method ?? signed.method;
  const original = method === 'GET' || method === 'HEAD' ? undefined : await signed.clone().text();
  const body = change.body ?? original;
  return new Request(change.url ?? signed.url, {
    method,
    headers,
    ...(body === undefined ? {} : { body }),
  });
}
