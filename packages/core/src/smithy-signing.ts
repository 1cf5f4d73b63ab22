import { SignatureV4 } from '@smithy/signature-v4';

/** `@smithy/signature-v4`'s `SignatureV4` class. */
export type SignatureV4Class = typeof SignatureV4;

/**
 * smithy's `SignatureV4`, the one every entry signs with: the copy of `@smithy/signature-v4`
 * bundled into this package's build (see tsup.config.ts), so nothing of smithy is resolved from
 * `node_modules` or `NODE_PATH` at run time.
 */
export { SignatureV4 };
