import { isSigV4Error } from '@sigv4/core';
import { runEmulate } from './emulate-command.js';
import { EXIT, type ExitCode } from './exit-codes.js';
import { helpText } from './help.js';
import type { CliIo } from './io.js';
import { type Command, parseCommand } from './parse-args.js';
import { runPresign } from './presign-command.js';
import { createRedactor, hideSignature, type Redactor } from './redact.js';
import { runRequest } from './run-request.js';
import { NetworkError, UsageError } from './usage-error.js';
import { VERSION } from './version.js';

function hintFor(code: string): string | undefined {
  if (code === 'ERR_SIGV4_SCOPE_UNRESOLVED') {
    return 'With sigv4: pass --service NAME and --region REGION (e.g. --service execute-api --region eu-west-1).';
  }
  if (code.startsWith('ERR_SIGV4_CREDENTIALS')) {
    return 'With sigv4: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN), or pass --profile NAME.';
  }
  return undefined;
}

function causeText(error: Error): string | undefined {
  const cause = error.cause;
  return cause instanceof Error && cause.message !== '' ? cause.message : undefined;
}

function report(error: unknown, io: CliIo, redactor: Redactor): ExitCode {
  const print = (line: string) => io.stderr.write(`${redactor.text(hideSignature(line))}\n`);
  if (error instanceof UsageError) {
    print(`sigv4: ${error.message}`);
    print(
      `Run 'sigv4 ${error.topic === 'request' ? '' : `${error.topic} `}--help' for the options.`,
    );
    return EXIT.usage;
  }
  if (isSigV4Error(error)) {
    print(error.message);
    const cause = causeText(error);
    if (cause !== undefined && !error.message.includes(cause)) print(`  cause: ${cause}`);
    const hint = hintFor(error.code);
    if (hint !== undefined) print(hint);
    return EXIT.signing;
  }
  if (error instanceof NetworkError) {
    print(`sigv4: ${error.message}`);
    return EXIT.network;
  }
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  print(`sigv4: unexpected error (a bug in sigv4, please report it): ${text}`);
  return EXIT.internal;
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
  try {
    return await run(parseCommand(argv), io, redactor);
  } catch (error) {
    return report(error, io, redactor);
  }
}
