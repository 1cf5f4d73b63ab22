import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { credentialsFromEnv } from '@sigv4/core';
import type {
  EmulatedLambdaHandler,
  FrontDoorRefusal,
  IamEmulator,
  RecordedPreflight,
  RecordedRequest,
} from '@sigv4/msw/server';
import { EXIT, type ExitCode } from './exit-codes.js';
import type { CliIo } from './io.js';
import type { EmulateCommand } from './parse-args.js';
import type { Redactor } from './redact.js';
import { escapeControls } from './terminal-text.js';
import { NetworkError, UsageError } from './usage-error.js';

/** AWS's documented example key pair (not a real credential). */
export const EXAMPLE_CREDENTIALS = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
} as const;

const LOG_INTERVAL_MS = 200;

/** One log line per request: method, path (the query may hold a signature) and the verdict. */
export function describeRecorded(recorded: RecordedRequest): string {
  const { raw, result } = recorded;
  const q = raw.target.indexOf('?');
  const path = q === -1 ? raw.target : `${raw.target.slice(0, q)}?…`;
  const verdict = result.ok
    ? `verified (${result.identity.mode}, ${result.identity.service}/${result.identity.region}, ${result.identity.accessKeyId})`
    : `${result.refusal.status} ${result.reason}`;
  return `${raw.method} ${path} -> ${verdict}`;
}

/** One log line per CORS preflight (answered without verifying). */
export function describePreflight(preflight: RecordedPreflight): string {
  const q = preflight.raw.target.indexOf('?');
  const path = q === -1 ? preflight.raw.target : `${preflight.raw.target.slice(0, q)}?…`;
  const verdict = preflight.allowed ? 'allowed' : 'origin not allowed, no CORS headers';
  return `OPTIONS ${path} -> CORS preflight for ${preflight.requestMethod} from ${preflight.origin} (${verdict})`;
}

/**
 * One log line per request refused before it was recorded: the front door's 413, or Node's own
 * 431/400/408 (then with Node's parser code). The target arrives with its query already redacted;
 * a malformed request may have no readable method or target.
 */
export function describeRefusal(refusal: FrontDoorRefusal): string {
  const request =
    refusal.method === undefined || refusal.target === undefined
      ? '(unreadable request line)'
      : `${refusal.method} ${refusal.target}`;
  const detail = refusal.detail === undefined ? '' : ` (${refusal.detail})`;
  return `${request} -> ${refusal.status} ${refusal.reason}${detail}`;
}

/**
 * The emulator's RFC 6761 name for its front door (`{api-id}.execute-api.{region}.localhost`),
 * from which sigv4 infers service and region as from the AWS host: `sigv4 <it>/hello` needs no
 * option, and neither does code that takes its API URL from configuration.
 */
export function byName(emulate: EmulateCommand['emulate'], region: string, port: number): string {
  return emulate === 'lambda-url'
    ? `http://abcdefghij.lambda-url.${region}.localhost:${port}`
    : `http://a1b2c3d4e5.execute-api.${region}.localhost:${port}/prod`;
}

function waitForAbort(signal: AbortSignal | undefined): Promise<void> {
  // Without a signal (embedding without one), run until the process ends.
  if (signal === undefined) return new Promise<void>(() => {});
  if (signal.aborted) return Promise.resolve();
  return new Promise<void>((resolve) =>
    signal.addEventListener('abort', () => resolve(), { once: true }),
  );
}

/**
 * `--handler FILE`: the module's `handler` export (as Lambda's `index.handler`), or its default
 * export. A file that cannot be loaded or has no function there is a usage error.
 */
export async function loadHandler(file: string, cwd: string): Promise<EmulatedLambdaHandler> {
  const path = resolve(cwd, file);
  let module: { handler?: unknown; default?: unknown };
  try {
    module = (await import(pathToFileURL(path).href)) as typeof module;
  } catch (cause) {
    const code = (cause as { code?: unknown }).code;
    throw new UsageError(
      `--handler ${file}: cannot load it${typeof code === 'string' ? ` (${code})` : ''}: ${(cause as Error).message}. Give an ES module (.mjs, or .js in a "type": "module" package).`,
      'emulate',
    );
  }
  const handler = typeof module.handler === 'function' ? module.handler : module.default;
  if (typeof handler !== 'function') {
    throw new UsageError(
      `--handler ${file} exports no function named handler (nor a default one). Export it: export const handler = async (event) => ({ statusCode: 200, body: 'ok' });`,
      'emulate',
    );
  }
  return handler as EmulatedLambdaHandler;
}

/**
 * `sigv4 emulate`: starts @sigv4/msw's IAM emulator on 127.0.0.1, prints how to call it, logs
 * every request to stderr, and stops when `io.signal` aborts (Ctrl-C in the bin).
 */
