/**
 * `@sigv4/core/internal` for every runtime but Node: what `@sigv4/fetch`, `@sigv4/axios` and the
 * `sigv4` CLI share with core. **Not covered by semver**: it changes with the sibling packages
 * of the same release. Users import `@sigv4/core`.
 *
 * @packageDocumentation
 */
import { portableHashProvider } from './hash/hash-portable.js';
import { createWireSigner } from './sign-request.js';
import { loadSmithySigning } from './smithy-signing.portable.js';

export * from './internal-api.js';

const wire = /* @__PURE__ */ createWireSigner(portableHashProvider, loadSmithySigning);

/** Signs a request exactly as it goes on the wire (header mode). */
export const signWireRequest = wire.signWireRequest;
/** Presigns a request exactly as it goes on the wire (query mode). */
export const presignWireRequest = wire.presignWireRequest;
/**
 * Hex SHA-256 of a payload (a string is hashed as UTF-8): sha256-js, or WebCrypto for bodies of
 * 64 KiB or more where the runtime has it.
 */
export const sha256Hex = async (data: Uint8Array | string): Promise<string> =>
  portableHashProvider.payloadSha256Hex(data);
/** Which SHA-256 this entry uses: `'sha256-js'` here, `'node:crypto'` in Node. */
export const hashImplementation = portableHashProvider.name;
