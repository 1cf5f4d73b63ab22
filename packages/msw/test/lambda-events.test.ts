/**
 * The event a handler behind the emulator receives, field by field against the examples in AWS's
 * documentation (test/fixtures/aws-doc-events.ts names each page): the same request is signed by
 * aws4, sent over a socket to the local server and through the msw handler, and the handler's
 * event is compared with the page's.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type {
  EmulatedLambdaHandler,
  EmulatedService,
  IamEmulator,
  RawRequest,
} from '../src/server.js';
import { startIamEmulator } from '../src/server.js';
import { sigv4Handler } from '../src/sigv4-handler.js';
import {
  functionUrlRequestPayload,
  httpApiPayload2,
  restIamRequestContext,
  restProxyEvent,
} from './fixtures/aws-doc-events.js';
import { sign } from './signers.js';
import { sendMsw, sendRaw } from './wire.js';

const NOW = new Date('2026-12-06T14:00:00Z');
const clock = () => NOW;
const caller = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  principalArn: 'arn:aws:iam::111122223333:user/example-user',
  userId: 'AIDACKCEVSQ6C2EXAMPLE',
} as const;

/** The shape of a value: objects by their keys (recursively), leaves by their JSON type. */
function shape(value: unknown, skip: readonly string[] = []): unknown {
  if (value === null) return null;
  if (Array.isArray(value)) return value.length === 0 ? [] : [shape(value[0])];
  if (typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([key]) => !skip.includes(key))
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([key, v]) => [key, shape(v)]),
    );
  }
  return typeof value;
}

const started: IamEmulator[] = [];
afterAll(async () => {
  for (const emulator of started) await emulator.close();
});

/** Sends the request both ways; returns the events the handler saw (socket first, then msw). */
async function capture(
  emulate: EmulatedService,
  raw: RawRequest,
  resource: { accountId?: string; apiId?: string; stage?: string } = {},
): Promise<Array<Record<string, unknown>>> {
  const events: Array<Record<string, unknown>> = [];
  const handler: EmulatedLambdaHandler = async (event) => {
    events.push(event as unknown as Record<string, unknown>);
    return { statusCode: 200, body: 'ok' };
  };
  const options = { emulate, credentials: [caller], clock, handler, resource };
  const emulator = await startIamEmulator(options);
  started.push(emulator);
  const viaSocket = await sendRaw(emulator.port, raw);
  const viaMsw = await sendMsw(sigv4Handler({ ...options, hosts: raw.host }), raw);
  expect([viaSocket.status, viaMsw.status]).toEqual([200, 200]);
  expect(events).toHaveLength(2);
  return events;
}

const withUnsigned = (raw: RawRequest, headers: Array<[string, string]>): RawRequest => ({
  ...raw,
  headers: [...raw.headers, ...headers],
});

