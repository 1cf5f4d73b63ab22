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
  /^([a-z0-9-]+)\.execute-api\.([a-z0-9-]+)\.(?:vpce\.)?amazonaws\.com(?:\.cn)?(?::\d+)?$/;
const LAMBDA_URL = /^([a-z0-9]+)\.lambda-url\.([a-z0-9-]+)\.on\.aws(?::\d+)?$/;
// RFC 6761 loopback names standing for those hosts, so code can point at the emulator by URL alone.
const EXECUTE_API_LOOPBACK = /^([a-z0-9-]+)\.execute-api\.([a-z0-9-]+)\.localhost\.?(?::\d+)?$/;
const LAMBDA_URL_LOOPBACK = /^([a-z0-9]+)\.lambda-url\.([a-z0-9-]+)\.localhost\.?(?::\d+)?$/;

/** What an AWS host tells about itself, if it is an execute-api or lambda-url host. */
export interface InferredHost {
  readonly emulate: EmulatedService;
  readonly region: string;
  /**
   * The AWS host the request is treated as coming to, without a port: the host itself, or for a
   * loopback name (`{api-id}.execute-api.{region}.localhost:{port}`) the AWS host it stands for
   * (`{api-id}.execute-api.{region}.amazonaws.com`).
   */
  readonly awsHost: string;
}

/**
 * `{id}.execute-api.{region}.amazonaws.com` (also `.com.cn`, private `vpce` hosts) is API
 * Gateway (REST unless told otherwise: the host does not say), `{id}.lambda-url.{region}.on.aws`
 * a Lambda function URL. Their RFC 6761 loopback forms, `{id}.execute-api.{region}.localhost` and
 * `{id}.lambda-url.{region}.localhost` (any port), are treated as those AWS hosts.
 */
export function inferFromHost(host: string): InferredHost | undefined {
  const lower = host.toLowerCase();
  const withoutPort = lower.replace(/:\d+$/, '');
  const api = EXECUTE_API.exec(lower);
  if (api?.[2] !== undefined) {
    return { emulate: 'apigateway-rest', region: api[2], awsHost: withoutPort };
  }
  const lambda = LAMBDA_URL.exec(lower);
  if (lambda?.[2] !== undefined) {
    return { emulate: 'lambda-url', region: lambda[2], awsHost: withoutPort };
  }
  const localApi = EXECUTE_API_LOOPBACK.exec(lower);
  if (localApi?.[1] !== undefined && localApi[2] !== undefined) {
    const [, id, region] = localApi;
    return {
      emulate: 'apigateway-rest',
      region,
      awsHost: `${id}.execute-api.${region}.amazonaws.com`,
    };
  }
  const localUrl = LAMBDA_URL_LOOPBACK.exec(lower);
  if (localUrl?.[1] !== undefined && localUrl[2] !== undefined) {
    const [, id, region] = localUrl;
    return { emulate: 'lambda-url', region, awsHost: `${id}.lambda-url.${region}.on.aws` };
  }
  return undefined;
}

/** The signing name of each front door. */
export function defaultService(emulate: EmulatedService): string {
  return emulate === 'lambda-url' ? 'lambda' : 'execute-api';
}

/**
 * The API id or function URL id a host names (`abc123` of `abc123.execute-api.{region}...`, also
 * of a private API's `abc123-vpce-....` and of the loopback names), or `'local'` for any other
 * host (127.0.0.1, a custom name): the id in IAM resources and in the handler's event.
 */
export function frontDoorId(host: string): string {
  const awsHost = inferFromHost(host)?.awsHost;
  if (awsHost === undefined) return 'local';
  return (awsHost.split('.')[0] ?? 'local').replace(/-vpce-[a-z0-9]+$/, '');
}
