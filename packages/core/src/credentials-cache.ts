import { checkCredentials } from './check-credentials.js';
import type { AwsCredentials, CredentialsInput, CredentialsProvider } from './credentials.js';
import { isSigV4Error, SigV4Error } from './errors.js';

export interface CredentialsCacheOptions {
  /**
   * Refresh temporary credentials this many milliseconds before they expire.
   * @default 300000 (5 minutes, as the AWS SDKs do)
   */
  refreshBeforeMs?: number | undefined;
  /**
   * Credentials that arrive with less than `refreshBeforeMs` left (a provider that caches on
   * its own) are reused until this many milliseconds before they expire, not fetched again
   * for every request.
   * @default 15000 (15 seconds)
   */
  minRemainingMs?: number | undefined;
  /** The clock. @default () => new Date() */
  clock?: (() => Date) | undefined;
}

/** Credentials resolved once and reused until shortly before they expire. */
export interface CredentialsCache {
  /** Current credentials; calls the provider only when none are cached or they are about to expire. */
  get(): Promise<AwsCredentials>;
  /** The cached credentials when they are fresh, without waiting: `undefined` means call `get()`. */
  peek(): AwsCredentials | undefined;
  /** Forgets the cached credentials, so the next `get()` asks the provider again. */
  invalidate(): void;
}

/**
 * Wraps credentials (a value or a provider) in a cache: many concurrent `get()` calls cause
 * at most one provider call, credentials are reused until `refreshBeforeMs` before their
 * expiration, and expired credentials are never returned.
 */
export function createCredentialsCache(
  input: CredentialsInput,
  options: CredentialsCacheOptions = {},
): CredentialsCache {
  const refreshBeforeMs = options.refreshBeforeMs ?? 300_000;
  const minRemainingMs = Math.min(options.minRemainingMs ?? 15_000, refreshBeforeMs);
  const clock = options.clock ?? (() => new Date());
  const provider: CredentialsProvider = typeof input === 'function' ? input : () => input;
  let cached: AwsCredentials | undefined;
  let refreshAt = 0;
  let inFlight: Promise<AwsCredentials> | undefined;

  const fetchFresh = async (): Promise<AwsCredentials> => {
    let fresh: AwsCredentials;
    try {
      fresh = await provider();
    } catch (cause) {
      if (isSigV4Error(cause)) throw cause;
      throw new SigV4Error(
        'ERR_SIGV4_CREDENTIALS_PROVIDER_FAILED',
        'the credentials provider failed (see `cause`).',
        { cause },
      );
    }
    const now = clock().getTime();
    checkCredentials(fresh, now);
    const expiresAt = fresh.expiration?.getTime();
    cached = fresh;
    // Reuse until `refreshBeforeMs` before expiry; credentials that arrive already inside that
    // window are reused until `minRemainingMs` before it (a provider that caches its own
    // credentials keeps handing out the same ones): never one provider call per request.
    refreshAt =
      expiresAt === undefined
        ? Number.POSITIVE_INFINITY
        : expiresAt - refreshBeforeMs > now
          ? expiresAt - refreshBeforeMs
          : Math.max(now, expiresAt - minRemainingMs);
    return fresh;
  };

  return {
    get() {
      if (cached !== undefined && clock().getTime() < refreshAt) return Promise.resolve(cached);
      if (inFlight === undefined) {
        const previous = cached;
        // A refresh that fails while the previous credentials still have `minRemainingMs`
        // left falls back to them; a failure is never cached, the next call asks again.
        inFlight = fetchFresh()
          .catch((error: unknown) => {
            const expiresAt = previous?.expiration?.getTime();
            if (previous !== undefined && expiresAt !== undefined) {
              if (clock().getTime() < expiresAt - minRemainingMs) return previous;
            }
            throw error;
          })
          .finally(() => {
            inFlight = undefined;
          });
      }
      return inFlight;
    },
    peek() {
      // Credentials without an expiration need no look at the clock (read on every request).
      if (cached === undefined) return undefined;
      return refreshAt === Number.POSITIVE_INFINITY || clock().getTime() < refreshAt
        ? cached
        : undefined;
    },
    invalidate() {
      cached = undefined;
      refreshAt = 0;
    },
  };
}
