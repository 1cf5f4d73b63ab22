/**
 * What the caller gets for the handler's result, on the socket and under msw, against the
 * examples of AWS's documentation: the Lambda developer guide's function URL response table
 * ("Invoking Lambda function URLs": string, JSON, custom response, cookies), the API Gateway
 * developer guide's HTTP API 2.0 inference table, and the REST proxy output format
 * (headers + multiValueHeaders, isBase64Encoded, a malformed result is a 502).
 */
import { request } from 'node:http';
import { getResponse } from 'msw';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { EmulatedLambdaHandler, EmulatedService, IamEmulator } from '../src/server.js';
import { startIamEmulator } from '../src/server.js';
import { sigv4Handler } from '../src/sigv4-handler.js';
import { KEY } from './helpers.js';
import { sign } from './signers.js';

const NOW = new Date('2026-12-06T14:00:00Z');
const clock = () => NOW;
const HOSTS: Record<EmulatedService, string> = {
  'apigateway-rest': 'a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com',
  'apigateway-http': 'a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com',
  'lambda-url': 'abcdefghijklmnopqrstuvwxyz012345.lambda-url.eu-west-1.on.aws',
};

interface Seen {
  readonly status: number;
  /** Lower-case names; `set-cookie` as a list. */
  readonly headers: Record<string, string | string[]>;
  readonly body: Buffer;
}

const started: IamEmulator[] = [];
afterAll(async () => {
  for (const emulator of started) await emulator.close();
});

function overSocket(port: number, raw: Awaited<ReturnType<typeof sign>>): Promise<Seen> {
  return new Promise((resolve, reject) => {
    const out = request(
      {
        host: '127.0.0.1',
        port,
        method: raw.method,
        path: raw.target,
        headers: raw.headers.flat(),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers as Record<string, string | string[]>,
            body: Buffer.concat(chunks),
          }),
        );
      },
    );
    out.on('error', reject);
    out.end();
  });
}

/** Answers of the handler's result on both paths (socket first, then msw). */
async function answers(emulate: EmulatedService, handler: EmulatedLambdaHandler): Promise<Seen[]> {
  const options = { emulate, credentials: [KEY], clock, handler };
  const emulator = await startIamEmulator(options);
  started.push(emulator);
  const host = HOSTS[emulate];
  const raw = await sign('aws4', {
    method: 'GET',
    host,
    path: '/prod/hello',
    query: '',
    service: emulate === 'lambda-url' ? 'lambda' : 'execute-api',
    region: 'eu-west-1',
    creds: KEY,
    date: NOW,
  });
  const viaSocket = await overSocket(emulator.port, raw);
  const headers = new Headers();
  for (const [name, value] of raw.headers)
    if (name.toLowerCase() !== 'host') headers.append(name, value);
  const response = await getResponse(
    [sigv4Handler({ ...options, hosts: host })],
    new Request(`https://${host}${raw.target}`, { headers }),
  );
  if (response === undefined) throw new Error('msw did not answer');
  const mswHeaders: Record<string, string | string[]> = {};
  for (const [name, value] of response.headers) mswHeaders[name] = value;
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) mswHeaders['set-cookie'] = cookies;
  const viaMsw = {
    status: response.status,
    headers: mswHeaders,
    body: Buffer.from(await response.arrayBuffer()),
  };
  return [viaSocket, viaMsw];
}

describe('function URL responses (Lambda developer guide, "Response payload format")', () => {
  it('a string: 200, application/json, the string JSON-encoded (content-length 15)', async () => {
    for (const seen of await answers('lambda-url', async () => 'Hello, world!')) {
      expect(seen.status).toBe(200);
      expect(seen.headers['content-type']).toBe('application/json');
      expect(seen.body.toString()).toBe('"Hello, world!"');
      expect(seen.body.byteLength).toBe(15);
    }
  });
  it('JSON without statusCode: 200, application/json, the JSON', async () => {
    for (const seen of await answers('lambda-url', async () => ({ message: 'Hello, world!' }))) {
      expect(seen.status).toBe(200);
      expect(seen.headers['content-type']).toBe('application/json');
      expect(JSON.parse(seen.body.toString())).toEqual({ message: 'Hello, world!' });
    }
  });
  it('a custom response with cookies: 201, its headers, one set-cookie per cookie', async () => {
    const handler: EmulatedLambdaHandler = async () => ({
      statusCode: 201,
      headers: { 'Content-Type': 'application/json', 'My-Custom-Header': 'Custom Value' },
      body: JSON.stringify({ message: 'Hello, world!' }),
      cookies: ['Cookie_1=Value1; Expires=21 Oct 2021 07:48 GMT', 'Cookie_2=Value2; Max-Age=78000'],
      isBase64Encoded: false,
    });
    for (const seen of await answers('lambda-url', handler)) {
      expect(seen.status).toBe(201);
      expect(seen.headers['content-type']).toBe('application/json');
      expect(seen.headers['my-custom-header']).toBe('Custom Value');
      expect(seen.headers['set-cookie']).toEqual([
        'Cookie_1=Value1; Expires=21 Oct 2021 07:48 GMT',
        'Cookie_2=Value2; Max-Age=78000',
      ]);
      expect(seen.body.toString()).toBe('{"message":"Hello, world!"}');
      expect(seen.body.byteLength).toBe(27);
    }
  });
});

