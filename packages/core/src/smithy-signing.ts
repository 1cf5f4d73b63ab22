import type { SignatureV4 } from '@smithy/signature-v4';

/** `@smithy/signature-v4`'s `SignatureV4` class. */
export type SignatureV4Class = typeof SignatureV4;

/**
 * Returns smithy's `SignatureV4` class, loading it on the first call if the entry defers that.
 * Each entry point says how: the portable entry imports it (bundlers follow the import), the
 * Node entry loads smithy's one-file CommonJS build on first use.
 */
export type SmithySigningLoader = () => SignatureV4Class | Promise<SignatureV4Class>;
