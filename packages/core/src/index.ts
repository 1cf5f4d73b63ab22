import { portableDefaultCredentials } from './default-credentials.js';
import { buildEntry } from './entry-factory.js';
import { portableHashProvider } from './hash/hash-portable.js';

import { loadSmithySigning } from './smithy-signing.portable.js';

export type { PresignUrlOptions } from './entry-factory.js';
export * from './public-api.js';

const entry = buildEntry(portableHashProvider, loadSmithySigning, portableDefaultCredentials);

/** Creates a signer with one set of options and one credentials cache. */
export const createSigner = entry.createSigner;
/** Presigns a URL in one call. */
export const presignUrl = entry.presignUrl;
/** The default credentials of this runtime (environment variables only, outside Node). */
export const defaultCredentials = portableDefaultCredentials;
