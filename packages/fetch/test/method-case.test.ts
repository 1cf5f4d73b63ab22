import { createServer, type Server, type Socket } from 'node:net';
import type { RawRequest } from '@sigv4/msw';
import { verifySigV4 } from '@sigv4/msw';
import { type IamEmulator, startIamEmulator } from '@sigv4/msw/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSignedFetch } from '../src/index.js';
import { CREDENTIALS, KNOWN } from './helpers.js';

// fetch upper-cases only DELETE, GET, HEAD, OPTIONS, POST and PUT; any other method goes on the
// wire as given. Node's http server refuses a lower-case method (HPE_INVALID_METHOD), so the
// `patch` request is captured from a raw TCP socket and checked by the emulator's own verifier.
const REGION = 'eu-west-1';
const SERVICE = 'execute-api';

/** One HTTP/1.1 request read off a raw socket: request line, header pairs and body bytes. */
function parseRaw(bytes: Buffer): RawRequest | undefined {
  const end = bytes.indexOf('\r\n\r\n');
  if (end === -1) return undefined;
  const [line = '', ...lines] = bytes.subarray(0, end).toString('latin1').split('\r\n');
  const [method = '', target = ''] = line.split(' ');
  const headers = lines.map((l) => {
    const colon = l.indexOf(':');
    return [l.slice(0, colon), l.slice(colon + 1).trim()] as const;
  });
  const length = Number(headers.find(([n]) => n.toLowerCase() === 'content-length')?.[1] ?? 0);
  const body = bytes.subarray(end + 4);
  if (body.byteLength < length) return undefined;
  const host = headers.find(([n]) => n.toLowerCase() === 'host')?.[1] ?? '';
  return { method, host, target, headers, body: new Uint8Array(body.subarray(0, length)) };
}

let raw: Server;
let rawUrl = '';
const captured: RawRequest[] = [];
const sockets = new Set<Socket>();
let emulator: IamEmulator;

beforeAll(async () => {
  raw = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    let buffered = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      const request = parseRaw(buffered);
      if (request === undefined) return;
      captured.push(request);
      socket.end('HTTP/1.1 200 OK\r\ncontent-length: 2\r\nconnection: close\r\n\r\nok');
    });
  });
  await new Promise<void>((resolve) => raw.listen(0, '127.0.0.1', resolve));
  const address = raw.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  rawUrl = `http://127.0.0.1:${address.port}`;
  emulator = await startIamEmulator({
    emulate: 'apigateway-rest',
    region: REGION,
    credentials: KNOWN,
  });
});
afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await Promise.all([
    new Promise<void>((resolve) => raw?.close(() => resolve())),
    emulator?.close(),
  ]);
});

describe('the method on the wire is the one fetch sends, and the one signed', () => {
  const signedFetch = () =>
    createSignedFetch({ credentials: CREDENTIALS, service: SERVICE, region: REGION });

  it('a `patch` arrives as `patch` and its signature verifies', async () => {
    const response = await signedFetch()(`${rawUrl}/prod/items/7`, {
      method: 'patch',
      headers: { 'content-type': 'application/json' },
      body: '{"name":"Ada"}',
    });
    expect(await response.text()).toBe('ok');
    const got = captured.at(-1);
    if (got === undefined) throw new Error('nothing arrived');
    expect(got.method).toBe('patch');
    expect(new TextDecoder().decode(got.body)).toBe('{"name":"Ada"}');
    const result = await verifySigV4(got, {
      credentials: KNOWN,
      emulate: 'apigateway-rest',
      region: REGION,
      service: SERVICE,
    });
    expect(result.ok, JSON.stringify(result)).toBe(true);
    // The same bytes with the method upper-cased do not verify: the method is part of the signature.
    const upper = await verifySigV4(
      { ...got, method: 'PATCH' },
      { credentials: KNOWN, emulate: 'apigateway-rest', region: REGION, service: SERVICE },
    );
    expect(upper.ok).toBe(false);
  });

  it('a `post` arrives as `POST` and verifies on the emulator', async () => {
    const response = await signedFetch()(`${emulator.url}/prod/items`, {
      method: 'post',
      body: 'hello',
    });
    expect(response.status).toBe(200);
    const got = emulator.requests.at(-1);
    if (got === undefined) throw new Error('the emulator received nothing');
    expect(got.raw.method).toBe('POST');
    expect(got.result.ok, JSON.stringify(got.result)).toBe(true);
  });
});
