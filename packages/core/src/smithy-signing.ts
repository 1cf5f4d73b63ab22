import { SignatureV4 } from '@smithy/signature-v4';

/** `@smithy/signature-v4`'s `SignatureV4` class. */
export type SignatureV4Class = typeof SignatureV4;

/**
 * Returns smithy's `SignatureV4` class. Every entry gets the same one: the copy of
 * `@smithy/signature-v4` bundled into this package's build (see tsup.config.ts), so nothing of
 * smithy is resolved from `node_modules` or `NODE_PATH` at run time. The type allows a
 * promise for a loader that defers it; this one never does.
 */
export type SmithySigningLoader = () => SignatureV4Class | Promise<SignatureV4Class>;

/** The bundled `SignatureV4`, synchronously. */
export const loadSmithySigning: SmithySigningLoader = () => SignatureV4;
