/**
 * Where output goes: `process.stdout`, or a collector in tests. When it is a Node writable,
 * sigv4 waits for `'drain'` when it is full, treats an `EPIPE` `'error'` as "the reader went
 * away" (exit 0), and draws the `-o` progress meter only when stderr's `isTTY` is true.
 */
export interface OutputStream {
  write(chunk: string | Uint8Array): unknown;
  /** True for a terminal (process.stderr in a terminal). */
  readonly isTTY?: boolean | undefined;
}

/**
 * Everything `main` touches outside itself, so tests run it in-process: streams, environment,
 * fetch, stdin, the clock and a stop signal.
 */
export interface CliIo {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  /** Environment variables (credentials, AWS_REGION). @default process.env in the bin */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** @default globalThis.fetch */
  readonly fetch?: typeof globalThis.fetch | undefined;
  /** Read by `-d @-`. @default process.stdin in the bin */
  readonly stdin?: AsyncIterable<Uint8Array> | undefined;
  /** The signing clock (tests pass a skewed one). @default () => new Date() */
  readonly clock?: (() => Date) | undefined;
  /** Stops `sigv4 emulate` (the bin aborts it on SIGINT/SIGTERM). */
  readonly signal?: AbortSignal | undefined;
}
