import { getSigningKey } from '@smithy/signature-v4';
import type { SmithySigningLoader } from './smithy-signing.js';

/** The portable entry imports smithy's function statically, so bundlers keep only it. */
export const loadSmithySigning: SmithySigningLoader = () => getSigningKey;
