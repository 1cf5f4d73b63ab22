import { createScope, getSigningKey } from '@smithy/signature-v4';
import type { SmithySigningLoader } from './smithy-signing.js';

const smithy = { createScope, getSigningKey };

/** The portable entry imports smithy's functions statically, so bundlers keep only those. */
export const loadSmithySigning: SmithySigningLoader = () => smithy;
