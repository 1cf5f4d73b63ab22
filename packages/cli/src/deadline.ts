import { linkSignals, raceSignal } from '@sigv4/core/internal';

/**
 * One abort signal for a whole request: `--max-time` and Ctrl-C (the bin's signal), linked by
 * core's one abort module. It bounds reading stdin, credentials, signing, sending and
 * streaming the body.
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
  // A signal of our own in the list, so the linked one is never the caller's itself.
  const linked = linkSignals([outer, new AbortController().signal], maxTimeMs);
  const signal = linked.signal as AbortSignal;
  const timedOut = (): boolean =>
    signal.aborted &&
    outer?.aborted !== true &&
    (signal.reason as { name?: unknown } | undefined)?.name === 'TimeoutError';
  return {
    signal,
    timedOut,
    interrupted: () => outer?.aborted === true && !timedOut(),
    race: (promise) => raceSignal(promise, signal),
    dispose: linked.dispose,
  };
}
