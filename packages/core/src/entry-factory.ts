import type { CredentialsProvider } from './credentials.js';
import type { HashProvider } from './hash/hash-provider.js';
import type { PresignWireOptions, WireRequest, WireSignOptions } from './sign-request.js';
import {
  makeCreateSigner,
  type PresignOptions,
  type Signer,
  type SignerOptions,
} from './signer.js';
import { createWireSigner } from './wire-signer.js';

/** Options of `presignUrl`: the signer's options and the presign options in one object. */
export type PresignUrlOptions = SignerOptions & PresignOptions;

/** `presignUrl` on a `createSigner`: one signer for one URL. */
export function makePresignUrl(createSigner: (options?: SignerOptions) => Signer) {
  return (url: string | URL, options: PresignUrlOptions = {}): Promise<string> =>
    createSigner(options).presign(url, options);
}

/**
 * Everything that depends on the runtime's hashing and default credentials.
 * Each entry point calls it once and documents what it exports (TSDoc written here would not
 * reach the published `.d.ts`).
 */
export function buildEntry(hash: HashProvider, defaultCredentials: CredentialsProvider) {
  const wire = createWireSigner(hash);
  const createSigner = makeCreateSigner(wire, defaultCredentials);
  const presignUrl = makePresignUrl(createSigner);
  const signWireRequest = (request: WireRequest, options: WireSignOptions) =>
    wire.signWireRequest(request, options);
  const presignWireRequest = (request: WireRequest, options: PresignWireOptions) =>
    wire.presignWireRequest(request, options);
  return { createSigner, presignUrl, signWireRequest, presignWireRequest };
}
