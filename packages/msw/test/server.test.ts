/**
 * The local node:http emulator (loopback only) against independent clients: aws4fetch, aws4, a
 * raw socket, and curl --aws-sigv4 (curl is installed on the machines this runs on).
 */
import { execFile } from 'node:child_process';
import { connect } from 'node:net';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IamEmulator } from '../src/contract.js';
import { startIamEmulator } from '../src/server.js';
import {
  awsClient,
  KEY,
  MISMATCH,
  sha256,
  signWithAws4,
  TEMP,
  tamper,
  UNKNOWN,
} from './helpers.js';

const run = promisify(execFile);
const credentials = [KEY, TEMP];
let rest: IamEmulator;
let lambda: IamEmulator;

beforeAll(async () => {
  rest = await startIamEmulator({ emulate: 'apigateway-rest', region: 'us-east-1', credentials });
  lambda = await startIamEmulator({
    emulate: 'lambda-url',
    region: 'us-east-1',
    credentials,
    resolver: ({ identity, raw }) => ({
      status: 202,
      body: `${identity.accessKeyId}:${raw.body.byteLength}`,
    }),
  });
});
afterAll(async () => {
  await rest.close();
  await lambda.close();
});

const api = awsClient('execute-api', 'us-east-1');
const json = async (response: Response) => ({
  status: response.status,
  type: response.headers.get('x-amzn-errortype'),
  body: (await response.json()) as Record<string, string>,
});

/** Sends bytes on a socket and returns the raw response text (bounded by a 5 s timeout). */
function rawHttp(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.setTimeout(5000, () => socket.destroy(new Error('raw HTTP timed out')));
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    socket.on('error', reject);
    socket.end(request);
  });
}

