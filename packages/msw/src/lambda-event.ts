/**
 * The event a front door hands to its Lambda function, built from the request as it arrived and
 * the caller the verifier established: REST API proxy integration (payload 1.0, with
 * `requestContext.identity`), HTTP API (payload 2.0, `requestContext.authorizer.iam`) and function
 * URL (2.0 with the function URL's fixed fields). Field by field as in AWS's documentation (API
 * Gateway developer guide: "Set up Lambda proxy integrations" and "Working with AWS Lambda proxy
 * integrations for HTTP APIs"; Lambda developer guide: "Invoking Lambda function URLs").
 */
import type {
  APIGatewayProxyEvent,
  APIGatewayProxyEventV2WithIAMAuthorizer,
  LambdaFunctionURLEventWithIAMAuthorizer,
} from 'aws-lambda';
import type {
  EmulatedResource,
  EmulatedService,
  RawRequest,
  VerifiedIdentity,
} from './contract.js';
import { frontDoorId, inferFromHost } from './host-patterns.js';
import { DEFAULT_ACCOUNT } from './iam-authorize.js';
import {
  clfTime,
  eventBody,
  headerValue,
  hostPrefix,
  type RequestParts,
  requestParts,
} from './lambda-request-parts.js';

/** The event of any of the three front doors. */
export type FrontDoorEvent =
  | APIGatewayProxyEvent
  | APIGatewayProxyEventV2WithIAMAuthorizer
  | LambdaFunctionURLEventWithIAMAuthorizer;

/** What an event is built from. */
export interface EventInput {
  readonly emulate: EmulatedService;
  readonly raw: RawRequest;
  readonly identity: VerifiedIdentity;
  readonly resource?: EmulatedResource | undefined;
  /** The caller's address (the socket's peer; 127.0.0.1 under msw). */
  readonly sourceIp: string;
  readonly now: Date;
  readonly requestId: string;
}

/** Splits `/prod/orders/42` into stage `prod` and `/orders/42` (unless a stage is configured). */
function stageOf(path: string, configured: string | undefined): { stage: string; rest: string } {
  if (configured !== undefined) return { stage: configured, rest: path };
  const m = /^\/([^/]*)(\/.*)?$/.exec(path);
  return { stage: m?.[1] ?? '', rest: m?.[2] ?? '/' };
}

const single = (pairs: ReadonlyArray<readonly [string, string]>) =>
  Object.fromEntries(pairs.map(([name, value]) => [name, value]));

function multi(pairs: ReadonlyArray<readonly [string, string]>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, value] of pairs) {
    const values = out[name];
    if (values === undefined) out[name] = [value];
    else values.push(value);
  }
  return out;
}

/**
 * REST API, Lambda proxy integration (payload 1.0). The emulated API is one greedy proxy resource,
 * `ANY /{proxy+}`, on the stage named by the first path segment.
 */
