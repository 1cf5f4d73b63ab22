/** The largest clock correction accepted from a server: a `Date` further off is ignored. */
export const MAX_CLOCK_SKEW_MS = 24 * 60 * 60 * 1000;
/** Origins remembered at most; the oldest is forgotten first. */
const MAX_ORIGINS = 256;

/**
 * Clock offsets learnt from AWS's clock-skew refusals, one per origin: a 403 from one host
 * never moves the clock used for another, and an offset beyond `maxSkewMs` (a hostile or
 * broken `Date`) is ignored.
 */
export interface ClockSkewStore {
  /** How many origins have an offset (0: every origin signs with the local clock). */
  readonly size: number;
  /** The offset in milliseconds to add to the local clock for `origin` (0 when none). */
  offset(origin: string): number;
  /**
   * Records the server's time for `origin`, measured against `localNow`. Returns false (and
   * records nothing) when the date is invalid or more than `maxSkewMs` away.
   */
  correct(origin: string, serverTime: Date, localNow: Date): boolean;
}

/** Creates an empty per-origin clock-skew store. */
export function createClockSkewStore(maxSkewMs: number = MAX_CLOCK_SKEW_MS): ClockSkewStore {
  const offsets = new Map<string, number>();
  return {
    get size() {
      return offsets.size;
    },
    offset(origin) {
      return offsets.size === 0 ? 0 : (offsets.get(origin) ?? 0);
    },
    correct(origin, serverTime, localNow) {
      const server = serverTime.getTime();
      const local = localNow.getTime();
      if (!Number.isFinite(server) || !Number.isFinite(local)) return false;
      const offset = server - local;
      if (Math.abs(offset) > maxSkewMs) return false;
      offsets.delete(origin);
      if (offsets.size >= MAX_ORIGINS) {
        const oldest = offsets.keys().next().value;
        if (oldest !== undefined) offsets.delete(oldest);
      }
      offsets.set(origin, offset);
      return true;
    },
  };
}
