/**
 * The same verifier behind a node:http server on loopback, for clients msw cannot intercept
 * (curl --aws-sigv4, botocore, a browser, the CLI) and for `pnpm demo`. Node only.
 */

import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { maxBodyBytes, TOO_LARGE } from './body-limit.js';
import { answerClientError, redactTarget } from './client-error.js';
import type {
  IamEmulator,
  IamEmulatorOptions,
  RawRequest,
  RecordedPreflight,
  RecordedRequest,
} from './contract.js';
import { corsPolicy } from './cors.js';
import { echoBody } from './echo-response.js';
import { invalidOption } from './emulator-error.js';
import { answerWithHandler, checkHandlerOption } from './lambda-front-door.js';
import { createVerifier } from './verify-sigv4.js';

export type {
  EmulatedResource,
  EmulatedService,
  FrontDoorRefusal,
  IamEmulator,
  IamEmulatorCorsOptions,
  IamEmulatorOptions,
  KnownCredential,
  PolicyDocument,
  PolicyStatement,
  RawRequest,
  RecordedBody,
  RecordedPreflight,
  RecordedRequest,
  VerifiedIdentity,
  VerifyResult,
} from './contract.js';
export {
  type EmulatorErrorCode,
  isSigV4EmulatorError,
  SigV4EmulatorError,
} from './emulator-error.js';
export type { FrontDoorEvent } from './lambda-event.js';
export type { EmulatedLambdaHandler } from './lambda-invoke.js';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);
const DEFAULT_RECORD_REQUESTS = 100;
const DEFAULT_RECORD_BODY_BYTES = 64 * 1024;

/** Node gives the request-target as latin1; raw UTF-8 bytes on the wire are decoded back here. */
function rawTarget(url: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: checking for bytes above ASCII
  return /[^\u0000-\u007f]/.test(url) ? Buffer.from(url, 'latin1').toString('utf8') : url;
}

function pairs(rawHeaders: readonly string[]): Array<readonly [string, string]> {
  const out: Array<readonly [string, string]> = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    out.push([rawHeaders[i] ?? '', rawHeaders[i + 1] ?? '']);
  }
  return out;
}

/** Reads the body, or undefined once it exceeds `max` (the rest is drained, not kept). */
async function readBody(req: IncomingMessage, max: number): Promise<Uint8Array | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= max) chunks.push(chunk);
  }
  return size > max ? undefined : new Uint8Array(Buffer.concat(chunks));
}

/** Appends to a list that keeps only its last `limit` entries. */
function pushBounded<T>(list: T[], item: T, limit: number): void {
  list.push(item);
  if (list.length > limit) list.splice(0, list.length - limit);
}

function countOption(name: string, value: number | undefined, fallback: number): number {
  const n = value ?? fallback;
  if (!Number.isInteger(n) || n < 0) {
    invalidOption(name, `is ${value}`, `Use a whole number >= 0 (default ${fallback}).`);
  }
  return n;
}

/**
 * Starts the emulator on 127.0.0.1 (or another loopback name) and a free port unless `port` is
 * given. `close()` stops it.
 *
 * @example
 * ```ts
 * const emulator = await startIamEmulator({
 *   emulate: 'apigateway-rest',
 *   region: 'us-east-1',
 *   credentials: [{ accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' }],
 * });
 * // curl --aws-sigv4 "aws:amz:us-east-1:execute-api" --user AKIDTEST:secret "$URL/prod/items"
 * console.log(emulator.url);
 * await emulator.close();
 * ```
 */
