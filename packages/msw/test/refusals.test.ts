/**
 * `onRefusal` on the local server, over real sockets: what is refused before a request is
 * recorded (the front door's 413, Node's own 431 and 400) is reported once, without secrets, and
 * the bytes on the wire are the ones Node sends without the option.
 */
import { createServer, type Server } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FrontDoorRefusal, IamEmulator } from '../src/contract.js';
import { startIamEmulator } from '../src/server.js';
import { KEY } from './helpers.js';

const SIGNATURE = 'f'.repeat(64);
const TOKEN = 'refusal-test-session-token-0123456789';
const AUTHORIZATION = `AWS4-HMAC-SHA256 Credential=${KEY.accessKeyId}/20261130/us-east-1/lambda/aws4_request, SignedHeaders=host, Signature=${SIGNATURE}`;
const SECRET_QUERY = `X-Amz-Signature=${SIGNATURE}&X-Amz-Security-Token=${TOKEN}`;

const refusals: FrontDoorRefusal[] = [];
let lambda: IamEmulator;
/** Node's HTTP server with no `clientError` listener: what Node answers by itself. */
let plain: Server;
let plainPort: number;

beforeAll(async () => {
  lambda = await startIamEmulator({
    emulate: 'lambda-url',
    region: 'us-east-1',
    credentials: [KEY],
    onRefusal: (refusal) => refusals.push(refusal),
  });
  plain = createServer((_req, res) => res.end());
  await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
  const address = plain.address();
  plainPort = typeof address === 'object' && address !== null ? address.port : 0;
});
afterAll(async () => {
  await lambda.close();
  await new Promise<void>((resolve) => {
    plain.close(() => resolve());
    plain.closeAllConnections();
  });
});

/** Sends bytes on a socket, returns all the raw response bytes as latin1 (5 s bound). */
function rawHttp(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.setTimeout(5000, () => socket.destroy(new Error('raw HTTP timed out')));
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('latin1')));
    socket.on('error', (error: NodeJS.ErrnoException) => {
      // Node destroys the socket right after its answer; a reset after it is expected.
      if (error.code !== 'ECONNRESET' && error.code !== 'EPIPE') reject(error);
    });
    socket.end(request);
  });
}

/** Runs `send` and returns the refusals reported meanwhile. */
async function reported<T>(
  send: () => Promise<T>,
): Promise<{ result: T; calls: FrontDoorRefusal[] }> {
  const before = refusals.length;
  const result = await send();
  return { result, calls: refusals.slice(before) };
}

function expectNoSecret(calls: readonly FrontDoorRefusal[]): void {
  const text = JSON.stringify(calls);
  expect(text).not.toContain(SIGNATURE);
  expect(text).not.toContain(TOKEN);
  expect(text).not.toContain('AWS4-HMAC-SHA256');
}

describe('onRefusal', () => {
  it('a 7 MiB POST to a Lambda URL gets 413 and one report, and is not recorded', async () => {
    const received = lambda.received;
    const { result, calls } = await reported(async () => {
      const response = await fetch(`${lambda.url}/upload?${SECRET_QUERY}`, {
        method: 'POST',
        headers: { authorization: AUTHORIZATION, 'content-type': 'application/octet-stream' },
        body: new Uint8Array(7 * 1024 * 1024),
      });
      return {
        status: response.status,
        type: response.headers.get('x-amzn-errortype'),
        body: await response.text(),
      };
    });
    expect(result).toEqual({
      status: 413,
      type: null,
      body: '{"message":"Request Entity Too Large"}',
    });
    expect(calls).toEqual([
      { status: 413, reason: 'body-too-large', method: 'POST', target: '/upload?…' },
    ]);
    expectNoSecret(calls);
    expect(lambda.received).toBe(received);
  });

  it('100 KiB of headers get 431, the bytes Node sends itself, and one report', async () => {
    const request =
      `GET /prod/hello?${SECRET_QUERY} HTTP/1.1\r\nHost: 127.0.0.1\r\n` +
      `Authorization: ${AUTHORIZATION}\r\nX-Big: ${'a'.repeat(100 * 1024)}\r\n\r\n`;
    const { result, calls } = await reported(() => rawHttp(lambda.port, request));
    expect(result).toBe(
      'HTTP/1.1 431 Request Header Fields Too Large\r\nConnection: close\r\n\r\n',
    );
    expect(await rawHttp(plainPort, request)).toBe(result);
    expect(calls).toEqual([
      {
        status: 431,
        reason: 'headers-too-large',
        method: 'GET',
        target: '/prod/hello?…',
        detail: 'HPE_HEADER_OVERFLOW',
      },
    ]);
    expectNoSecret(calls);
  });

  it('a malformed request line gets 400, the bytes Node sends itself, and one report', async () => {
    const request = `GET /prod/hello?${SECRET_QUERY} HTTQ/1.1\r\nHost: 127.0.0.1\r\n\r\n`;
    const { result, calls } = await reported(() => rawHttp(lambda.port, request));
    expect(result).toBe('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    expect(await rawHttp(plainPort, request)).toBe(result);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ status: 400, reason: 'malformed-request' });
    expect(calls[0]?.detail).toMatch(/^HPE_/);
    expect(calls[0]?.method).toBeUndefined();
    expectNoSecret(calls);
  });

  it('a well-formed request is not a refusal: it reaches onRequest, not onRefusal', async () => {
    const { result, calls } = await reported(async () => (await fetch(`${lambda.url}/x`)).status);
    expect(result).toBe(403);
    expect(calls).toEqual([]);
  });
});