describe('REST API proxy integration (payload 1.0), API Gateway developer guide', () => {
  it("the page's POST /testStage/hello/world?name=me arrives as the page shows, with the IAM caller", async () => {
    const signed = await sign('aws4', {
      method: 'POST',
      host: 'gy415nuibc.execute-api.us-east-1.amazonaws.com',
      path: '/testStage/hello/world',
      query: 'name=me&multivalueName=you&multivalueName=me',
      headers: { 'Content-Type': 'application/json', headerName: 'headerValue' },
      body: restProxyEvent.body,
      service: 'execute-api',
      region: 'us-east-1',
      creds: caller,
      date: NOW,
    });
    const raw = withUnsigned(signed, [['User-Agent', 'PostmanRuntime/7.1.1']]);
    for (const event of await capture('apigateway-rest', raw, { accountId: '12345678912' })) {
      // Every top-level field of the page's event, and no other.
      expect(Object.keys(event).sort()).toEqual(Object.keys(restProxyEvent).sort());
      for (const field of [
        'resource',
        'path',
        'httpMethod',
        'queryStringParameters',
        'multiValueQueryStringParameters',
        'pathParameters',
        'body',
        'isBase64Encoded',
      ] as const) {
        expect(event[field], field).toEqual(restProxyEvent[field]);
      }
      // The page's API has a stage variable; the emulated one has none.
      expect(event.stageVariables).toBeNull();
      const headers = event.headers as Record<string, string>;
      const multi = event.multiValueHeaders as Record<string, string[]>;
      const headerOf = (name: string) =>
        Object.entries(headers).find(([n]) => n.toLowerCase() === name.toLowerCase())?.[1];
      for (const [name, value] of Object.entries(restProxyEvent.headers)) {
        expect(headerOf(name), name).toBe(value);
        const values = Object.entries(multi).find(([n]) => n.toLowerCase() === name.toLowerCase());
        expect(values?.[1], name).toEqual([value]);
      }
      // requestContext: every field of both of the page's examples (the plain one and AWS_IAM).
      const context = event.requestContext as Record<string, unknown>;
      for (const key of new Set([
        ...Object.keys(restProxyEvent.requestContext),
        ...Object.keys(restIamRequestContext),
      ])) {
        expect(context, key).toHaveProperty(key);
      }
      expect(context).toMatchObject({
        accountId: '12345678912',
        apiId: 'gy415nuibc',
        stage: 'testStage',
        resourcePath: '/{proxy+}',
        httpMethod: 'POST',
        path: '/testStage/hello/world',
        protocol: 'HTTP/1.1',
        requestTimeEpoch: NOW.getTime(),
        requestTime: '06/Dec/2026:14:00:00 +0000',
      });
      // identity, AWS_IAM: the shape of the page's, filled from the verified caller.
      const identity = context.identity as Record<string, unknown>;
      for (const key of Object.keys(restIamRequestContext.identity)) {
        expect(identity, key).toHaveProperty(key);
      }
      expect(identity).toMatchObject({
        accessKey: caller.accessKeyId,
        accountId: '111122223333',
        caller: caller.userId,
        user: caller.userId,
        userArn: caller.principalArn,
        userAgent: 'PostmanRuntime/7.1.1',
        cognitoIdentityPoolId: null,
        cognitoIdentityId: null,
        cognitoAuthenticationType: null,
        cognitoAuthenticationProvider: null,
      });
      expect(identity.sourceIp).toBe('127.0.0.1');
    }
  });
});

/** POST /my/path?parameter1=value1&parameter1=value2&parameter2=value, as both 2.0 pages send. */
async function v2Request(host: string, service: string, region: string, body: string) {
  const signed = await sign('aws4', {
    method: 'POST',
    host,
    path: '/my/path',
    query: 'parameter1=value1&parameter1=value2&parameter2=value',
    headers: { 'content-type': 'text/plain' },
    body,
    service,
    region,
    creds: caller,
    date: NOW,
  });
  return withUnsigned(signed, [
    ['header1', 'value1'],
    ['header2', 'value1'],
    ['header2', 'value2'],
    ['Cookie', 'cookie1; cookie2'],
    ['User-Agent', 'agent'],
  ]);
}

describe('HTTP API payload 2.0, API Gateway developer guide', () => {
  it('POST /my/path arrives as the page shows, the IAM caller in requestContext.authorizer.iam', async () => {
    const raw = await v2Request(
      'id.execute-api.us-east-1.amazonaws.com',
      'execute-api',
      'us-east-1',
      httpApiPayload2.body,
    );
    const events = await capture('apigateway-http', raw, {
      accountId: '123456789012',
      apiId: 'api-id',
      stage: '$default',
    });
    for (const [i, event] of events.entries()) {
      // The page's route has path parameters, stage variables and mutual TLS; this one has none.
      const notHere = ['pathParameters', 'stageVariables', 'headers'];
      // Every other field of the page, nested ones included, and no other; an IAM route has
      // `authorizer.iam` (as on the function URL page) where the page's route has jwt/lambda.
      const { authentication: _mtls, ...pageContext } = httpApiPayload2.requestContext;
      const expected = {
        ...httpApiPayload2,
        requestContext: {
          ...pageContext,
          authorizer: functionUrlRequestPayload.requestContext.authorizer,
        },
      };
      expect(shape(event, notHere)).toEqual(shape(expected, notHere));
      for (const field of [
        'version',
        'routeKey',
        'rawPath',
        'rawQueryString',
        'cookies',
        'queryStringParameters',
        'body',
        'isBase64Encoded',
      ] as const) {
        expect(event[field], field).toEqual(httpApiPayload2[field]);
      }
      const headers = event.headers as Record<string, string>;
      expect(headers.header1).toBe('value1');
      // Over a socket the two header lines arrive apart and are joined with `,`, as the page
      // shows; under msw, fetch's Headers has already joined them with `, `.
      expect(headers.header2).toBe(i === 0 ? 'value1,value2' : 'value1, value2');
      expect(headers.cookie).toBeUndefined(); // it is in `cookies`
      const context = event.requestContext as typeof httpApiPayload2.requestContext;
      const { authorizer: _jwt, http, ...fixed } = pageContext;
      expect(context).toMatchObject({
        ...fixed,
        requestId: context.requestId,
        time: '06/Dec/2026:14:00:00 +0000',
        timeEpoch: NOW.getTime(),
      });
      expect(context.http).toEqual({ ...http, sourceIp: '127.0.0.1' });
      expect((context as unknown as { authorizer: unknown }).authorizer).toEqual({
        iam: {
          accessKey: caller.accessKeyId,
          accountId: '111122223333',
          callerId: caller.userId,
          cognitoIdentity: null,
          principalOrgId: null,
          userArn: caller.principalArn,
          userId: caller.userId,
        },
      });
    }
  });
});

