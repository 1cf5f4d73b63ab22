import { isSigV4Error } from '@sigv4/core';
import { cliMessage } from './cli-message.js';
import { runEmulate } from './emulate-command.js';
import { EXIT, type ExitCode } from './exit-codes.js';
import { helpText } from './help.js';
import type { CliIo } from './io.js';
import { type Command, parseCommand } from './parse-args.js';
import { runPresign } from './presign-command.js';
import { createRedactor, hideSignature, type Redactor } from './redact.js';
import { runRequest } from './run-request.js';
import { escapeControls } from './terminal-text.js';
import {
  InterruptedError,
  NetworkError,
  OutputError,
  TimedOutError,
  UsageError,
} from './usage-error.js';
import { VERSION } from './version.js';

/** Whether error messages are wanted: always, except with `-s` and no `-S` (as curl). */
function showsErrors(command: Command | undefined): boolean {
  return command?.kind !== 'request' || !command.silent || command.showError;
}

function report(
  error: unknown,
  io: CliIo,
  redactor: Redactor,
  command: Command | undefined,
): ExitCode {
  // A message may quote what a server sent (a reason, a URL): its control characters are escaped.
  const print = (line: string) =>
    io.stderr.write(`${escapeControls(redactor.text(hideSignature(line)))}\n`);
  const say = (text: string, hint: string | undefined) => {
    print(`sigv4: ${text}`);
    if (hint !== undefined) print(`sigv4: hint: ${hint}`);
  };
  if (error instanceof UsageError) {
    // Usage errors show even with -s: nothing was done.
    say(
      error.message,
      `run 'sigv4 ${error.topic === 'request' ? '' : `${error.topic} `}--help' for the options.`,
    );
    return EXIT.usage;
  }
  if (error instanceof InterruptedError) return EXIT.interrupted;
  const quiet = !showsErrors(command);
  const exit = (code: ExitCode, text: string, hint: string | undefined): ExitCode => {
    if (!quiet) say(text, hint);
    return code;
  };
  if (isSigV4Error(error)) {
    const message = cliMessage(error);
    return exit(EXIT.signing, message.text, message.hint);
  }
  if (error instanceof TimedOutError) return exit(EXIT.timeout, error.message, error.hint);
  if (error instanceof OutputError) return exit(EXIT.write, error.message, error.hint);
  if (error instanceof NetworkError) return exit(EXIT.network, error.message, error.hint);
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return exit(
    EXIT.internal,
    `unexpected error: ${text}`,
    'this is a bug in sigv4: please report it with this message.',
  );
}

async function run(command: Command, io: CliIo, redactor: Redactor): Promise<ExitCode> {
  switch (command.kind) {
    case 'help':
      io.stdout.write(helpText(command.topic));
      return EXIT.ok;
    case 'version':
      io.stdout.write(`${VERSION}\n`);
      return EXIT.ok;
    case 'request':
      return runRequest(command, io, redactor);
    case 'presign':
      return runPresign(command, io, redactor);
    case 'emulate':
      return runEmulate(command, io, redactor);
  }
}

/**
 * Runs `sigv4` with `argv` (without `node` and the script name) and returns the exit code.
 * Never throws and never calls `process.exit`: everything it touches comes through `io`.
 *
 * @example
 * const code = await main(['--help'], { stdout: process.stdout, stderr: process.stderr, env: process.env });
 */
export async function main(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  // Secrets known up front (the environment); providers add theirs as they resolve.
  const redactor = createRedactor([io.env.AWS_SECRET_ACCESS_KEY, io.env.AWS_SESSION_TOKEN]);
  let command: Command | undefined;
  try {
    command = parseCommand(argv);
    return await run(command, io, redactor);
  } catch (error) {
    return report(error, io, redactor, command);
  }
}
