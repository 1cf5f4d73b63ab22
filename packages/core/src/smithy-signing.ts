import type { createScope, getSigningKey } from '@smithy/signature-v4';

/**
 * The parts of `@smithy/signature-v4` the signer is built on: the credential scope and the
 * signing-key derivation. Each entry point says how to load them: the portable entry imports
 * them (bundlers tree-shake the rest), the Node entry loads smithy's one-file CommonJS build on
 * first use, which costs about half of loading its tree of ES modules.
 */
export interface SmithySigning {
  readonly createScope: typeof createScope;
  readonly getSigningKey: typeof getSigningKey;
}

/** Returns smithy's functions, loading them on the first call if the entry defers that. */
export type SmithySigningLoader = () => SmithySigning;
