import type { AwsCredentials } from './credentials.js';
import type { Sha256Constructor } from './hash/hash-provider.js';
import { SignatureV4, type SignatureV4Class } from './smithy-signing.js';

/**
 * Where smithy's own canonical request and string to sign are recorded for one signature. It
 * travels as the request's `body`, which smithy carries through untouched (the payload hash is
 * always given in `x-amz-content-sha256`, so smithy never reads the body).
 */
export class SigningRecord {
  canonicalRequest = '';
  stringToSign = '';
}

/** The slice of smithy's `SignatureV4` this package calls, on the recording subclass. */
export type RecordingSignatureV4 = InstanceType<SignatureV4Class>;

/**
 * A subclass of smithy's `SignatureV4` that records, on the request's `SigningRecord`, the
 * canonical request and string to sign that smithy computed and signed: nothing is computed
 * twice, so debugging costs nothing when nobody reads them. It overrides two protected methods
 * and calls through to smithy's.
 */
function recordingClass(Base: SignatureV4Class): SignatureV4Class {
  const Recording = class RecordingSignatureV4 extends Base {
    #pending: { canonical: string; record: SigningRecord } | undefined;
    /** Signing keys of this instance's one identity, by the other arguments (date, region, service). */
    readonly #keys = new Map<string, Promise<unknown>>();
    #identity: unknown;
    /** The arguments and key of the last call that went through the memo. */
    #last: { args: unknown[]; key: Promise<unknown> } | undefined;

    protected override createCanonicalRequest(
      request: { body?: unknown },
      canonicalHeaders: Record<string, string>,
      payloadHash: string,
    ): string {
      // @ts-expect-error smithy types `request` as its HttpRequest; it is passed through as is.
      const canonical = super.createCanonicalRequest(request, canonicalHeaders, payloadHash);
      const record = request.body;
      this.#pending = record instanceof SigningRecord ? { canonical, record: record } : undefined;
      if (record instanceof SigningRecord) record.canonicalRequest = canonical;
      return canonical;
    }

    protected override createStringToSign(
      longDate: string,
      credentialScope: string,
      canonicalRequest: string,
      algorithmIdentifier: string,
    ): Promise<string> {
      // smithy calls this synchronously right after createCanonicalRequest, with its result.
      const pending = this.#pending;
      this.#pending = undefined;
      const stringToSign = super.createStringToSign(
        longDate,
        credentialScope,
        canonicalRequest,
        algorithmIdentifier,
      );
      if (pending === undefined || pending.canonical !== canonicalRequest) return stringToSign;
      // smithy's own promise is returned as it is (no promise of ours in its chain): the
      // recording reaction is registered before smithy awaits the promise, so it runs first.
      stringToSign.then(
        (text) => {
          pending.record.stringToSign = text;
        },
        () => undefined,
      );
      return stringToSign;
    }

    /**
     * smithy's key derivation, memoised per instance. smithy's own cache is keyed by an HMAC
     * of the credentials that it computes on every signature; an instance here signs for one
     * identity only, so the date, region and service are the whole key. Any argument that is
     * not a string (the credentials object) must be the one seen first, or the cache is skipped.
     */
    getSigningKeyMemo(derive: (...args: unknown[]) => Promise<unknown>, args: unknown[]) {
      // The usual call is the previous call again (same date, region, service, credentials
      // object): compared argument by argument, without building the map's key.
      const last = this.#last;
      if (last !== undefined && sameArgs(last.args, args)) return last.key;
      let name = '';
      for (const arg of args) {
        if (typeof arg === 'string') name += `${arg}\n`;
        else if (arg === undefined) name += '\u0000\n';
        else if (this.#identity === undefined) this.#identity = arg;
        else if (arg !== this.#identity) return derive.apply(this, args);
      }
      let key = this.#keys.get(name);
      if (key === undefined) {
        if (this.#keys.size >= 32) this.#keys.clear();
        const made = derive.apply(this, args);
        key = made;
        this.#keys.set(name, made);
        made.catch(() => {
          this.#keys.delete(name);
          if (this.#last?.key === made) this.#last = undefined;
        });
      }
      this.#last = { args, key };
      return key;
    }
  };
  // `getSigningKey` is private in smithy's types (so it is wrapped through the prototype);
  // when a smithy version has no such method, nothing is memoised and signing is unchanged.
  const derive = (Base.prototype as unknown as Record<string, unknown>).getSigningKey;
  if (typeof derive === 'function') {
    Object.defineProperty(Recording.prototype, 'getSigningKey', {
      value: function getSigningKey(this: InstanceType<typeof Recording>, ...args: unknown[]) {
        return this.getSigningKeyMemo(derive as (...a: unknown[]) => Promise<unknown>, args);
      },
      configurable: true,
      writable: true,
    });
  }
  return Recording;
}

/** True when both argument lists hold the same values, compared with `===`. */
function sameArgs(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * The `SignatureV4` instances of one credentials identity: one with smithy's standard path
 * rules (normalised, encoded once more) and one for S3's rules (`uriEscapePath: false`: the
 * path signed as sent), each built on first use. A signer holds one of these and builds a new
 * one when its credentials change; nothing is shared between signers.
 */
export class IdentitySigners {
  readonly credentials: AwsCredentials;
  readonly #Signer: SignatureV4Class;
  readonly #sha256: Sha256Constructor;
  #standard: RecordingSignatureV4 | undefined;
  #s3: RecordingSignatureV4 | undefined;

  constructor(Signer: SignatureV4Class, sha256: Sha256Constructor, credentials: AwsCredentials) {
    this.#Signer = Signer;
    this.#sha256 = sha256;
    this.credentials = credentials;
  }

  /** The instance for a path rule: `s3` signs the path literally. */
  get(s3: boolean): RecordingSignatureV4 {
    const existing = s3 ? this.#s3 : this.#standard;
    if (existing !== undefined) return existing;
    const made = new this.#Signer({
      credentials: {
        accessKeyId: this.credentials.accessKeyId,
        secretAccessKey: this.credentials.secretAccessKey,
        ...(this.credentials.sessionToken ? { sessionToken: this.credentials.sessionToken } : {}),
      },
      // Every call passes its own scope (signingRegion / signingService); these are unused.
      region: 'us-east-1',
      service: 'execute-api',
      sha256: this.#sha256,
      uriEscapePath: !s3,
      applyChecksum: true,
    });
    if (s3) this.#s3 = made;
    else this.#standard = made;
    return made;
  }

  /** True when `credentials` is the identity these instances sign for. */
  signsFor(credentials: AwsCredentials): boolean {
    const own = this.credentials;
    return (
      credentials === own ||
      (credentials.accessKeyId === own.accessKeyId &&
        credentials.secretAccessKey === own.secretAccessKey &&
        (credentials.sessionToken || undefined) === (own.sessionToken || undefined))
    );
  }
}

/** The recording subclass of smithy's `SignatureV4`, made on first use. */
let Recording: SignatureV4Class | undefined;

/** Builds `IdentitySigners` on the entry's hash. */
export function createIdentitySignersFactory(sha256: Sha256Constructor) {
  return (credentials: AwsCredentials): IdentitySigners => {
    Recording ??= recordingClass(SignatureV4);
    return new IdentitySigners(Recording, sha256, credentials);
  };
}
