import { nodeDefaultCredentials } from './default-credentials.node.js';
import { buildEntry } from './entry-factory.js';
import { nodeHashProvider } from './hash/hash-node.js';

import { loadSmithySigning } from './smithy-signing.node.js';

export type { PresignUrlOptions } from './entry-factory.js';
export * from './public-api.js';

const entry = buildEntry(nodeHashProvider, loadSmithySigning, nodeDefaultCredentials);

/** Creates a signer with one set of options and one credentials cache. */
export const createSigner = entry.createSigner;
/** Presigns a URL in one call. */
export const presignUrl = entry.presignUrl;
/** The default credentials of this runtime (environment, then the AWS SDK default chain, imported lazily). */
export const defaultCredentials = nodeDefaultCredentials;
