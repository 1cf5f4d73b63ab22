/** What `peekStream` saw, and a stream that still yields every byte of the original. */
export interface PeekedStream {
  /** The first bytes, at most `maxBytes` (plus the rest of the last chunk read). */
  readonly head: Uint8Array;
  /** True when the whole body was read within the caps. */
  readonly complete: boolean;
  /** The whole body, from its first byte: the head again, then the rest as it arrives. */
  readonly stream: ReadableStream<Uint8Array>;
}

/**
 * Looks at the start of a body without consuming it for the caller: reads until `maxBytes`,
 * the end, `timeoutMs` or the signal's abort, whichever comes first, and returns what it read
 * together with a stream that replays it and then continues with the rest. A body that never
 * ends costs at most `timeoutMs`; a large one is held only up to `maxBytes`.
 *
 * @example
 * const { head, stream } = await peekStream(response.body, { maxBytes: 16384, timeoutMs: 1000 });
 * const intact = new Response(stream, response);
 */
export async function peekStream(
  stream: ReadableStream<Uint8Array>,
  caps: {
    readonly maxBytes: number;
    readonly timeoutMs: number;
    readonly signal?: AbortSignal | undefined;
  },
): Promise<PeekedStream> {
  const reader = stream.getReader();
  const queue: Uint8Array[] = [];
  let total = 0;
  let done = false;
  let failure: { error: unknown } | undefined;
  let pending: Promise<ReadableStreamReadResult<Uint8Array>> | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stop: (() => void) | undefined;
  const stopped = new Promise<'stop'>((resolve) => {
    stop = () => resolve('stop');
    timer = setTimeout(stop, caps.timeoutMs);
  });
  const onAbort = (): void => stop?.();
  caps.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    while (!done && total < caps.maxBytes && caps.signal?.aborted !== true) {
      pending ??= reader.read();
      const result = await Promise.race([pending, stopped]);
      if (result === 'stop') break;
      pending = undefined;
      if (result.done) done = true;
      else {
        queue.push(result.value);
        total += result.value.byteLength;
      }
    }
  } catch (error) {
    pending = undefined;
    failure = { error };
  } finally {
    clearTimeout(timer);
    caps.signal?.removeEventListener('abort', onAbort);
  }
  const head = new Uint8Array(total);
  let offset = 0;
  for (const chunk of queue) {
    head.set(chunk, offset);
    offset += chunk.byteLength;
  }
  const replay = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = queue.shift();
      if (next !== undefined) return controller.enqueue(next);
      if (failure) return controller.error(failure.error);
      if (done) return controller.close();
      const read = pending ?? reader.read();
      pending = undefined;
      try {
        const result = await read;
        if (result.done) controller.close();
        else controller.enqueue(result.value);
      } catch (error) {
        controller.error(error);
      }
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
  return { head, complete: done, stream: replay };
}
