import type { AwsCredentials, CredentialsProvider } from './credentials.js';
import { type CredentialsCache, createCredentialsCache } from './credentials-cache.js';
import { resolveSigningScope, type SigningScope } from './resolve-signing-scope.js';
import type { ScopeChoice, SignerOptions } from './signer.js';
import type { IdentitySigners } from './smithy-instances.js';
import type { createWireSigner } from './wire-signer.js';
import { parseRequestUrl } from './wire-url.js';

/** The wire signer of an entry point (built on its hash). */
export type WireSigner = ReturnType<typeof createWireSigner>;

/** What one signature needs besides the request: credentials, smithy's instances, the date. */
export interface SigningMaterial {
  readonly credentials: AwsCredentials;
  readonly signers: IdentitySigners;
  readonly date: Date;
}

/** Scopes remembered per host: a signer sees few hosts, a long-running one a bounded number. */
const MAX_REMEMBERED_SCOPES = 256;

/**
 * The state of one signer: its options, the credentials cache, the scope of each host, the
 * smithy instances of the current identity and the clock offset. `sign` and `presign` read it.
 */
export class SigningContext {
  readonly wire: WireSigner;
  readonly options: SignerOptions;
  readonly cache: CredentialsCache;
  /** Milliseconds added to `options.clock` (`adjustClock`). */
  offset = 0;
  readonly #clock: () => Date;
  readonly #scopes = new Map<string, SigningScope>();
  /** smithy's SignatureV4 instances for the current credentials; rebuilt when they change. */
  #identity: IdentitySigners | undefined;

  constructor(wire: WireSigner, options: SignerOptions, defaultCredentials: CredentialsProvider) {
    this.wire = wire;
    this.options = options;
    this.#clock = options.clock ?? (() => new Date());
    this.cache = createCredentialsCache(options.credentials ?? defaultCredentials, {
      clock: () => this.now(),
    });
  }

  /** The signing clock: the options' clock plus the offset. */
  now(): Date {
    const local = this.#clock();
    return this.offset === 0 ? local : new Date(local.getTime() + this.offset);
  }

  /** Sets the offset from a server's `Date`; returns it. */
  adjustClock(serverDate: Date): number {
    this.offset = serverDate.getTime() - this.#clock().getTime();
    return this.offset;
  }

  /**
   * The service and region for a URL: the request's own choice, then the options, then the
   * host (remembered per host when the request makes no choice of its own).
   */
  scopeFor(url: string | URL, overrides?: ScopeChoice): SigningScope {
    const { service, region } = this.options;
    if (overrides?.service !== undefined || overrides?.region !== undefined)
      return resolveSigningScope(typeof url === 'string' ? url : url.href, {
        service: overrides.service ?? service,
        region: overrides.region ?? region,
      });
    const host = typeof url === 'string' ? parseRequestUrl(url).host : url.host;
    let scope = this.#scopes.get(host);
    if (scope === undefined) {
      scope = resolveSigningScope(typeof url === 'string' ? url : url.href, { service, region });
      if (this.#scopes.size > MAX_REMEMBERED_SCOPES) this.#scopes.clear();
      this.#scopes.set(host, scope);
    }
    return scope;
  }

  /** Credentials, smithy instances and date: synchronous once credentials are cached. */
  material(signingDate: Date | undefined): SigningMaterial | Promise<SigningMaterial> {
    const fresh = this.cache.peek();
    const identity = this.#identity;
    if (fresh !== undefined && identity?.signsFor(fresh))
      return { credentials: fresh, signers: identity, date: signingDate ?? this.now() };
    return this.#refresh(fresh, signingDate);
  }

  async #refresh(
    fresh: AwsCredentials | undefined,
    signingDate: Date | undefined,
  ): Promise<SigningMaterial> {
    const credentials = fresh ?? (await this.cache.get());
    let signers = this.#identity;
    if (signers === undefined || !signers.signsFor(credentials)) {
      signers = this.wire.identitySigners(credentials);
      this.#identity = signers;
    }
    return { credentials, signers, date: signingDate ?? this.now() };
  }
}