export function restEvent(input: EventInput, parts: RequestParts): APIGatewayProxyEvent {
  const { identity } = input;
  const { stage, rest } = stageOf(parts.path, input.resource?.stage);
  const headerPairs = parts.headers.flatMap(([name, values]) =>
    values.map((value) => [name, value] as const),
  );
  const { body, isBase64Encoded } = eventBody(parts, 'always-text');
  const proxy = rest.replace(/^\//, '');
  const apiId = input.resource?.apiId ?? frontDoorId(parts.host);
  return {
    resource: '/{proxy+}',
    path: rest,
    httpMethod: parts.method,
    headers: single(headerPairs),
    multiValueHeaders: multi(headerPairs),
    queryStringParameters: parts.query.length === 0 ? null : single(parts.query),
    multiValueQueryStringParameters: parts.query.length === 0 ? null : multi(parts.query),
    pathParameters: proxy === '' ? null : { proxy },
    stageVariables: null,
    requestContext: {
      accountId: input.resource?.accountId ?? DEFAULT_ACCOUNT,
      apiId,
      authorizer: undefined,
      domainName: parts.host.replace(/:\d+$/, ''),
      domainPrefix: hostPrefix(parts.host),
      extendedRequestId: input.requestId,
      httpMethod: parts.method,
      identity: {
        accessKey: identity.accessKeyId,
        accountId: identity.accountId,
        apiKey: null,
        apiKeyId: null,
        caller: identity.userId,
        clientCert: null,
        cognitoAuthenticationProvider: null,
        cognitoAuthenticationType: null,
        cognitoIdentityId: null,
        cognitoIdentityPoolId: null,
        principalOrgId: null,
        sourceIp: input.sourceIp,
        user: identity.userId,
        userAgent: headerValue(parts, 'user-agent') ?? null,
        userArn: identity.principalArn,
      },
      path: parts.path,
      protocol: 'HTTP/1.1',
      requestId: input.requestId,
      requestTime: clfTime(input.now),
      requestTimeEpoch: input.now.getTime(),
      resourceId: 'proxy0',
      resourcePath: '/{proxy+}',
      stage,
    },
    body: body ?? null,
    isBase64Encoded,
  };
}

/** The payload 2.0 body of HTTP APIs and function URLs (they differ in a few fixed fields). */
function v2Event(input: EventInput, parts: RequestParts, stage: string) {
  const { identity } = input;
  const headers: Record<string, string> = {};
  let cookies: string[] | undefined;
  for (const [name, values] of parts.headers) {
    const key = name.toLowerCase();
    if (key === 'cookie') {
      cookies = values.flatMap((v) => v.split(';').map((c) => c.trim())).filter((c) => c !== '');
    } else headers[key] = values.join(',');
  }
  const query: Record<string, string> = {};
  for (const [name, value] of parts.query) {
    query[name] = query[name] === undefined ? value : `${query[name]},${value}`;
  }
  const { body, isBase64Encoded } = eventBody(parts, 'by-content-type');
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: parts.path,
    rawQueryString: parts.rawQuery,
    ...(cookies === undefined ? {} : { cookies }),
    headers,
    ...(parts.query.length === 0 ? {} : { queryStringParameters: query }),
    requestContext: {
      accountId: input.resource?.accountId ?? DEFAULT_ACCOUNT,
      apiId: frontDoorId(parts.host),
      authorizer: {
        iam: {
          accessKey: identity.accessKeyId,
          accountId: identity.accountId,
          callerId: identity.userId,
          cognitoIdentity: null,
          principalOrgId: null,
          userArn: identity.principalArn,
          userId: identity.userId,
        },
      },
      domainName: parts.host.replace(/:\d+$/, ''),
      domainPrefix: hostPrefix(parts.host),
      http: {
        method: parts.method,
        path: parts.path,
        protocol: 'HTTP/1.1',
        sourceIp: input.sourceIp,
        userAgent: headerValue(parts, 'user-agent') ?? '',
      },
      requestId: input.requestId,
      routeKey: '$default',
      stage,
      time: clfTime(input.now),
      timeEpoch: input.now.getTime(),
    },
    ...(body === undefined ? {} : { body }),
    isBase64Encoded,
  };
}

/** HTTP API, payload 2.0, route `$default`, IAM authorization. */
export function httpApiEvent(
  input: EventInput,
  parts: RequestParts,
): APIGatewayProxyEventV2WithIAMAuthorizer {
  const event = v2Event(input, parts, stageOf(parts.path, input.resource?.stage).stage);
  if (input.resource?.apiId !== undefined) event.requestContext.apiId = input.resource.apiId;
  // @types/aws-lambda types principalOrgId as a string; AWS sends null when there is no org.
  return event as unknown as APIGatewayProxyEventV2WithIAMAuthorizer;
}

/**
 * Function URL: payload 2.0 with `routeKey`/`stage` `$default`, `authentication`,
 * `pathParameters` and `stageVariables` null, as the Lambda developer guide's example shows.
 */
export function functionUrlEvent(
  input: EventInput,
  parts: RequestParts,
): LambdaFunctionURLEventWithIAMAuthorizer {
  const event = v2Event(input, parts, '$default');
  const withNulls = {
    ...event,
    requestContext: { ...event.requestContext, authentication: null },
    pathParameters: null,
    stageVariables: null,
  };
  return withNulls as unknown as LambdaFunctionURLEventWithIAMAuthorizer;
}

/**
 * The request as the function sees it: a loopback name (`{id}.execute-api.{region}.localhost`) is
 * the AWS host it stands for, in `Host` and `domainName`.
 */
function asAwsHost(parts: RequestParts): RequestParts {
  const awsHost = inferFromHost(parts.host)?.awsHost;
  if (awsHost === undefined || awsHost === parts.host) return parts;
  return {
    ...parts,
    host: awsHost,
    headers: parts.headers.map(([name, values]) =>
      name.toLowerCase() === 'host' ? [name, [awsHost]] : [name, values],
    ),
  };
}

/** The event of the emulated front door, as the function receives it (JSON, as Lambda sends it). */
export function buildEvent(input: EventInput): FrontDoorEvent {
  const parts = asAwsHost(requestParts(input.raw));
  const event =
    input.emulate === 'apigateway-rest'
      ? restEvent(input, parts)
      : input.emulate === 'apigateway-http'
        ? httpApiEvent(input, parts)
        : functionUrlEvent(input, parts);
  return JSON.parse(JSON.stringify(event)) as FrontDoorEvent;
}
