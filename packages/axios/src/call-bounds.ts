import { linkSignals } from '@sigv4/core/internal';
import { AxiosError, CanceledError, type InternalAxiosRequestConfig } from 'axios';

/**
 * The caller's `signal`, `cancelToken` and `timeout` joined into one bound for the whole call:
 * credential resolution, body buffering, signing, sending, redirects and the clock-skew resend.
 * axios applies `timeout` to the adapter's socket only; here it is one deadline for everything.
 */
export interface CallBounds {
  /**
   * Aborts when the caller cancels or the deadline passes; handed to the adapter. Undefined when
   * the call has no bound at all (no signal, cancel token or timeout).
   */
  readonly signal: AbortSignal | undefined;
  /** The error to reject the call with: the bound's own once it fired, else `error`. */
  failure(error: unknown): unknown;
  /** Clears the timer and the listeners on the caller's signal and cancel token. */
  dispose(): void;
  /**
   * Once the response has arrived: clears the timer, and keeps the caller's signal and cancel
   * token bound to `data` while it is a stream being read (axios errors it with `ERR_CANCELED`
   * on an abort), until it ends. Returns the data to hand on (a web stream is wrapped to see
   * its end).
   */
  release(data: unknown): unknown;
}

/** The bounds of a call without any: nothing to listen to, no timer. */
const UNBOUNDED: CallBounds = {
  signal: undefined,
  failure: (error) => error,
  dispose: () => undefined,
  release: (data) => data,
};

/** axios's own timeout error, as its adapters build it (message, code, config). */
function timeoutError(config: InternalAxiosRequestConfig, ms: number): AxiosError {
  const clarify = (config.transitional as { clarifyTimeoutError?: boolean } | undefined)
    ?.clarifyTimeoutError;
  return new AxiosError(
    config.timeoutErrorMessage ?? `timeout of ${ms}ms exceeded`,
    clarify ? 'ETIMEDOUT' : 'ECONNABORTED',
    config,
  );
}

interface CancelTokenLike {
  readonly reason?: unknown;
  subscribe?(listener: (reason: unknown) => void): void;
  unsubscribe?(listener: (reason: unknown) => void): void;
}

/**
 * The bounds of one call, linked by core's one abort module (`linkSignals`). The errors are
 * axios's: a `CanceledError` when the caller's signal aborts (the cancel token's reason for a
 * cancel token), a timeout `AxiosError` (`ECONNABORTED`, or `ETIMEDOUT` with
 * `transitional.clarifyTimeoutError`) when `timeout` passes. They carry the config as the
 * caller's interceptors left it, before signing: no signature, no session token.
 */
export function callBounds(config: InternalAxiosRequestConfig): CallBounds {
  if (!config.signal && !config.cancelToken && !(Number(config.timeout) > 0)) return UNBOUNDED;
  const caller = config.signal as AbortSignal | undefined;
  const token = cancelTokenSignal(config);
  const ms = Number.parseInt(String(config.timeout ?? 0), 10);
  const linked = linkSignals([caller, token.signal], ms, {
    timeoutReason: () => timeoutError(config, ms),
  });
  const signal = linked.signal as AbortSignal;
  const dispose = (): void => {
    linked.dispose();
    token.dispose();
  };
  return {
    signal,
    // Which bound fired: the caller's signal gives axios's CanceledError, the others their reason.
    failure: (error) => {
      if (!signal.aborted) return error;
      return caller?.aborted ? new CanceledError(undefined, config) : signal.reason;
    },
    dispose,
    release: (data) => {
      linked.clearTimer();
      return untilRead(data, dispose);
    },
  };
}

/** The cancel token as a signal that aborts with the token's reason. */
function cancelTokenSignal(config: InternalAxiosRequestConfig): {
  signal: AbortSignal | undefined;
  dispose(): void;
} {
  const token = config.cancelToken as CancelTokenLike | undefined;
  if (!token) return { signal: undefined, dispose: () => undefined };
  const controller = new AbortController();
  const canceled = (why: unknown): void =>
    controller.abort(why ?? new CanceledError(undefined, config));
  if (token.reason !== undefined) {
    controller.abort(token.reason);
    return { signal: controller.signal, dispose: () => undefined };
  }
  token.subscribe?.(canceled);
  return { signal: controller.signal, dispose: () => token.unsubscribe?.(canceled) };
}

/** `data`, with `done` called once it has been read (now, for anything but a stream). */
function untilRead(data: unknown, done: () => void): unknown {
  const node = data as { on?: unknown; once?: (event: string, listener: () => void) => void };
  if (typeof node?.on === 'function' && typeof node.once === 'function') {
    node.once('close', done);
    return data;
  }
  if (typeof ReadableStream !== 'undefined' && data instanceof ReadableStream) {
    return data.pipeThrough(new TransformStream({ flush: done }));
  }
  done();
  return data;
}
