export type { ExitCode } from './exit-codes.js';
export { EXIT } from './exit-codes.js';
export type { CliIo, OutputStream } from './io.js';
export { main } from './main.js';