describe('startIamEmulator', () => {
  it('listens on 127.0.0.1 and a free port', () => {
    expect(rest.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(rest.port).toBeGreaterThan(0);
  });

  it('refuses a non-loopback hostname', async () => {
    // The type allows loopback names only; this checks the runtime guard for untyped callers.
    const options = {
      emulate: 'lambda-url',
      credentials,
      hostname: '0.0.0.0',
    } as unknown as Parameters<typeof startIamEmulator>[0];
    await expect(startIamEmulator(options)).rejects.toMatchObject({
      name: 'SigV4EmulatorError',
      code: 'ERR_SIGV4_INVALID_OPTION',
    });
  });

  it('accepts aws4fetch and records the request as it arrived', async () => {
    const before = rest.requests.length;
    const response = await fetch(await api.sign(`${rest.url}/prod/items?b=2&a=1`));
    expect(response.status).toBe(200);
    expect((await response.json()).identity).toMatchObject({
      accessKeyId: KEY.accessKeyId,
      region: 'us-east-1',
    });
    const recorded = rest.requests[before];
    expect(recorded?.raw.target).toBe('/prod/items?b=2&a=1');
    expect(recorded?.result.ok).toBe(true);
  });

  it('accepts aws4 POST with a body', async () => {
    const response = await fetch(
      ...signWithAws4(
        `${rest.url}/prod/items`,
        { method: 'POST', body: '{"n":1}', headers: { 'content-type': 'application/json' } },
        'execute-api',
        'us-east-1',
      ),
    );
    expect(response.status).toBe(200);
    expect((await response.json()).body).toBe('{"n":1}');
  });

  it('unsigned: 403 Missing Authentication Token, path recorded exactly as sent', async () => {
    const text = await rawHttp(
      rest.port,
      `GET /prod/./a%20b//c HTTP/1.1\r\nHost: 127.0.0.1:${rest.port}\r\nConnection: close\r\n\r\n`,
    );
    expect(text).toMatch(/^HTTP\/1\.1 403 /);
    expect(text).toContain('x-amzn-ErrorType: MissingAuthenticationTokenException');
    expect(text).toContain('{"message":"Missing Authentication Token"}');
    expect(rest.requests.at(-1)?.raw.target).toBe('/prod/./a%20b//c');
  });

  it('tampered body: mismatch with the canonical string appendix', async () => {
    const signed = await api.sign(`${rest.url}/prod/items`, { method: 'PUT', body: 'one' });
    const r = await json(await fetch(await tamper(signed, { body: 'two' })));
    expect(r.status).toBe(403);
    expect(r.type).toBe('InvalidSignatureException');
    expect(r.body.message).toContain(
      `${MISMATCH}\n\nThe Canonical String for this request should have been\n'PUT\n/prod/items\n`,
    );
  });

  it('unknown key, wrong region, missing signed header', async () => {
    const unknown = await json(
      await fetch(await awsClient('execute-api', 'us-east-1', UNKNOWN).sign(`${rest.url}/x`)),
    );
    expect(unknown.body).toEqual({
      message: 'The security token included in the request is invalid.',
    });
    const region = await json(
      await fetch(await awsClient('execute-api', 'eu-central-1').sign(`${rest.url}/x`)),
    );
    expect(region.body).toEqual({
      message: "Credential should be scoped to a valid region, not 'eu-central-1'. ",
    });
    const signed = await api.sign(`${rest.url}/x`, { headers: { 'x-tenant': 'a' } });
    const missing = await json(
      await fetch(await tamper(signed, { headers: { 'x-tenant': null } })),
    );
    expect(missing).toMatchObject({
      type: 'IncompleteSignatureException',
      body: {
        message:
          "'x-tenant' is named as a SignedHeader, but it does not exist in the HTTP request.",
      },
    });
  });

  it('clock window: expired, with the emulator clock in the Date header', async () => {
    const skewed = await startIamEmulator({
      emulate: 'apigateway-http',
      region: 'us-east-1',
      credentials,
      clock: () => new Date('2030-05-01T12:00:00Z'),
    });
    try {
      const r = await fetch(
        await api.sign(`${skewed.url}/x`, { aws: { datetime: '20300501T115400Z' } }),
      );
      expect(r.headers.get('date')).toBe('Wed, 01 May 2030 12:00:00 GMT');
      expect((await json(r)).body.message).toBe(
        'Signature expired: 20300501T115400Z is now earlier than 20300501T115500Z (20300501T120000Z - 5 min.)',
      );
    } finally {
      await skewed.close();
    }
  });

  it('Lambda URL: unsigned Forbidden, UNSIGNED-PAYLOAD POST refused, signed over the body accepted', async () => {
    const unsigned = await fetch(`${lambda.url}/`);
    expect(unsigned.status).toBe(403);
    expect(await unsigned.text()).toBe('{"Message":"Forbidden"}');
    const client = awsClient('lambda', 'us-east-1');
    const unsignedPayload = await json(
      await fetch(
        await client.sign(`${lambda.url}/run`, {
          method: 'POST',
          body: 'abc',
          headers: { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
        }),
      ),
    );
    expect(unsignedPayload.body).toEqual({ message: MISMATCH });
    const noHeader = await fetch(
      await client.sign(`${lambda.url}/run`, { method: 'POST', body: 'abc' }),
    );
    expect(noHeader.status).toBe(202);
    const ok = await fetch(
      await client.sign(`${lambda.url}/run`, {
        method: 'POST',
        body: 'abc',
        headers: { 'x-amz-content-sha256': sha256('abc') },
      }),
    );
    expect(ok.status).toBe(202);
    expect(await ok.text()).toBe(`${KEY.accessKeyId}:3`);
  });
});

describe('curl --aws-sigv4', () => {
  const curl = (...args: string[]) =>
    run('curl', ['-sS', '--max-time', '10', '-w', '\n%{http_code}', ...args], { timeout: 15_000 });
  const split = (stdout: string) => {
    const at = stdout.lastIndexOf('\n');
    return { body: stdout.slice(0, at), status: Number(stdout.slice(at + 1)) };
  };

  it('GET and POST signed by curl are accepted', async () => {
    // The query is already in canonical order: curl 7.88 signs it unsorted (curl sorts it from
    // 8.x), which AWS, and so the emulator, refuses.
    const get = split(
      (
        await curl(
          '--aws-sigv4',
          'aws:amz:us-east-1:execute-api',
          '--user',
          `${KEY.accessKeyId}:${KEY.secretAccessKey}`,
          `${rest.url}/prod/items?a=1&b=2`,
        )
      ).stdout,
    );
    expect(get.status, get.body).toBe(200);
    expect(JSON.parse(get.body).identity.accessKeyId).toBe(KEY.accessKeyId);
    const post = split(
      (
        await curl(
          '--aws-sigv4',
          'aws:amz:us-east-1:execute-api',
          '--user',
          `${KEY.accessKeyId}:${KEY.secretAccessKey}`,
          '-H',
          'content-type: application/json',
          '-d',
          '{"from":"curl"}',
          `${rest.url}/prod/items`,
        )
      ).stdout,
    );
    expect(post.status, post.body).toBe(200);
    expect(JSON.parse(post.body).body).toBe('{"from":"curl"}');
  });

  it('curl with the wrong secret gets the mismatch text, unsigned curl the missing token', async () => {
    const wrong = split(
      (
        await curl(
          '--aws-sigv4',
          'aws:amz:us-east-1:execute-api',
          '--user',
          `${KEY.accessKeyId}:not-the-secret`,
          `${rest.url}/prod/items`,
        )
      ).stdout,
    );
    expect(wrong.status).toBe(403);
    expect(JSON.parse(wrong.body).message.startsWith(`${MISMATCH}\n\nThe Canonical String`)).toBe(
      true,
    );
    const unsigned = split((await curl(`${rest.url}/prod/items`)).stdout);
    expect(unsigned).toEqual({ status: 403, body: '{"message":"Missing Authentication Token"}' });
  });
});

describe('reset()', () => {
  it('forgets recorded requests and the count, and keeps verifying', async () => {
    const emulator = await startIamEmulator({
      emulate: 'apigateway-rest',
      region: 'eu-west-1',
      credentials,
    });
    try {
      await fetch(`${emulator.url}/prod/a`);
      expect(emulator.requests).toHaveLength(1);
      emulator.reset();
      expect([emulator.requests.length, emulator.received]).toEqual([0, 0]);
      const res = await fetch(`${emulator.url}/prod/b`);
      expect(res.status).toBe(403);
      expect(emulator.requests.map((r) => r.raw.target)).toEqual(['/prod/b']);
      expect(emulator.received).toBe(1);
    } finally {
      await emulator.close();
    }
  });
});
