/**
 * `node --import @sigv4/msw/resolve-localhost`: makes this Node process resolve the RFC 6761
 * loopback names (`anything.localhost`) to 127.0.0.1 (`::1` when only IPv6 is asked for), as
 * curl, Bun and browsers already do, so code that takes its API URL from configuration reaches
 * `sigv4 emulate` by URL alone:
 * `ORDERS_API_URL=http://a1b2c3d4e5.execute-api.eu-west-1.localhost:4566/prod`.
 *
 * Node asks the system resolver (getaddrinfo), which answers `*.localhost` on systems with
 * nss-myhostname or systemd-resolved and fails with `ENOTFOUND` elsewhere (Debian's default
 * glibc, for one). This changes `dns.lookup` (which `net`, `http` and `fetch` use) and
 * `dns.promises.lookup` for names ending in `.localhost` only; every other name goes to the
 * resolver as before. Nothing is sent differently: the URL, and so the `Host` header the
 * request is signed for, stays the `.localhost` name. A development aid: do not load it in
 * production.
 */
import dns from 'node:dns';
import { resolveLocalhostNames } from './localhost-lookup.js';

resolveLocalhostNames(dns);
