import { checkCredentials } from './check-credentials.js';
import type { AwsCredentials, CredentialsInput, CredentialsProvider } from './credentials.js';
import { isSigV4Error, SigV4Error } from './errors.js';

export interface CredentialsCacheOptions {
  /**
   * Refresh temporary credentials this many milliseconds before they expire.
   * @default 300000 (5 minutes, as the AWS SDKs do)
   */
  refreshBeforeMs?: number | undefined;
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
        'the credentials provider failed (see `cause`). Check its configuration, or pass credentials as a value.',
        { cause },
      );
    }
    const now = clock().getTime();
    checkCredentials(fresh, now);
    const expiresAt = fresh.expiration?.getTime();
    cached = fresh;
    // Reuse until shortly before expiry; credentials that arrive already inside that window
    // are used once and asked for again next time.
    refreshAt =
      expiresAt === undefined
        ? Number.POSITIVE_INFINITY
        : Math.max(now, expiresAt - refreshBeforeMs);
    return fresh;
  };

  return {
    get() {
      if (cached !== undefined && clock().getTime() < refreshAt) return Promise.resolve(cached);
      if (inFlight === undefined) {
        inFlight = fetchFresh().finally(() => {
          inFlight = undefined;
        });
      }
      return inFlight;
    },
    peek() {
      return cached !== undefined && clock().getTime() < refreshAt ? cached : undefined;
    },
    invalidate() {
      cached = undefined;
      refreshAt = 0;
    },
  };
}
