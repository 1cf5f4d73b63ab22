import { SigV4Error } from '../errors.js';

/**
 * The one error for a bad option, in one message format: `option \`retry.methods\` of
 * createSignedFetch must be an array of method names such as ['GET', 'PUT'].`
 */
export function invalidOption(owner: string, name: string, expected: string): SigV4Error {
  return new SigV4Error(
    'ERR_SIGV4_INVALID_OPTION',
    `option \`${name}\` of ${owner} must be ${expected}.`,
  );
}
