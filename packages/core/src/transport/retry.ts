import type { RetryPolicy } from './retry-options.js';

// The retry policy's checks and defaults are in retry-options.ts (read at construction); the
// delays here are read only when a request is retried: send-signed.ts loads this on first use.
// Nothing of retry-options.ts is re-exported: a value export would put that module in the code a
// page's bundler shares between its entry and the lazy chunk (one more file the GET loads).

/**
 * Milliseconds a `Retry-After` header asks to wait (seconds or an HTTP date), at most 30 s;
 * `undefined` when absent or unreadable.
 */
export function retryAfterMs(
  value: string | null | undefined,
  now: number = Date.now(),
): number | undefined {
  if (value === null || value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Math.min(Number(trimmed) * 1000, 30_000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.min(Math.max(date - now, 0), 30_000);
}

/** The delay before retry number `attempt`, from the policy, as a safe non-negative number. */
export function retryDelayMs(
  policy: RetryPolicy,
  attempt: number,
  retryAfter: number | undefined,
): number {
  if (retryAfter !== undefined) return retryAfter;
  const ms = policy.delay(attempt);
  return typeof ms === 'number' && Number.isFinite(ms) && ms > 0 ? Math.min(ms, 60_000) : 0;
}
