/**
 * An msw request handler that stands in for IAM-protected API Gateway APIs and Lambda function
 * URLs: for guarded hosts it verifies the signature of the request as it arrived and either
 * answers like AWS does on failure or hands the request, with the verified identity, to your
 * resolver.
 */
import { type HttpHandler, http } from 'msw';
import { maxBodyBytes, TOO_LARGE } from './body-limit.js';
import type { EmulatedService, RawRequest, SigV4HandlerOptions } from './contract.js';
import { echoBody } from './echo-response.js';
import { invalidOption, SigV4EmulatorError } from './emulator-error.js';
import { compileHostPatterns, inferFromHost } from './host-patterns.js';
import { answerWithHandler, checkHandlerOption } from './lambda-front-door.js';
import { createVerifier, type Verifier } from './verify-sigv4.js';

/**
 * Guards the hosts in `options.hosts`. Use it with `setupServer` / `setupWorker` like any handler.
 *
 * @example
 * ```ts
 * const server = setupServer(
 *   sigv4Handler({
 *     hosts: '*.execute-api.eu-west-1.amazonaws.com',
 *     credentials: [{ accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' }],
 *   }),
 * );
 * server.listen({ onUnhandledRequest: 'error' });
 * ```
 */
export function sigv4Handler(options: SigV4HandlerOptions): HttpHandler {
  const hosts = options.hosts;
  if (hosts === undefined || (Array.isArray(hosts) && hosts.length === 0)) {
    invalidOption(
      'hosts',
      'is empty',
      "Pass a host, a glob such as '*.execute-api.*.amazonaws.com', or a RegExp.",
    );
  }
  const matches = compileHostPatterns(hosts);
  if (options.emulate === undefined) requireFrontDoorHosts(hosts);
  checkHandlerOption(options);
  const verifiers = new Map<string, Verifier>();
  // Validate credentials etc. now rather than on the first request.
  createVerifier({ ...options, emulate: options.emulate ?? 'apigateway-rest' });

  const emulateFor = (host: string): EmulatedService | undefined =>
    options.emulate ?? inferFromHost(host)?.emulate;

  const verifierFor = (host: string): Verifier => {
    const inferred = inferFromHost(host);
    const emulate = emulateFor(host);
    if (emulate === undefined) {
      throw new SigV4EmulatorError(
        'ERR_SIGV4_INVALID_OPTION',
        `Option \`emulate\` is needed for host ${host}: it is neither *.execute-api.* nor *.lambda-url.*. Pass emulate: 'apigateway-rest' | 'apigateway-http' | 'lambda-url'.`,
      );
    }
    const region = options.region ?? inferred?.region;
    const key = `${emulate} ${region ?? ''}`;
    let verifier = verifiers.get(key);
    if (verifier === undefined) {
      verifier = createVerifier({ ...options, emulate, region });
      verifiers.set(key, verifier);
    }
    return verifier;
  };

  return http.all(
    ({ request }) => matches(new URL(request.url).host),
    async ({ request }) => {
      const url = new URL(request.url);
      // fetch cannot set Host and msw sees the request before it is serialised: the URL is what
      // goes on the wire, so its host, path and query are taken as they are.
      const verify = verifierFor(url.host);
      const body = new Uint8Array(await request.clone().arrayBuffer());
      const emulate = emulateFor(url.host) ?? 'apigateway-rest';
      if (body.byteLength > maxBodyBytes(emulate)) {
        return new Response(TOO_LARGE.body, {
          status: TOO_LARGE.status,
          headers: TOO_LARGE.headers,
        });
      }
      const raw: RawRequest = {
        method: request.method,
        host: url.host,
        target: `${url.pathname}${url.search}`,
        headers: withWireHeaders(request, body),
        body,
      };
      const result = await verify(raw);
      if (!result.ok) {
        return new Response(result.refusal.body, {
          status: result.refusal.status,
          headers: result.refusal.headers,
        });
      }
      if (options.resolver !== undefined) {
        return options.resolver({ request, identity: result.identity, body });
      }
      if (options.handler !== undefined) {
        const answer = await answerWithHandler({
          handler: options.handler,
          emulate,
          raw,
          identity: result.identity,
          resource: options.resource,
          sourceIp: '127.0.0.1', // msw sees no socket
          now: (options.clock ?? (() => new Date()))(),
        });
        const headers = new Headers(answer.headers);
        for (const cookie of answer.cookies) headers.append('set-cookie', cookie);
        return new Response(answer.body.byteLength === 0 ? null : new Uint8Array(answer.body), {
          status: answer.status,
          headers,
        });
      }
      return Response.json(echoBody({ ...raw, identity: result.identity }));
    },
  );
}

/**
 * `Request.headers` plus the `content-length` the runtime writes on the wire (a browser always
 * does), following the fetch standard: the body's length when there is a body, `0` for a POST or
 * PUT without one. A client that signed it is then judged on what AWS would see.
 */
function withWireHeaders(request: Request, body: Uint8Array): Array<readonly [string, string]> {
  const headers: Array<readonly [string, string]> = [...request.headers];
  if (request.headers.has('content-length')) return headers;
  const method = request.method.toUpperCase();
  if (request.body !== null) headers.push(['content-length', String(body.byteLength)]);
  else if (method === 'POST' || method === 'PUT') headers.push(['content-length', '0']);
  return headers;
}

/**
 * Without `emulate`, the front door of each request comes from its host: every string pattern
 * must name execute-api or lambda-url hosts (a RegExp cannot be read, and is checked per
 * request). Refused here, naming the option, rather than as a 500 on every request.
 */
function requireFrontDoorHosts(hosts: SigV4HandlerOptions['hosts']): void {
  for (const pattern of Array.isArray(hosts) ? hosts : [hosts]) {
    if (typeof pattern !== 'string') continue;
    // A host the glob matches: each `*` one label (a port when it follows `:`).
    const sample = pattern.replace(/:\*$/, ':4566').replaceAll('*', 'a1b2c3d4e5');
    if (inferFromHost(sample) === undefined) {
      invalidOption(
        'emulate',
        `is needed for hosts '${pattern}', which is neither an API Gateway (*.execute-api.*) nor a Lambda function URL (*.lambda-url.*) host`,
        "Pass emulate: 'apigateway-rest' | 'apigateway-http' | 'lambda-url'.",
      );
    }
  }
}