export async function runEmulate(
  command: EmulateCommand,
  io: CliIo,
  redactor: Redactor,
): Promise<ExitCode> {
  const fromEnv = credentialsFromEnv(io.env);
  const credentials = fromEnv ?? EXAMPLE_CREDENTIALS;
  if (fromEnv) {
    redactor.add(fromEnv.secretAccessKey);
    redactor.add(fromEnv.sessionToken);
  }
  const handler =
    command.handler === undefined ? undefined : await loadHandler(command.handler, process.cwd());
  const { startIamEmulator } = await import('@sigv4/msw/server');
  // A log line quotes the client's method, target and origin: control characters are escaped,
  // so a client can neither drive the operator's terminal nor forge a line of the log.
  const log = (line: string) => io.stderr.write(`${escapeControls(redactor.text(line))}\n`);
  // Emulators that report each request as it is answered (`onRequest`/`onPreflight`, which
  // keep logging once the bounded `requests` list drops old entries) are logged from there;
  // older ones, which only keep every request in `requests`, are polled below. `onRefusal`
  // reports what is refused before it is recorded (413, and Node's own 431/400/408).
  const callbacks = {
    onRequest: (recorded: RecordedRequest) => log(describeRecorded(recorded)),
    onPreflight: (preflight: RecordedPreflight) => log(describePreflight(preflight)),
    onRefusal: (refusal: FrontDoorRefusal) => log(describeRefusal(refusal)),
  };
  let emulator: IamEmulator;
  try {
    emulator = await startIamEmulator({
      ...callbacks,
      emulate: command.emulate,
      credentials: [credentials],
      port: command.port,
      ...(command.region === undefined ? {} : { region: command.region }),
      ...(command.service === undefined ? {} : { service: command.service }),
      ...(command.cors === undefined
        ? {}
        : { cors: command.cors === true ? true : { origins: command.cors } }),
      ...(handler === undefined ? {} : { handler }),
    });
  } catch (cause) {
    const code = (cause as { code?: unknown }).code;
    throw new NetworkError(
      `cannot listen on 127.0.0.1:${command.port}${typeof code === 'string' ? ` (${code})` : ''}.`,
      'pick another --port, or --port 0 for a free one.',
      { cause },
    );
  }
  const service = command.service ?? (command.emulate === 'lambda-url' ? 'lambda' : 'execute-api');
  const region = command.region ?? 'us-east-1';
  const out = (line: string) => io.stdout.write(`${redactor.text(line)}\n`);
  out(`sigv4 IAM emulator (${command.emulate}) listening on ${emulator.url}`);
  out(`  scope: service ${service}, region ${command.region ?? 'any'}`);
  if (command.handler !== undefined) out(`  handler: ${command.handler} answers verified requests`);
  if (command.cors !== undefined) {
    const origins = command.cors === true ? 'any origin' : command.cors.join(', ');
    out(`  CORS: preflights answered, responses readable from ${origins}`);
  }
  if (fromEnv) {
    out(
      `  accepts access key ${fromEnv.accessKeyId} from the environment${fromEnv.sessionToken ? ' (with its session token)' : ''}`,
    );
  } else {
    out("  accepts AWS's example key pair (no credentials in the environment). To sign with it:");
    out(`    export AWS_ACCESS_KEY_ID=${EXAMPLE_CREDENTIALS.accessKeyId}`);
    out(`    export AWS_SECRET_ACCESS_KEY=${EXAMPLE_CREDENTIALS.secretAccessKey}`);
  }
  out(`  try: sigv4 --service ${service} --region ${region} ${emulator.url}/prod/hello`);
  out(`  by URL alone: ${byName(command.emulate, region, emulator.port)}`);
  out('Press Ctrl-C to stop.');

  const reportsItself = 'received' in emulator;
  let logged = 0;
  let loggedPreflights = 0;
  const flush = () => {
    if (reportsItself) return;
    // Bounded by the number of preflights and requests received since the last flush. A
    // preflight comes before the request it clears, so preflights are logged first.
    while (loggedPreflights < emulator.preflights.length) {
      const preflight = emulator.preflights[loggedPreflights];
      loggedPreflights++;
      if (preflight) log(describePreflight(preflight));
    }
    while (logged < emulator.requests.length) {
      const recorded = emulator.requests[logged];
      logged++;
      if (recorded) log(describeRecorded(recorded));
    }
  };
  const timer = setInterval(flush, LOG_INTERVAL_MS);
  try {
    await waitForAbort(io.signal);
  } finally {
    clearInterval(timer);
    flush();
    await emulator.close();
  }
  out('emulator stopped.');
  return EXIT.ok;
}