export async function startIamEmulator(options: IamEmulatorOptions): Promise<IamEmulator> {
  const hostname = options.hostname ?? '127.0.0.1';
  if (!LOOPBACK.has(hostname)) {
    invalidOption(
      'hostname',
      `is ${JSON.stringify(hostname)}`,
      "Use '127.0.0.1', 'localhost' or '::1': the emulator listens on loopback only.",
    );
  }
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    invalidOption('port', `is ${port}`, 'Use 0 (a free port) or 1-65535.');
  }
  const verify = createVerifier(options);
  checkHandlerOption(options);
  const cors = corsPolicy(options.cors);
  const recordRequests = countOption(
    'recordRequests',
    options.recordRequests,
    DEFAULT_RECORD_REQUESTS,
  );
  const recordBodyBytes = countOption(
    'recordBodyBytes',
    options.recordBodyBytes,
    DEFAULT_RECORD_BODY_BYTES,
  );
  const maxBody = maxBodyBytes(options.emulate);
  const requests: RecordedRequest[] = [];
  const preflights: RecordedPreflight[] = [];
  let received = 0;
  const record = (raw: RawRequest, result: RecordedRequest['result']): void => {
    received++;
    const kept = raw.body.byteLength <= recordBodyBytes;
    const recorded: RecordedRequest = {
      raw: kept ? raw : { ...raw, body: new Uint8Array() },
      result,
      body: {
        byteLength: raw.body.byteLength,
        sha256: createHash('sha256').update(raw.body).digest('hex'),
        kept,
      },
    };
    pushBounded(requests, recorded, recordRequests);
    options.onRequest?.(recorded);
  };
  /** Every answer goes out here: with CORS on, an allowed origin gets its headers (403s too). */
  const send = (
    res: ServerResponse,
    requestHeaders: RawRequest['headers'],
    answer: { status: number; headers: Record<string, string>; body: string | Uint8Array },
  ) => {
    const headers = cors ? cors.decorate(requestHeaders, answer.headers) : answer.headers;
    res.writeHead(answer.status, headers).end(answer.body);
  };

  const handle = async (
    req: IncomingMessage,
    res: ServerResponse,
    headers: RawRequest['headers'],
  ): Promise<void> => {
    const body = await readBody(req, maxBody);
    if (body === undefined) {
      send(res, headers, { ...TOO_LARGE, headers: { ...TOO_LARGE.headers } });
      options.onRefusal?.({
        status: TOO_LARGE.status,
        reason: 'body-too-large',
        method: req.method ?? 'GET',
        target: redactTarget(rawTarget(req.url ?? '/')),
      });
      return;
    }
    const raw: RawRequest = {
      method: req.method ?? 'GET',
      host: req.headers.host ?? '',
      target: rawTarget(req.url ?? '/'),
      headers,
      body,
    };
    const preflight = cors?.preflight(raw);
    if (preflight !== undefined) {
      // Answered by the front door and never verified: a preflight carries no signature.
      pushBounded(preflights, preflight.recorded, recordRequests);
      options.onPreflight?.(preflight.recorded);
      res.writeHead(204, preflight.headers).end();
      return;
    }
    const result = await verify(raw);
    record(raw, result);
    if (!result.ok) {
      const { status, headers: refusalHeaders, body: refusalBody } = result.refusal;
      send(res, headers, { status, headers: { ...refusalHeaders }, body: refusalBody });
      return;
    }
    if (options.handler !== undefined) {
      const answer = await answerWithHandler({
        handler: options.handler,
        emulate: options.emulate,
        raw,
        identity: result.identity,
        resource: options.resource,
        sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
        now: (options.clock ?? (() => new Date()))(),
      });
      const out = cors ? cors.decorate(headers, answer.headers) : { ...answer.headers };
      res.writeHead(answer.status, {
        ...out,
        ...(answer.cookies.length === 0 ? {} : { 'set-cookie': [...answer.cookies] }),
      });
      res.end(answer.body);
      return;
    }
    const answer =
      options.resolver === undefined
        ? {
            status: 200,
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(echoBody({ ...raw, identity: result.identity })),
          }
        : await options.resolver({ raw, identity: result.identity });
    send(res, headers, {
      status: answer.status ?? 200,
      headers: answer.headers ?? {},
      body: answer.body ?? '',
    });
  };

  const server = createServer((req, res) => {
    const headers = pairs(req.rawHeaders);
    handle(req, res, headers).catch((error: unknown) => {
      const message = JSON.stringify({ message: `[sigv4/msw] emulator error: ${String(error)}` });
      if (res.headersSent) res.end();
      else
        send(res, headers, {
          status: 500,
          headers: { 'content-type': 'application/json' },
          body: message,
        });
    });
  });

  // Node answers these itself (431, 400, 408); the listener writes the same bytes and reports.
  server.on('clientError', (error, socket) => answerClientError(error, socket, options.onRefusal));

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, hostname, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${shownHost}:${address.port}`,
    port: address.port,
    requests,
    preflights,
    get received() {
      return received;
    },
    reset() {
      requests.length = 0;
      preflights.length = 0;
      received = 0;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
