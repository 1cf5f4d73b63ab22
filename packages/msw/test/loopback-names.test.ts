/**
 * RFC 6761 loopback names: `{api-id}.execute-api.{region}.localhost:{port}` and
 * `{url-id}.lambda-url.{region}.localhost:{port}` are treated as the AWS hosts they stand for, so
 * code can point at the emulator by URL alone: the front door and region are read from the name,
 * the API id feeds the IAM resource, and the handler's event carries the AWS host.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IamEmulator } from '../src/contract.js';
import { inferFromHost } from '../src/host-patterns.js';
import { startIamEmulator } from '../src/server.js';
import { sigv4Handler } from '../src/sigv4-handler.js';
import { KEY } from './helpers.js';
import { sign } from './signers.js';
import { sendMsw, sendRaw } from './wire.js';

const run = promisify(execFile);
const NOW = new Date('2026-12-06T14:00:00Z');

describe('inferFromHost', () => {
  it.each([
    [
      'a1b2c3d4e5.execute-api.eu-west-1.localhost:4566',
      'apigateway-rest',
      'eu-west-1',
      'a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com',
    ],
    [
      'A1B2C3D4E5.Execute-Api.EU-WEST-1.localhost',
      'apigateway-rest',
      'eu-west-1',
      'a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com',
    ],
    [
      'abcdefghij.lambda-url.us-east-2.localhost:8080',
      'lambda-url',
      'us-east-2',
      'abcdefghij.lambda-url.us-east-2.on.aws',
    ],
    [
      'a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com:443',
      'apigateway-rest',
      'eu-west-1',
      'a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com',
    ],
  ] as const)('%s -> %s in %s, as %s', (host, emulate, region, awsHost) => {
    expect(inferFromHost(host)).toEqual({ emulate, region, awsHost });
  });
  it.each([
    'localhost:4566',
    'execute-api.eu-west-1.localhost',
    'a.execute-api.localhost',
    'a.lambda-url.eu-west-1.localhost.example.com',
  ])('%s is not an AWS name', (host) => expect(inferFromHost(host)).toBeUndefined());
});

let rest: IamEmulator;
let events: Array<{
  requestContext: { domainName?: string; apiId: string };
  headers: Record<string, string>;
}> = [];
beforeAll(async () => {
  // No region and no emulate hint beyond the front door: both come from the Host.
  rest = await startIamEmulator({
    emulate: 'apigateway-rest',
    credentials: [
      {
        ...KEY,
        policies: [
          {
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Action: 'execute-api:Invoke',
                Resource: 'arn:aws:execute-api:*:*:a1b2c3d4e5/*',
              },
            ],
          },
        ],
      },
    ],
    clock: () => NOW,
    handler: async (event) => {
      events.push(event as unknown as (typeof events)[number]);
      return { statusCode: 200, body: 'ok' };
    },
  });
});
afterAll(() => rest.close());

const signFor = (host: string, region: string, service = 'execute-api') =>
  sign('aws4', {
    method: 'GET',
    host,
    path: '/prod/items',
    query: '',
    service,
    region,
    creds: KEY,
    date: NOW,
  });

describe('the local server behind a loopback name', () => {
  it('region from the name, API id into the IAM resource, the AWS host in the event', async () => {
    events = [];
    const host = `a1b2c3d4e5.execute-api.eu-west-1.localhost:${rest.port}`;
    const ok = await sendRaw(rest.port, await signFor(host, 'eu-west-1'));
    expect(ok.status, ok.body).toBe(200);
    expect(events[0]?.requestContext.domainName).toBe(
      'a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com',
    );
    expect(events[0]?.requestContext.apiId).toBe('a1b2c3d4e5');
    expect(events[0]?.headers.Host).toBe('a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com');

    const wrongRegion = await sendRaw(rest.port, await signFor(host, 'us-east-1'));
    expect(wrongRegion.status).toBe(403);
    expect(JSON.parse(wrongRegion.body).message).toBe(
      "Credential should be scoped to a valid region, not 'us-east-1'. ",
    );

    const otherApi = `zzzzzzzzzz.execute-api.eu-west-1.localhost:${rest.port}`;
    const denied = await sendRaw(rest.port, await signFor(otherApi, 'eu-west-1'));
    expect(denied.status).toBe(403);
    expect(denied.errorType).toBe('AccessDeniedException');
    expect(JSON.parse(denied.body).Message).toContain(':zzzzzzzzzz/prod/GET/items');
  });

  it('curl reaches it by URL alone (curl resolves *.localhost to loopback): 200, the handler sees the AWS host', async () => {
    // curl dates its signature by this machine's clock: an emulator on the real clock.
    const seen: string[] = [];
    const live = await startIamEmulator({
      emulate: 'lambda-url',
      credentials: [KEY],
      handler: async (event) => {
        seen.push((event as { requestContext: { domainName: string } }).requestContext.domainName);
        return { statusCode: 200, body: 'hello from the function' };
      },
    });
    try {
      const url = `http://abcdefghij.lambda-url.eu-west-1.localhost:${live.port}/run`;
      const { stdout } = await run(
        'curl',
        [
          '-sS',
          '--max-time',
          '10',
          '-w',
          '\n%{http_code}',
          '--aws-sigv4',
          'aws:amz:eu-west-1:lambda',
          '--user',
          `${KEY.accessKeyId}:${KEY.secretAccessKey}`,
          url,
        ],
        { timeout: 15_000 },
      );
      expect(stdout).toBe('hello from the function\n200');
      expect(seen).toEqual(['abcdefghij.lambda-url.eu-west-1.on.aws']);
      expect(live.requests.at(-1)?.raw.host).toBe(
        `abcdefghij.lambda-url.eu-west-1.localhost:${live.port}`,
      );
    } finally {
      await live.close();
    }
  });
});

describe('msw behind a loopback name', () => {
  it('a function URL name is guarded as a function URL of its region', async () => {
    const host = 'abcdefghij.lambda-url.eu-west-1.localhost:4566';
    const handler = sigv4Handler({
      hosts: '*.lambda-url.eu-west-1.localhost:4566',
      credentials: [KEY],
      clock: () => NOW,
    });
    const unsigned = await sendMsw(handler, {
      method: 'GET',
      host,
      target: '/',
      headers: [],
      body: new Uint8Array(),
    });
    expect(unsigned.status).toBe(403);
    expect(JSON.parse(unsigned.body)).toEqual({ Message: 'Forbidden' });
    const ok = await sendMsw(handler, await signFor(host, 'eu-west-1', 'lambda'));
    expect(ok.status, ok.body).toBe(200);
    const wrongRegion = await sendMsw(handler, await signFor(host, 'us-east-1', 'lambda'));
    expect(wrongRegion.status).toBe(403);
  });
});
