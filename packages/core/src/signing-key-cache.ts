import type { AwsCredentials } from './credentials.js';
import type { HashProvider } from './hash/hash-provider.js';
import type { SmithySigningLoader } from './smithy-signing.js';

const MAX_KEYS = 50;

/**
 * Signing keys derived by `@smithy/signature-v4`'s `getSigningKey` (the four-step HMAC chain
 * over date, region, service and `aws4_request`), kept per secret, day, region and service.
 * A key is valid for a whole UTC day, so a busy signer derives it once a day instead of on
 * every request. Concurrent misses share one derivation.
 */
export class SigningKeyCache {
  readonly #hash: HashProvider;
  readonly #smithy: SmithySigningLoader;
  readonly #keys = new Map<string, Uint8Array | Promise<Uint8Array>>();

  constructor(hash: HashProvider, smithy: SmithySigningLoader) {
    this.#hash = hash;
    this.#smithy = smithy;
  }

  get(
    credentials: AwsCredentials,
    shortDate: string,
    region: string,
    service: string,
  ): Uint8Array | Promise<Uint8Array> {
    const id = `${shortDate}\n${region}\n${service}\n${credentials.accessKeyId}\n${credentials.secretAccessKey}`;
    const cached = this.#keys.get(id);
    if (cached !== undefined) return cached;
    if (this.#keys.size >= MAX_KEYS) this.#keys.delete(this.#keys.keys().next().value as string);
    const identity = {
      accessKeyId: credentials.accessKeyId,
      secretAccessKey: credentials.secretAccessKey,
    };
    const pending = Promise.resolve(this.#smithy())
      .then((getSigningKey) =>
        getSigningKey(this.#hash.Sha256, identity, shortDate, region, service),
      )
      .then(
        (key) => {
          this.#keys.set(id, key);
          return key;
        },
        (error: unknown) => {
          this.#keys.delete(id);
          throw error;
        },
      );
    this.#keys.set(id, pending);
    return pending;
  }
}