describe('HTTP API payload 2.0 responses (API Gateway developer guide, "Lambda function response for format 2.0")', () => {
  it('"Hello from Lambda!" is the body as it is, 200 application/json', async () => {
    for (const seen of await answers('apigateway-http', async () => 'Hello from Lambda!')) {
      expect(seen.status).toBe(200);
      expect(seen.headers['content-type']).toBe('application/json');
      expect(seen.body.toString()).toBe('Hello from Lambda!');
    }
  });
  it('{ message } is its JSON, 200 application/json', async () => {
    for (const seen of await answers('apigateway-http', async () => ({
      message: 'Hello from Lambda!',
    }))) {
      expect(seen.status).toBe(200);
      expect(JSON.parse(seen.body.toString())).toEqual({ message: 'Hello from Lambda!' });
    }
  });
});

describe('REST API proxy output (API Gateway developer guide, "Output format of a Lambda function for proxy integration")', () => {
  it('headers and multiValueHeaders merge; multiValueHeaders win on the same name', async () => {
    const handler: EmulatedLambdaHandler = async () => ({
      statusCode: 200,
      headers: { 'x-single': 'one', 'x-both': 'from-headers' },
      multiValueHeaders: { 'x-both': ['from-multi'], 'Set-Cookie': ['a=1', 'b=2'] },
      body: 'results',
    });
    for (const seen of await answers('apigateway-rest', handler)) {
      expect(seen.status).toBe(200);
      expect(seen.headers['x-single']).toBe('one');
      expect(seen.headers['x-both']).toBe('from-multi');
      expect(seen.headers['set-cookie']).toEqual(['a=1', 'b=2']);
      expect(seen.body.toString()).toBe('results');
    }
  });
  it('isBase64Encoded: the body arrives as the bytes it encodes', async () => {
    const bytes = Buffer.from([0, 255, 1, 254, 137, 80, 78, 71]);
    const handler: EmulatedLambdaHandler = async () => ({
      statusCode: 200,
      headers: { 'content-type': 'image/png' },
      body: bytes.toString('base64'),
      isBase64Encoded: true,
    });
    for (const seen of await answers('apigateway-rest', handler)) {
      expect(seen.body.equals(bytes)).toBe(true);
    }
  });
  const malformed: ReadonlyArray<readonly [string, EmulatedLambdaHandler]> = [
    ['a result without statusCode', async () => ({ body: 'x' })],
    ['a string', async () => 'results'],
    [
      'a handler that throws',
      async () => {
        throw new Error('boom');
      },
    ],
  ];
  it.each(malformed)('%s: 502 {"message": "Internal server error"}', async (_what, handler) => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    for (const seen of await answers('apigateway-rest', handler)) {
      expect(seen.status).toBe(502);
      expect(seen.body.toString()).toBe('{"message": "Internal server error"}');
    }
    errors.mockRestore();
  });
  it('a callback-style handler answers through its callback', async () => {
    const handler: EmulatedLambdaHandler = (_event, _context, callback) => {
      setTimeout(() => callback(null, { statusCode: 204, body: '' }), 5);
    };
    for (const seen of await answers('apigateway-rest', handler)) expect(seen.status).toBe(204);
  });
});

describe('options', () => {
  it('handler and resolver together are refused, naming both', async () => {
    await expect(
      startIamEmulator({
        emulate: 'apigateway-rest',
        credentials: [KEY],
        handler: async () => 'x',
        resolver: () => ({ status: 200 }),
      }),
    ).rejects.toThrow(/Option `handler` is given together with `resolver`/);
  });
});