describe('function URL request payload, Lambda developer guide', () => {
  it('POST /my/path arrives with exactly the fields of the page, the IAM caller filled in', async () => {
    const host = 'abcdefghijklmnopqrstuvwxyz012345.lambda-url.us-west-2.on.aws';
    const raw = await v2Request(host, 'lambda', 'us-west-2', functionUrlRequestPayload.body);
    for (const [i, event] of (
      await capture('lambda-url', raw, { accountId: '123456789012' })
    ).entries()) {
      // Every field, nested ones included, and no other (headers compared below).
      expect(shape(event, ['headers'])).toEqual(shape(functionUrlRequestPayload, ['headers']));
      const doc = functionUrlRequestPayload;
      for (const field of [
        'version',
        'routeKey',
        'rawPath',
        'rawQueryString',
        'cookies',
        'queryStringParameters',
        'body',
        'isBase64Encoded',
        'pathParameters',
        'stageVariables',
      ] as const) {
        expect(event[field], field).toEqual(doc[field]);
      }
      const headers = event.headers as Record<string, string>;
      expect(headers.header1).toBe('value1');
      expect(headers.header2).toBe(i === 0 ? 'value1,value2' : 'value1, value2');
      expect(event.requestContext).toEqual({
        ...doc.requestContext,
        apiId: 'abcdefghijklmnopqrstuvwxyz012345',
        domainName: host,
        domainPrefix: 'abcdefghijklmnopqrstuvwxyz012345',
        authorizer: {
          iam: {
            ...doc.requestContext.authorizer.iam,
            accessKey: caller.accessKeyId,
            callerId: caller.userId,
            userId: caller.userId,
          },
        },
        http: { ...doc.requestContext.http, sourceIp: '127.0.0.1' },
        requestId: (event.requestContext as { requestId: string }).requestId,
        time: '06/Dec/2026:14:00:00 +0000',
        timeEpoch: NOW.getTime(),
      });
    }
  });

  it('a binary body is base64-encoded (isBase64Encoded: true)', async () => {
    const host = 'abcdefghijklmnopqrstuvwxyz012345.lambda-url.us-west-2.on.aws';
    const signed = await sign('aws4', {
      method: 'POST',
      host,
      path: '/upload',
      query: '',
      headers: { 'content-type': 'application/octet-stream' },
      body: 'binary\u0001',
      service: 'lambda',
      region: 'us-west-2',
      creds: caller,
      date: NOW,
    });
    for (const event of await capture('lambda-url', signed)) {
      expect(event.isBase64Encoded).toBe(true);
      expect(event.body).toBe(btoa('binary\u0001'));
    }
  });
});

describe('a host that names no API (127.0.0.1)', () => {
  it("the event's apiId is 'local', the id the IAM resource uses too", async () => {
    const signed = await sign('aws4', {
      method: 'GET',
      host: '127.0.0.1:4566',
      path: '/prod/items',
      query: '',
      service: 'execute-api',
      region: 'eu-west-1',
      creds: caller,
      date: NOW,
    });
    for (const event of await capture('apigateway-rest', signed)) {
      expect((event.requestContext as { apiId: string }).apiId).toBe('local');
    }
  });
});
