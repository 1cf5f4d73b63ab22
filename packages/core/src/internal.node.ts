/**
 * `@sigv4/core/internal` for Node: what `@sigv4/fetch`, `@sigv4/axios` and the `sigv4` CLI
 * share with core. **Not covered by semver**: it changes with the sibling packages of the same
 * release. Users import `@sigv4/core`.
 *
 * @packageDocumentation
 */

import { nodeDefaultCredentials } from './default-credentials.node.js';
import { makePresignUrl } from './entry-factory.js';
import { nodeHashProvider } from './hash/hash-node.js';
import { makeCreateSigner, makeSignerFactory } from './signer.js';
import { makeCreatePipeline } from './transport/pipeline.js';
import { createWireSigner } from './wire-signer.js';

// What an adapter re-exports or calls of the public API, from this one entry: @sigv4/fetch then
// resolves one specifier of @sigv4/core instead of two (in Node, resolving a bare specifier and
// loading one more file each cost about a millisecond of a cold start). The same class and
// functions as `@sigv4/core`'s (one shared chunk).
export { isSigV4Error, SigV4Error } from './errors.js';
export * from './internal-api.js';

const wire = /* @__PURE__ */ createWireSigner(nodeHashProvider);

/** Hex SHA-256 of a payload (a string is hashed as UTF-8), on node:crypto. */
const sha256Hex = async (data: Uint8Array | string): Promise<string> =>
  nodeHashProvider.payloadSha256Hex(data);
/**
 * The one call between an adapter and core: checks the options once and returns the pipeline
 * every call of that adapter instance goes through (see `transport/pipeline.ts`).
 */
export const createPipeline = /* @__PURE__ */ makeCreatePipeline({
  createSigner: makeSignerFactory(wire, nodeDefaultCredentials),
  sha256Hex,
});

/** `@sigv4/core`'s `presignUrl` (the same default credentials and hashing). */
export const presignUrl = /* @__PURE__ */ makePresignUrl(
  /* @__PURE__ */ makeCreateSigner(wire, nodeDefaultCredentials),
);
