import {
  type AwsCredentials,
  explain403,
  formatExplanation,
  resolveSigningScope,
} from '@sigv4/core';
import type { SignedRequestInfo } from '@sigv4/fetch';
import { cliCredentials, describeCredentialSource } from './cli-credentials.js';
import { createDeadline, type Deadline } from './deadline.js';
import { EXIT, type ExitCode } from './exit-codes.js';
import type { CliIo } from './io.js';
import { fileSink, type OutputSink, stdoutSink } from './output-sink.js';
import type { RequestCommand } from './parse-args.js';
import { createProgressMeter, type ProgressMeter } from './progress-meter.js';
import { readBody } from './read-body.js';
import type { Redactor } from './redact.js';
import { createRequestLog, type RequestLog, responseHeaderLines } from './request-log.js';
import { streamBody } from './stream-body.js';
import { escapeControls } from './terminal-text.js';
import { createTransport } from './transport.js';
import { transportFailure } from './transport-failure.js';
import { OutputError } from './usage-error.js';

const UTF8 = new TextEncoder();

function shortKey(accessKeyId: string): string {
  return accessKeyId.length > 8
    ? `${accessKeyId.slice(0, 4)}…${accessKeyId.slice(-4)}`
    : accessKeyId;
}

/** The credentials provider, remembering what it resolved (for -v and the 403 explanation). */
function recordingCredentials(command: RequestCommand, io: CliIo, redactor: Redactor) {
  const provider = cliCredentials(command.profile, io.env, redactor);
  let last: AwsCredentials | undefined;
  return {
    provider: async () => {
      last = await provider();
      return last;
    },
    last: () => last,
  };
}

function isTty(stream: CliIo['stderr']): boolean {
  return (stream as { isTTY?: unknown }).isTTY === true;
}

/** The body's length for the meter: Content-Length, when no Content-Encoding changes it. */
function knownLength(response: Response): number | undefined {
  if (response.headers.has('content-encoding')) return undefined;
  const length = Number(response.headers.get('content-length') ?? Number.NaN);
  return Number.isSafeInteger(length) && length >= 0 ? length : undefined;
}

/** Where the location of a redirect points, without its query (it may carry a signature). */
function shownLocation(location: string, base: string): string {
  try {
    const url = new URL(location, base);
    return `${url.origin}${url.pathname}${url.search ? '?…' : ''}`;
  } catch {
    return JSON.stringify(location);
  }
}

/**
 * `sigv4 [options] URL`: @sigv4/fetch's signed fetch sends it (signing, redirects, abort), the
 * body streams to stdout or `-o FILE` as it arrives, and an AWS 403 is explained on stderr.
 */
export async function runRequest(
  command: RequestCommand,
  io: CliIo,
  redactor: Redactor,
): Promise<ExitCode> {
  // Scope first (with io.env's AWS_REGION): an unknown host fails before stdin is read.
  const scope = resolveSigningScope(command.url, {
    service: command.service,
    region: command.region,
    env: io.env,
  });
  const quiet = command.silent && !command.verbose;
  const log = createRequestLog(io, redactor, { verbose: command.verbose, quiet });
  const deadline = createDeadline(command.maxTimeMs, io.signal);
  try {
    const body = await deadline.race(readBody(command.data, io.stdin)).catch((error: unknown) => {
      throw deadline.signal.aborted
        ? transportFailure(error, command, deadline, 'stdin was not read')
        : error;
    });
    const sink =
      command.output === undefined ? stdoutSink(io.stdout) : await fileSink(command.output);
    return await send(command, io, redactor, { scope, log, deadline, sink, body });
  } finally {
    deadline.dispose();
  }
}

interface SendState {
  readonly scope: { service: string; region: string };
  readonly log: RequestLog;
  readonly deadline: Deadline;
  readonly sink: OutputSink;
  readonly body: Uint8Array<ArrayBuffer> | undefined;
}

