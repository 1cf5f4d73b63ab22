import { portableDefaultCredentials } from './default-credentials.js';
import { buildEntry } from './entry-factory.js';
import { portableHashProvider } from './hash/hash-portable.js';

import { loadSmithySigning } from './smithy-signing.portable.js';

export type { PresignUrlOptions } from './entry-factory.js';
export * from './public-api.js';

const entry = buildEntry(portableHashProvider, loadSmithySigning, portableDefaultCredentials);

/** Signs a request exactly as it goes on the wire (header mode). */
export const signWireRequest = entry.signWireRequest;
/** Presigns a request exactly as it goes on the wire (query mode). */
export const presignWireRequest = entry.presignWireRequest;
/** Creates a signer with one set of options and one credentials cache. */
export const createSigner = entry.createSigner;
/** Presigns a URL in one call. */
export const presignUrl = entry.presignUrl;
/** Hex SHA-256 of a payload. */
export const sha256Hex = entry.sha256Hex;
/** Which SHA-256 this entry uses: `'sha256-js'` here, `'node:crypto'` in Node. */
export const hashImplementation = entry.hashImplementation;
/** The default credentials of this runtime (environment variables only, outside Node). */
export const defaultCredentials = portableDefaultCredentials;
