/**
 * One abort signal for a whole request: `--max-time` and Ctrl-C (the bin's signal). It bounds
 * reading stdin, credentials, signing, sending and streaming the body.
 */
export interface Deadline {
  readonly signal: AbortSignal;
  /** True once `--max-time` ran out. */
  timedOut(): boolean;
  /** True once the caller's signal (Ctrl-C) fired. */
  interrupted(): boolean;
  /** `promise`, or a rejection with the signal's reason as soon as it aborts. */
  race<T>(promise: Promise<T>): Promise<T>;
  /** Stops the timer. */
  dispose(): void;
}

export function createDeadline(
  maxTimeMs: number | undefined,
  outer: AbortSignal | undefined,
): Deadline {
  const controller = new AbortController();
  let timedOut = false;
  const timer =
    maxTimeMs === undefined
      ? undefined
      : setTimeout(() => {
          timedOut = true;
          controller.abort(
            new DOMException(`--max-time ran out after ${maxTimeMs} ms`, 'TimeoutError'),
          );
        }, maxTimeMs);
  const onOuter = () => controller.abort(outer?.reason);
  if (outer?.aborted) onOuter();
  else outer?.addEventListener('abort', onOuter, { once: true });
  const { signal } = controller;
  const aborted = new Promise<never>((_, reject) => {
    const fail = () => reject(signal.reason);
    if (signal.aborted) fail();
    else signal.addEventListener('abort', fail, { once: true });
  });
  // Observed by `race` callers; never an unhandled rejection on its own.
  aborted.catch(() => undefined);
  return {
    signal,
    timedOut: () => timedOut,
    interrupted: () => outer?.aborted === true && !timedOut,
    race: (promise) => Promise.race([promise, aborted]),
    dispose() {
      if (timer !== undefined) clearTimeout(timer);
      outer?.removeEventListener('abort', onOuter);
    },
  };
}
