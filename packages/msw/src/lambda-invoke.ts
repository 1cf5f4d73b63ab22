/**
 * Runs the user's Lambda handler the way the runtime does: with the event, a `Context`, and a
 * callback for callback-style handlers; bounded by the front door's time limit.
 */
import type { Callback, Context } from 'aws-lambda';
import type { EmulatedResource, EmulatedService } from './contract.js';
import { DEFAULT_ACCOUNT } from './iam-authorize.js';
import type { FrontDoorEvent } from './lambda-event.js';
import { badGateway, type LambdaHttpResponse, mapResult } from './lambda-result.js';

/**
 * A Lambda handler for the emulated front door: `(event, context) => result` (async), or the
 * callback style. Declared bivariantly so a handler typed for one front door's event
 * (`APIGatewayProxyHandler`, `APIGatewayProxyHandlerV2WithIAMAuthorizer`,
 * `LambdaFunctionURLHandlerWithIAMAuthorizer`) can be passed as it is.
 */
export type EmulatedLambdaHandler = {
  bivarianceHack(event: FrontDoorEvent, context: Context, callback: Callback): unknown;
}['bivarianceHack'];

/** API Gateway's integration timeout; function URLs run up to Lambda's 15 minutes. */
const TIME_LIMIT_MS: Record<EmulatedService, number> = {
  'apigateway-rest': 29_000,
  'apigateway-http': 30_000,
  'lambda-url': 900_000,
};

/**
 * API Gateway's answer when the integration does not answer in time: 504
 * `{"message": "Endpoint request timed out"}` (reported: CodeGenieApp/serverless-express#111,
 * zappa/Zappa#1294); for a function URL, the emulator answers like a failed function (502).
 */
function timedOut(emulate: EmulatedService): LambdaHttpResponse {
  if (emulate === 'lambda-url') return badGateway(emulate);
  return {
    status: 504,
    headers: { 'content-type': 'application/json' },
    cookies: [],
    body: new TextEncoder().encode('{"message": "Endpoint request timed out"}'),
  };
}

function lambdaContext(
  requestId: string,
  region: string,
  resource: EmulatedResource | undefined,
  deadline: number,
): Context {
  const name = resource?.functionName ?? 'my-function';
  const account = resource?.accountId ?? DEFAULT_ACCOUNT;
  const unsupported = () => {
    throw new Error('[sigv4/msw] context.done/fail/succeed are not emulated: return a result.');
  };
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: name,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${region}:${account}:function:${name}`,
    memoryLimitInMB: '128',
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${name}`,
    logStreamName: `emulated/[$LATEST]${requestId.replace(/-/g, '')}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: unsupported,
    fail: unsupported,
    succeed: unsupported,
  };
}

/** What `invokeHandler` needs. */
export interface InvokeInput {
  readonly handler: EmulatedLambdaHandler;
  readonly event: FrontDoorEvent;
  readonly emulate: EmulatedService;
  readonly requestId: string;
  readonly region: string;
  readonly resource?: EmulatedResource | undefined;
}

/**
 * Invokes the handler and maps its result to the front door's HTTP answer. A handler that
 * throws gets the front door's 502 (the error is written to `console.error`, where Lambda would
 * log it to CloudWatch).
 */
export async function invokeHandler(input: InvokeInput): Promise<LambdaHttpResponse> {
  const limit = TIME_LIMIT_MS[input.emulate];
  const context = lambdaContext(input.requestId, input.region, input.resource, Date.now() + limit);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const outcome = new Promise<{ result: unknown } | { error: unknown } | 'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), limit);
    const callback: Callback = (error, result) =>
      resolve(error === null || error === undefined ? { result } : { error });
    try {
      const returned = input.handler(input.event, context, callback);
      // An async handler answers with its promise; a callback-style one through the callback.
      if (returned !== undefined || input.handler.length < 3) {
        Promise.resolve(returned).then(
          (result) => resolve({ result }),
          (error: unknown) => resolve({ error }),
        );
      }
    } catch (error) {
      resolve({ error });
    }
  });
  const settled = await outcome;
  clearTimeout(timer);
  if (settled === 'timeout') return timedOut(input.emulate);
  if ('error' in settled) {
    console.error('[sigv4/msw] the Lambda handler failed:', settled.error);
    return badGateway(input.emulate);
  }
  return mapResult(settled.result, input.emulate);
}
