/**
 * The errors of the CLI itself. Each one is printed by `main` as `sigv4: <message>` and at most
 * one `sigv4: hint: <what to do>` line, and maps to one exit code. Signing problems stay
 * `SigV4Error`s from core (exit code 3).
 */

/** A mistake on the command line (exit code 2). `main` points at `--help`. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  /** Which help page to point at. */
  readonly topic: HelpTopic;

  constructor(message: string, topic: HelpTopic = 'request') {
    super(message);
    this.topic = topic;
  }
}

/** The help pages: the request command, `presign` and `emulate`. */
export type HelpTopic = 'request' | 'presign' | 'emulate';

/** A failure with a fix: the message says what failed, `hint` what to do. */
abstract class HintedError extends Error {
  readonly hint: string | undefined;

  constructor(message: string, hint?: string, options?: { cause?: unknown }) {
    super(message, options);
    this.hint = hint;
  }
}

/** The request never got an answer (exit code 4). `cause` holds what fetch or the server threw. */
export class NetworkError extends HintedError {
  override readonly name = 'NetworkError';
}

/** `--max-time` or `--connect-timeout` ran out (exit code 28, as curl). */
export class TimedOutError extends HintedError {
  override readonly name = 'TimedOutError';
}

/** The body could not be written to stdout or `-o FILE` (exit code 23, as curl). */
export class OutputError extends HintedError {
  override readonly name = 'OutputError';
}

/** Ctrl-C (the bin's signal) stopped the request (exit code 130). Printed as nothing. */
export class InterruptedError extends Error {
  override readonly name = 'InterruptedError';
}
