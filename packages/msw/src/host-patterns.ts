/**
 * Which hosts a handler guards, and what an AWS host says about itself (front door and region).
 */

// The one host grammar of sigv4 (@sigv4/fetch's `wrapGlobalFetch({ hosts })` uses it too). It lives
// in @sigv4/core and has no imports: the build inlines it, so @sigv4/msw depends on nothing.
import { compileHostList, type HostPattern } from '../../core/src/host-pattern.js';
import type { EmulatedService } from './contract.js';
import { invalidOption } from './emulator-error.js';

export type { HostPattern };

/** Compiles patterns once; the result tests a host (`name` or `name:port`, any case). */
export function compileHostPatterns(
  patterns: HostPattern | ReadonlyArray<HostPattern>,
): (host: string) => boolean {
  return compileHostList(patterns, (entry, problem) =>
    invalidOption(
      'hosts',
      `has the entry '${entry}', which ${problem}`,
      "Pass a host, a glob such as '*.execute-api.*.amazonaws.com', or a RegExp.",
    ),
  );
}

const EXECUTE_API =
  /^[a-z0-9-]+\.execute-api\.([a-z0-9-]+)\.(?:vpce\.)?amazonaws\.com(?:\.cn)?(?::\d+)?$/;
const LAMBDA_URL = /^[a-z0-9]+\.lambda-url\.([a-z0-9-]+)\.on\.aws(?::\d+)?$/;

/** What an AWS host tells about itself, if it is an execute-api or lambda-url host. */
export interface InferredHost {
  readonly emulate: EmulatedService;
  readonly region: string;
}

/**
 * `{id}.execute-api.{region}.amazonaws.com` (also `.com.cn`, private `vpce` hosts) is API
 * Gateway (REST unless told otherwise: the host does not say), `{id}.lambda-url.{region}.on.aws`
 * a Lambda function URL.
 */
export function inferFromHost(host: string): InferredHost | undefined {
  const lower = host.toLowerCase();
  const api = EXECUTE_API.exec(lower);
  if (api?.[1] !== undefined) return { emulate: 'apigateway-rest', region: api[1] };
  const lambda = LAMBDA_URL.exec(lower);
  if (lambda?.[1] !== undefined) return { emulate: 'lambda-url', region: lambda[1] };
  return undefined;
}

/** The signing name of each front door. */
export function defaultService(emulate: EmulatedService): string {
  return emulate === 'lambda-url' ? 'lambda' : 'execute-api';
}
