import { SigV4Error } from '@sigv4/core';
import type { InternalAxiosRequestConfig } from 'axios';

/** The first axios whose http adapter tunnels an https request through a proxy (CONNECT). */
export const FIRST_TUNNELLING_AXIOS = '1.16.1';

/**
 * Refuses a signed `https:` request that this axios's Node http adapter would send to a proxy
 * in clear text: before 1.16.1 axios sends `GET https://... HTTP/1.1` to the proxy, signature
 * and session token included, and takes the proxy's answer as the https response. The proxy is
 * the `proxy` config or, unless `proxy: false`, the environment (`HTTPS_PROXY`, `ALL_PROXY`,
 * minus `NO_PROXY`), as axios reads it.
 *
 * @throws {SigV4Error} `ERR_SIGV4_UNSIGNABLE_REQUEST`.
 */
export function refuseCleartextProxy(
  config: InternalAxiosRequestConfig,
  url: URL,
  axiosVersion: string,
  context: { readonly method: string; readonly url: string },
): void {
  if (url.protocol !== 'https:' || config.proxy === false) return;
  if (!tunnelsNot(axiosVersion)) return;
  if (!config.proxy && !environmentProxies(url)) return;
  throw new SigV4Error(
    'ERR_SIGV4_UNSIGNABLE_REQUEST',
    `axios ${axiosVersion} sends an https:// request to a proxy in clear text (signature and session token included) instead of tunnelling it. Upgrade axios to ${FIRST_TUNNELLING_AXIOS} or later, which tunnels with CONNECT, or set proxy: false.`,
    context,
  );
}

let lastVersion: string | undefined;
let lastAnswer = false;

/** Whether this axios sends https through a proxy in clear text (the one version, remembered). */
function tunnelsNot(version: string): boolean {
  if (version !== lastVersion) {
    lastAnswer = isBefore(version, FIRST_TUNNELLING_AXIOS);
    lastVersion = version;
  }
  return lastAnswer;
}

function isBefore(version: string, than: string): boolean {
  const a = version.split('.').map((part) => Number.parseInt(part, 10));
  const b = than.split('.').map((part) => Number.parseInt(part, 10));
  for (let i = 0; i < 3; i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (Number.isNaN(x) || x !== y) return !(x > y);
  }
  return false;
}

function env(name: string): string {
  const vars = typeof process === 'undefined' ? {} : process.env;
  return vars[name.toLowerCase()] || vars[name.toUpperCase()] || '';
}

/** Whether proxy-from-env (under axios's http adapter) finds a proxy for an https URL. */
function environmentProxies(url: URL): boolean {
  const proxy =
    env('npm_config_https_proxy') ||
    env('https_proxy') ||
    env('npm_config_proxy') ||
    env('all_proxy');
  if (proxy === '') return false;
  const noProxy = (env('npm_config_no_proxy') || env('no_proxy')).toLowerCase();
  if (noProxy === '*') return false;
  const port = Number(url.port) || 443;
  return noProxy.split(/[,\s]/).every((entry) => {
    if (entry === '') return true;
    const [, host = '', entryPort] = /^(.+?)(?::(\d+))?$/.exec(entry) ?? [];
    if (entryPort !== undefined && Number(entryPort) !== port) return true;
    if (!/^[.*]/.test(host)) return url.hostname !== host;
    return !url.hostname.endsWith(host.replace(/^\*/, ''));
  });
}
