import type { HashProvider } from './hash/hash-provider.js';
import { presignWireRequest } from './presign-wire-request.js';
import {
  type PresignWireOptions,
  type SignedRequestHeaders,
  signWireRequest,
  signWireRequestAs,
  type WireDeps,
  type WireRequest,
  type WireSignOptions,
} from './sign-request.js';
import { createIdentitySignersFactory, type IdentitySigners } from './smithy-instances.js';

/**
 * Builds the header-mode and query-mode signing functions on one entry's hashing. Every signature comes out of smithy's `SignatureV4.prototype.sign` / `presign`; the
 * code here only decides what smithy is given, so that its canonical form is the wire's.
 */
export function createWireSigner(hash: HashProvider) {
  const deps: WireDeps = {
    hash,
    identitySigners: createIdentitySignersFactory(hash.Sha256),
  };
  return {
    signWireRequest: (request: WireRequest, options: WireSignOptions, signers?: IdentitySigners) =>
      signWireRequest(deps, request, options, signers),
    /** `signWireRequest`, shaped by `finish` and `fail` without a promise of their own. */
    signWireRequestAs: <T>(
      request: WireRequest,
      options: WireSignOptions,
      signers: IdentitySigners | undefined,
      finish: (signed: SignedRequestHeaders) => T,
      fail: (error: unknown) => never,
    ) => signWireRequestAs(deps, request, options, signers, finish, fail),
    presignWireRequest: (
      request: WireRequest,
      options: PresignWireOptions,
      signers?: IdentitySigners,
    ) => presignWireRequest(deps, request, options, signers),
    identitySigners: deps.identitySigners,
  };
}
