import type { CredentialsProvider } from './credentials.js';
import type { HashProvider } from './hash/hash-provider.js';
import { createWireSigner } from './sign-request.js';
import { makeCreateSigner, type PresignOptions, type SignerOptions } from './signer.js';
import type { SmithySigningLoader } from './smithy-signing.js';

/** Options of `presignUrl`: the signer's options and the presign options in one object. */
export type PresignUrlOptions = SignerOptions & PresignOptions;

/** Everything that depends on the runtime's hashing and default credentials. */
export function buildEntry(
  hash: HashProvider,
  smithy: SmithySigningLoader,
  defaultCredentials: CredentialsProvider,
) {
  const wire = createWireSigner(hash, smithy);
  const createSigner = makeCreateSigner(wire, defaultCredentials);
  /**
   * Presigns a URL (query-string SigV4: only `host` signed, `X-Amz-Expires` set) that a browser
   * or any HTTP client can use as it is: a Lambda function URL, an API Gateway URL, or a
   * `wss://` WebSocket `$connect` URL.
   *
   * @example
   * const url = await presignUrl('https://abc.lambda-url.eu-west-1.on.aws/report', {
   *   expiresIn: 300,
   *   query: { user: 'Bjarne Stroustrup' },
   * });
   */
  const presignUrl = (url: string | URL, options: PresignUrlOptions = {}): Promise<string> =>
    createSigner(options).presign(url, options);
  /**
   * Hex SHA-256 of a payload (a string is hashed as UTF-8), with the runtime's fastest hashing:
   * node:crypto in Node; elsewhere sha256-js, or WebCrypto for bodies of 64 KiB or more.
   */
  const sha256Hex = async (data: Uint8Array | string): Promise<string> =>
    hash.payloadSha256Hex(data);
  return {
    signWireRequest: wire.signWireRequest,
    presignWireRequest: wire.presignWireRequest,
    createSigner,
    presignUrl,
    sha256Hex,
    hashImplementation: hash.name,
  };
}
