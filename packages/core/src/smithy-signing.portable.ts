import { SignatureV4 } from '@smithy/signature-v4';
import type { SmithySigningLoader } from './smithy-signing.js';

/** The portable entry imports smithy statically, so bundlers include it. */
export const loadSmithySigning: SmithySigningLoader = () => SignatureV4;
