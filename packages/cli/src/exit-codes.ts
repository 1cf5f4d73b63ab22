/**
 * The exit codes of `sigv4`, documented in `--help` and the README. Stable: scripts match on them.
 * 23 and 28 are curl's codes for the same failures, so scripts written for curl keep working.
 */
export const EXIT = {
  /** A status below 400 (a 3xx too, followed or not), a URL presigned, the emulator stopped, or stdout closed by its reader. */
  ok: 0,
  /** The server answered with a status of 400 or more (an AWS 403 is explained on stderr). */
  httpError: 1,
  /** The command line is wrong: unknown option, missing URL, bad header or method, unreadable `-d @file`. */
  usage: 2,
  /** Signing failed: no credentials, expired credentials, unknown host without --service/--region. */
  signing: 3,
  /** The request never got an answer (connection refused, DNS, TLS, reset), or the emulator could not listen. */
  network: 4,
  /** Anything else: a bug in sigv4. Please report it with the message. */
  internal: 5,
  /** The body could not be written: `-o FILE` cannot be created, a full disk, a write error (curl's 23). */
  write: 23,
  /** `--max-time` or `--connect-timeout` ran out (curl's 28). */
  timeout: 28,
  /** Interrupted (Ctrl-C): 128 + SIGINT, as a shell reports it. */
  interrupted: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