async function send(
  command: RequestCommand,
  io: CliIo,
  redactor: Redactor,
  state: SendState,
): Promise<ExitCode> {
  const { log, scope } = state;
  const clock = io.clock ?? (() => new Date());
  const credentials = recordingCredentials(command, io, redactor);
  let lastSigned: SignedRequestInfo | undefined;
  let lastSentSigned = false;
  const transport = await createTransport({
    credentials: credentials.provider,
    service: scope.service,
    region: scope.region,
    clock,
    crossOriginRedirect: command.crossOriginRedirect,
    connectTimeoutMs: command.connectTimeoutMs,
    insecure: command.insecure,
    fetch: io.fetch,
    hooks: {
      onSigned(info) {
        lastSigned = info;
        const used = credentials.last();
        const source = describeCredentialSource(command.profile, io.env);
        log.signed(
          info,
          used === undefined
            ? undefined
            : `access key ${shortKey(used.accessKeyId)} from ${source}${used.sessionToken ? ', with a session token' : ''}`,
        );
      },
      onSend(method, url, headers) {
        lastSentSigned = headers.has('authorization');
        log.sent(method, url, headers);
      },
    },
  });
  try {
    return await exchange(command, io, redactor, state, {
      fetch: transport.fetch,
      clock,
      credentials: credentials.last,
      lastSigned: () => lastSigned,
      lastSentSigned: () => lastSentSigned,
    });
  } finally {
    await transport.close();
  }
}

interface Exchange {
  readonly fetch: typeof globalThis.fetch;
  readonly clock: () => Date;
  readonly credentials: () => AwsCredentials | undefined;
  readonly lastSigned: () => SignedRequestInfo | undefined;
  readonly lastSentSigned: () => boolean;
}

/** Sends, prints the head, streams the body, explains a 403. */
async function exchange(
  command: RequestCommand,
  io: CliIo,
  redactor: Redactor,
  state: SendState,
  ex: Exchange,
): Promise<ExitCode> {
  const { log, deadline, sink } = state;
  let response: Response;
  try {
    response = await deadline.race(
      ex.fetch(command.url, {
        method: command.method,
        headers: command.headers.map(([name, value]) => [name, value] as [string, string]),
        ...(state.body === undefined ? {} : { body: state.body }),
        redirect: command.location ? 'follow' : 'manual',
        signal: deadline.signal,
      }),
    );
  } catch (error) {
    throw transportFailure(error, command, deadline, 'no response');
  }
  const receivedAt = ex.clock();
  const lastSigned = ex.lastSigned();

  const head = responseHeaderLines(response);
  log.received(head);
  const location = response.headers.get('location');
  if (!command.location && response.status >= 300 && response.status < 400 && location) {
    log.note(
      `the server answered ${response.status} (a redirect to ${shownLocation(location, response.url || command.url)}); not followed: pass -L to follow it.`,
    );
  }
  // Explained only when the answer came to the signed request (not from another origin).
  const explain = response.status === 403 && lastSigned !== undefined && ex.lastSentSigned();
  if (command.include) {
    // The head is the server's text: its control characters are escaped (the body is not).
    const text = `${redactor.text(head.map(escapeControls).join('\n'))}\n\n`;
    if (!(await sink.write(UTF8.encode(text)))) return EXIT.ok;
  }
  const showProgress = command.output !== undefined && isTty(io.stderr) && !command.silent;
  const progress: ProgressMeter | undefined = showProgress
    ? createProgressMeter({ stream: io.stderr, total: knownLength(response) })
    : undefined;
  let streamed: Awaited<ReturnType<typeof streamBody>>;
  try {
    streamed = await streamBody(response.body, {
      sink,
      deadline,
      redact: redactor.stream(),
      progress,
      capture: explain,
    });
  } catch (error) {
    if (error instanceof OutputError) throw error;
    throw transportFailure(error, command, deadline, 'the body did not arrive whole');
  } finally {
    progress?.finish();
  }
  await sink.close();
  // stdout's reader went away (`| head`): the rest is not wanted, as with curl.
  if (!streamed.complete) return EXIT.ok;

  if (explain && lastSigned) {
    const explanation = explain403(
      {
        status: response.status,
        headers: response.headers,
        // The known secrets replaced, so AWS's echo of the token compares equal to ours.
        body: redactor.text(new TextDecoder().decode(streamed.captured)),
      },
      lastSigned,
      receivedAt,
    );
    const showErrors = !command.silent || command.showError;
    if (explanation && showErrors) {
      if (
        command.output === undefined &&
        streamed.lastByte !== undefined &&
        streamed.lastByte !== 0x0a
      ) {
        io.stderr.write('\n');
      }
      for (const line of formatExplanation(explanation)) {
        io.stderr.write(`${escapeControls(redactor.text(`sigv4: ${line}`))}\n`);
      }
    }
  }
  return response.status >= 400 ? EXIT.httpError : EXIT.ok;
}
