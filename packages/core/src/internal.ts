/**
 * `@sigv4/core/internal` for every runtime but Node: what `@sigv4/fetch`, `@sigv4/axios` and the
 * `sigv4` CLI share with core. **Not covered by semver**: it changes with the sibling packages
 * of the same release. Users import `@sigv4/core`.
 *
 * @packageDocumentation
 */

import { portableDefaultCredentials } from './default-credentials.js';
import { portableHashProvider } from './hash/hash-portable.js';
import { makeSignerFactory } from './signer.js';
import { loadSmithySigning } from './smithy-signing.portable.js';
import { makeCreatePipeline } from './transport/pipeline.js';
import { createWireSigner } from './wire-signer.js';

export * from './internal-api.js';

const wire = /* @__PURE__ */ createWireSigner(portableHashProvider, loadSmithySigning);

/**
 * Hex SHA-256 of a payload (a string is hashed as UTF-8): sha256-js, or WebCrypto for bodies of
 * 64 KiB or more where the runtime has it.
 */
const sha256Hex = async (data: Uint8Array | string): Promise<string> =>
  portableHashProvider.payloadSha256Hex(data);
/**
 * The one call between an adapter and core: checks the options once and returns the pipeline
 * every call of that adapter instance goes through (see `transport/pipeline.ts`).
 */
export const createPipeline = /* @__PURE__ */ makeCreatePipeline({
  createSigner: makeSignerFactory(wire, portableDefaultCredentials),
  sha256Hex,
});
