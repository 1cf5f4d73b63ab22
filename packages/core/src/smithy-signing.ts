import type { getSigningKey } from '@smithy/signature-v4';

/** `@smithy/signature-v4`'s signing-key derivation: the HMAC chain over date, region, service. */
export type GetSigningKey = typeof getSigningKey;

/**
 * Returns smithy's `getSigningKey`, loading it on the first call if the entry defers that. Each
 * entry point says how: the portable entry imports it (bundlers keep only that), the Node entry
 * loads smithy's one-file CommonJS build on first use.
 */
export type SmithySigningLoader = () => GetSigningKey | Promise<GetSigningKey>;
