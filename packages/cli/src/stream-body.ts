import type { Deadline } from './deadline.js';
import type { OutputSink } from './output-sink.js';
import type { ProgressMeter } from './progress-meter.js';
import type { ChunkRedactor } from './redact.js';
import { OutputError } from './usage-error.js';

/** How much of a body is kept to explain a 403 (AWS error bodies are small). */
export const CAPTURE_LIMIT = 64 * 1024;

export interface StreamBodyOptions {
  readonly sink: OutputSink;
  readonly deadline: Deadline;
  readonly redact: ChunkRedactor;
  readonly progress: ProgressMeter | undefined;
  /** Keep the first CAPTURE_LIMIT bytes (for the 403 explanation). */
  readonly capture: boolean;
}

export interface StreamedBody {
  readonly bytes: number;
  /** The first bytes of the body, when asked for. */
  readonly captured: Uint8Array;
  /** False when the reader of stdout went away (EPIPE): the rest was not read. */
  readonly complete: boolean;
  /** The last byte written, to know whether stderr starts on a fresh line. */
  readonly lastByte: number | undefined;
}

/**
 * Copies a response body to the sink as it arrives, chunk by chunk: memory stays bounded by a
 * chunk and what the sink holds. Stops (and cancels the body) when the sink's reader is gone.
 * Errors from the network or the deadline are thrown as they come; the caller maps them.
 */
export async function streamBody(
  body: ReadableStream<Uint8Array> | null,
  options: StreamBodyOptions,
): Promise<StreamedBody> {
  const captured: Uint8Array[] = [];
  let capturedBytes = 0;
  let bytes = 0;
  let lastByte: number | undefined;
  const write = async (chunk: Uint8Array): Promise<boolean> => {
    if (chunk.byteLength === 0) return true;
    lastByte = chunk[chunk.byteLength - 1];
    return options.sink.write(chunk);
  };
  if (body === null) return { bytes, captured: new Uint8Array(), complete: true, lastByte };
  const reader = body.getReader();
  const { signal } = options.deadline;
  // The fetch was given the same signal and errors the body when it fires; cancelling here
  // too ends a pending read whatever the fetch does. (Not Promise.race per chunk: racing each
  // read against one long-lived promise keeps every chunk alive until that promise settles.)
  const stop = () => reader.cancel(signal.reason).catch(() => undefined);
  signal.addEventListener('abort', stop, { once: true });
  let complete = true;
  try {
    // Bounded by the body's length (and --max-time): one round per chunk received.
    for (;;) {
      signal.throwIfAborted();
      const { done, value } = await reader.read();
      signal.throwIfAborted();
      if (done) break;
      bytes += value.byteLength;
      options.progress?.add(value.byteLength);
      if (options.capture && capturedBytes < CAPTURE_LIMIT) {
        const part = value.subarray(0, CAPTURE_LIMIT - capturedBytes);
        captured.push(part.slice());
        capturedBytes += part.byteLength;
      }
      if (!(await write(options.redact.push(value)))) {
        complete = false;
        break;
      }
    }
    if (complete) complete = await write(options.redact.flush());
  } catch (error) {
    // The network or the deadline failed: what arrived is still written (as curl does),
    // including what the redactor held back. A sink error is not retried.
    if (!(error instanceof OutputError)) {
      await write(options.redact.flush()).catch(() => undefined);
    }
    throw error;
  } finally {
    signal.removeEventListener('abort', stop);
    if (!complete) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
  return { bytes, captured: new Uint8Array(Buffer.concat(captured)), complete, lastByte };
}
