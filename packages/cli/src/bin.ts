// As curl does (RFC 6761): `*.localhost` names resolve to loopback in this process, so
// `sigv4 http://{api-id}.execute-api.{region}.localhost:4566/prod/...` reaches `sigv4 emulate` by
// URL alone, service and region read from the name (Node's resolver alone may not know them).
import '@sigv4/msw/resolve-localhost';
import { main } from './main.js';

// The executable: real streams and environment; Ctrl-C stops a request or `sigv4 emulate`.
const controller = new AbortController();
const stop = () => controller.abort();
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
// A closed pipe (`sigv4 ... | head -c 10`) is an EPIPE 'error' on stdout: main's sink sees it and
// ends quietly; these listeners only keep Node from turning it into an uncaught exception.
const ignore = () => {};
process.stdout.on('error', ignore);
process.stderr.on('error', ignore);

main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  stdin: process.stdin,
  signal: controller.signal,
}).then((code) => {
  process.off('SIGINT', stop);
  process.off('SIGTERM', stop);
  // Let stdout drain instead of process.exit(); but never linger on a handle left open (a
  // credential provider's socket after --max-time): exit a moment later, once stdout is empty.
  process.exitCode = code;
  const exitWhenFlushed = () => {
    if (process.stdout.writableLength > 0 && !process.stdout.destroyed) {
      process.stdout.once('drain', exitWhenFlushed);
    } else {
      process.exit(code);
    }
  };
  setTimeout(exitWhenFlushed, 1000).unref();
});
