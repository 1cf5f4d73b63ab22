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

/** What a plain loopback server received. */
export interface Captured {
  readonly method: string;
  readonly target: string;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/** A plain node:http server on 127.0.0.1 that records every request and answers with `answer`. */
export interface CaptureServer {
  readonly url: string;
  readonly requests: Captured[];
  close(): Promise<void>;
}

export async function startCaptureServer(
  answer: (request: Captured) => {
    status: number;
    headers?: Record<string, string>;
    body?: string;
  } = () => ({
    status: 200,
    body: 'captured',
  }),
): Promise<CaptureServer> {
  const { createServer } = await import('node:http');
  const requests: Captured[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const captured: Captured = {
        method: req.method ?? '',
        target: req.url ?? '',
        headers: { ...req.headers },
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(captured);
      const reply = answer(captured);
      res.writeHead(reply.status, reply.headers ?? {}).end(reply.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The SigV4 headers, none of which may reach another origin. */
export const SIGV4_HEADER_NAMES = [
  'authorization',
  'x-amz-date',
  'x-amz-security-token',
  'x-amz-content-sha256',
] as const;

/** Session-credential scope for the loopback emulator (a token to look for in leaks). */
export const SESSION_SCOPE = {
  credentials: SESSION_CREDENTIALS,
  service: 'execute-api',
  region: 'us-east-1',
} as const;
