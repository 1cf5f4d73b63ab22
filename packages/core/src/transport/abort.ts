/**
 * Abort and time helpers: every wait of the pipeline (credentials, body, sending, retry delays,
 * the look at a 403) ends when the caller's signal aborts, with the signal's reason.
 */

/** The reason an aborted signal carries, or a standard `AbortError` when it has none. */
export function abortReason(signal: AbortSignal): unknown {
  if (signal.reason !== undefined) return signal.reason;
  return new DOMException('This operation was aborted', 'AbortError');
}

/**
 * Settles like `promise`, or rejects with `signal.reason` as soon as `signal` aborts (at once when
 * it already has). `onAbort` runs then, to release what the promise holds (cancel a stream).
 */
export function raceSignal<T>(
  promise: Promise<T>,
  signal: AbortSignal | undefined,
  onAbort?: (reason: unknown) => void,
): Promise<T> {
  if (signal === undefined) return promise;
  if (signal.aborted) {
    const reason = abortReason(signal);
    promise.catch(() => undefined);
    onAbort?.(reason);
    return Promise.reject(reason);
  }
  return new Promise<T>((resolve, reject) => {
    const abort = (): void => {
      const reason = abortReason(signal);
      onAbort?.(reason);
      reject(reason);
    };
    signal.addEventListener('abort', abort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', abort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', abort);
        reject(error);
      },
    );
  });
}

/** Waits `ms` milliseconds, or rejects with `signal.reason` when it aborts first. */
export function abortableDelay(ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (signal?.aborted) return Promise.reject(abortReason(signal));
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortReason(signal as AbortSignal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** A signal that aborts when any input does, or after `timeoutMs`; `dispose` clears the timer and listeners. */
export interface LinkedSignal {
  readonly signal: AbortSignal | undefined;
  dispose(): void;
  /** Clears the timer only: the inputs still abort the signal (a response body still read). */
  clearTimer(): void;
}

/** What `linkSignals` may be told besides its inputs. */
export interface LinkOptions {
  /** The reason a timeout aborts with. @default a `TimeoutError` `DOMException` */
  readonly timeoutReason?: (() => unknown) | undefined;
}

/**
 * Links the caller's signals and an optional timeout (axios's `timeout`) into one signal, on
 * every runtime (no `AbortSignal.any`, which Node 20.0-20.2 lack). A timeout aborts with a
 * `TimeoutError` `DOMException`, as `AbortSignal.timeout` does.
 *
 * @example
 * const linked = linkSignals([config.signal], config.timeout);
 * try { await sendSigned(request, { ...options, signal: linked.signal }); } finally { linked.dispose(); }
 */
export function linkSignals(
  signals: ReadonlyArray<AbortSignal | undefined | null>,
  timeoutMs?: number,
  options: LinkOptions = {},
): LinkedSignal {
  const inputs = signals.filter((s): s is AbortSignal => s !== undefined && s !== null);
  const timed = timeoutMs !== undefined && timeoutMs > 0 && Number.isFinite(timeoutMs);
  const nothing = (): void => undefined;
  if (!timed && inputs.length <= 1)
    return { signal: inputs[0], dispose: nothing, clearTimer: nothing };
  const controller = new AbortController();
  const cleanups: Array<() => void> = [];
  const dispose = (): void => {
    for (const cleanup of cleanups.splice(0)) cleanup();
  };
  const abort = (reason: unknown): void => {
    dispose();
    controller.abort(reason);
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const clearTimer = (): void => clearTimeout(timer);
  for (const input of inputs) {
    if (input.aborted) {
      abort(abortReason(input));
      return { signal: controller.signal, dispose, clearTimer };
    }
    const listener = (): void => abort(abortReason(input));
    input.addEventListener('abort', listener, { once: true });
    cleanups.push(() => input.removeEventListener('abort', listener));
  }
  if (timed) {
    const reason =
      options.timeoutReason ??
      (() => new DOMException(`timeout of ${timeoutMs} ms exceeded`, 'TimeoutError'));
    timer = setTimeout(() => abort(reason()), timeoutMs);
    cleanups.push(clearTimer);
  }
  return { signal: controller.signal, dispose, clearTimer };
}
