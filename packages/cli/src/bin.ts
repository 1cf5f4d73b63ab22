import { main } from './main.js';

// The executable: real streams and environment, Ctrl-C stops `sigv4 emulate`.
const controller = new AbortController();
const stop = () => controller.abort();
process.once('SIGINT', stop);
process.once('SIGTERM', stop);

main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  stdin: process.stdin,
  signal: controller.signal,
}).then((code) => {
  process.off('SIGINT', stop);
  process.off('SIGTERM', stop);
  // Let stdout drain instead of process.exit().
  process.exitCode = code;
});
