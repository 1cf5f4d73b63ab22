/**
 * The front door in front of a Lambda handler: builds the event of the emulated front door for a
 * verified request, invokes the handler, and gives back the HTTP answer, for the msw handler and
 * the local server alike.
 */
import type {
  EmulatedResource,
  EmulatedService,
  RawRequest,
  VerifiedIdentity,
} from './contract.js';
import { invalidOption } from './emulator-error.js';
import { buildEvent } from './lambda-event.js';
import { type EmulatedLambdaHandler, invokeHandler } from './lambda-invoke.js';
import type { LambdaHttpResponse } from './lambda-result.js';

/** Checks `handler` and `resolver` once, when the options are read. */
export function checkHandlerOption(options: {
  readonly handler?: unknown;
  readonly resolver?: unknown;
}): void {
  if (options.handler === undefined) return;
  if (typeof options.handler !== 'function') {
    invalidOption(
      'handler',
      'is not a function',
      'Pass a Lambda handler: async (event, context) => result.',
    );
  }
  if (options.resolver !== undefined) {
    invalidOption(
      'handler',
      'is given together with `resolver`',
      'Pass one of them: the handler answers with a Lambda result, the resolver with an HTTP response.',
    );
  }
}

/** What a verified request needs to reach the handler. */
export interface FrontDoorInput {
  readonly handler: EmulatedLambdaHandler;
  readonly emulate: EmulatedService;
  readonly raw: RawRequest;
  readonly identity: VerifiedIdentity;
  readonly resource?: EmulatedResource | undefined;
  readonly sourceIp: string;
  readonly now: Date;
}

/** Runs the handler for one verified request; the answer carries the request id AWS sends. */
export async function answerWithHandler(input: FrontDoorInput): Promise<LambdaHttpResponse> {
  const requestId = globalThis.crypto.randomUUID();
  const event = buildEvent({ ...input, requestId });
  const answer = await invokeHandler({
    handler: input.handler,
    event,
    emulate: input.emulate,
    requestId,
    region: input.identity.region,
    resource: input.resource,
  });
  return { ...answer, headers: { ...answer.headers, 'x-amzn-RequestId': requestId } };
}
