/** The exit codes of `sigv4`, documented in `--help` and the README. Stable: scripts match on them. */
export const EXIT = {
  /** The request got a status below 400, the URL was presigned, or the emulator stopped cleanly. */
  ok: 0,
  /** The server answered with a status of 400 or more (an AWS 403 is explained on stderr). */
  httpError: 1,
  /** The command line is wrong: unknown option, missing URL, bad header, unreadable `-d @file`. */
  usage: 2,
  /** Signing failed: no credentials, expired credentials, unknown host without --service/--region. */
  signing: 3,
  /** The request never got an answer (connection refused, DNS, TLS, reset), or the emulator could not listen. */
  network: 4,
  /** Anything else: a bug in sigv4. Please report it with the message. */
  internal: 5,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
