import { constants, createWriteStream } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { OutputStream } from './io.js';
import { OutputError } from './usage-error.js';

/**
 * Where the response body goes: stdout or `-o FILE`. Writes wait while the stream is full
 * (backpressure), so memory stays bounded whatever the body's size.
 */
export interface OutputSink {
  /** Resolves once `chunk` is accepted; `false` when the reader went away (EPIPE): stop quietly. */
  write(chunk: Uint8Array): Promise<boolean>;
  /**
   * Called once the whole answer arrived: closes a file (creating it empty when nothing was
   * written), or waits until stdout has passed on what is queued for it (it stays open).
   * Throws `OutputError` on a write error.
   */
  close(): Promise<void>;
}

/** The parts of a Node writable a sink uses; a plain `{ write }` (tests) works too. */
interface EventedStream extends OutputStream {
  readonly writableLength?: number;
  on?(event: string, listener: (...args: unknown[]) => void): unknown;
  once?(event: string, listener: (...args: unknown[]) => void): unknown;
  off?(event: string, listener: (...args: unknown[]) => void): unknown;
  end?(callback?: () => void): unknown;
}

const errorCode = (error: unknown): string | undefined => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
};

function writeFailure(where: string, error: unknown): OutputError {
  const code = errorCode(error);
  return new OutputError(
    `cannot write the body to ${where}${code ? ` (${code})` : ''}.`,
    where === 'stdout'
      ? 'check where stdout goes (a full disk, a closed file).'
      : 'check that the directory exists and is writable, and that the disk has room.',
    { cause: error },
  );
}

function sinkOn(stream: EventedStream, where: string, closeStream: boolean): OutputSink {
  let failure: unknown;
  let closedByReader = false;
  const onError = (error: unknown) => {
    // After EPIPE the stream is destroyed: later writes fail with ERR_STREAM_DESTROYED.
    if (closedByReader) return;
    if (errorCode(error) === 'EPIPE') closedByReader = true;
    else failure ??= error;
  };
  stream.on?.('error', onError);
  const check = (): boolean => {
    if (failure !== undefined) throw writeFailure(where, failure);
    return !closedByReader;
  };
  /** Resolves on 'drain', 'error' or 'close', whichever comes first. */
  const drained = () =>
    new Promise<void>((resolve) => {
      const done = () => {
        stream.off?.('drain', done);
        stream.off?.('error', done);
        stream.off?.('close', done);
        resolve();
      };
      stream.once?.('drain', done);
      stream.once?.('error', done);
      stream.once?.('close', done);
    });
  return {
    async write(chunk) {
      if (!check()) return false;
      if (chunk.byteLength === 0) return true;
      const accepted = (stream.write as (c: Uint8Array, cb: (e?: unknown) => void) => unknown)(
        chunk,
        (error?: unknown) => {
          if (error) onError(error);
        },
      );
      if (accepted === false && stream.once) await drained();
      return check();
    },
    async close() {
      // stdout stays open, but what is queued for it must reach its reader before main returns.
      if (!closeStream && (stream.writableLength ?? 0) > 0 && !closedByReader && stream.once) {
        await drained();
      }
      if (closeStream && stream.end) {
        await new Promise<void>((resolve) => {
          stream.once?.('close', () => resolve());
          stream.end?.();
        });
      }
      stream.off?.('error', onError);
      check();
    },
  };
}

/** stdout as a sink: EPIPE (the reader closed the pipe, as `| head` does) ends the body quietly. */
export function stdoutSink(stdout: OutputStream): OutputSink {
  return sinkOn(stdout as EventedStream, 'stdout', false);
}

/**
 * Checks, before anything is sent, that `-o FILE` can be written: an existing file writable and
 * not a directory, or a new one's directory writable. Creates and truncates nothing.
 */
async function checkWritable(path: string): Promise<void> {
  try {
    const info = await stat(path).catch((error: unknown) => {
      if (errorCode(error) === 'ENOENT') return undefined;
      throw error;
    });
    if (info?.isDirectory())
      throw Object.assign(new Error(`${path} is a directory`), { code: 'EISDIR' });
    await access(info === undefined ? dirname(path) : path, constants.W_OK);
  } catch (error) {
    throw writeFailure(path, error);
  }
}

/** Opens (creates or truncates) FILE for writing. */
async function openFile(path: string): Promise<OutputSink> {
  const stream = createWriteStream(path);
  await new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', reject);
  }).catch((error: unknown) => {
    throw writeFailure(path, error);
  });
  return sinkOn(stream as unknown as EventedStream, path, true);
}

/**
 * `-o FILE` as a sink, as curl has it: FILE is created (or truncated) when the first byte of the
 * answer is written, so a call that fails before any answer (no credentials, no connection)
 * leaves FILE as it was. `close()`, called once the whole answer arrived, creates FILE empty when
 * the body was empty. A path that cannot be written is found before the request is sent.
 */
export async function fileSink(path: string): Promise<OutputSink> {
  await checkWritable(path);
  let opened: Promise<OutputSink> | undefined;
  const open = () => {
    opened ??= openFile(path);
    return opened;
  };
  return {
    async write(chunk) {
      if (chunk.byteLength === 0) return true;
      return (await open()).write(chunk);
    },
    async close() {
      await (await open()).close();
    },
  };
}
