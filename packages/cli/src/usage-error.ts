/**
 * A mistake on the command line (exit code 2). It never leaves `main`: `main` prints it with a
 * pointer to `--help`. Signing problems stay `SigV4Error`s from core (exit code 3).
 */
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

/** The request never got an answer (exit code 4). `cause` holds what fetch or the server threw. */
export class NetworkError extends Error {
  override readonly name = 'NetworkError';
}
