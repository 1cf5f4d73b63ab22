export type { ExitCode } from './exit-codes.js';
export { EXIT } from './exit-codes.js';
export type { Explain403Input, Explanation } from './explain-403.js';
export { explain403, formatExplanation } from './explain-403.js';
export type { CliIo, OutputStream } from './io.js';
export { main } from './main.js';
