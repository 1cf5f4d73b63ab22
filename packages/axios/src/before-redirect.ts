import { SigV4Error } from '@sigv4/core';
import { type RedirectStep, redactUrl } from '@sigv4/core/internal';
import type { InternalAxiosRequestConfig } from 'axios';
import { redirectionFailure } from './redirect-errors.js';
import type { Settled } from './send-hop.js';

type Hook = (options: Record<string, unknown>, response?: unknown, request?: unknown) => void;

/** What follow-redirects lets `beforeRedirect` see of the target, checked unchanged afterwards. */
const TARGET = ['href', 'protocol', 'hostname', 'port', 'path', 'method'] as const;
const SIGV4 = /^(authorization|x-amz-date|x-amz-security-token|x-amz-content-sha256)$/i;

/**
 * axios's `beforeRedirect` (an option of its http adapter, handed to follow-redirects) as the
 * pipeline's hook: called before every redirect is followed with what follow-redirects passes
 * (its options for the next hop, with `headers`; `{ headers, statusCode }` of the redirect;
 * `{ url, method, headers }` of the request redirected). A throw refuses the hop as
 * follow-redirects does (`ERR_FR_REDIRECTION_FAILURE`); header changes apply to the next hop.
 * A changed target (URL, method) cannot be honoured, since the hop is signed for where the
 * server sent it: it is refused with `ERR_SIGV4_REDIRECT_BLOCKED`.
 */
export function beforeRedirectHook(
  config: InternalAxiosRequestConfig,
): ((step: RedirectStep<Settled>) => void) | undefined {
  const hook = config.beforeRedirect as Hook | undefined;
  if (typeof hook !== 'function') return undefined;
  const casing = new Map(
    Object.keys(config.headers ?? {}).map((name) => [name.toLowerCase(), name]),
  );
  return (step) => {
    const defaults = adapterDefaults(step);
    const headers: Record<string, unknown> = { ...defaults };
    for (const [name, value] of step.headers) headers[casing.get(name) ?? name] = value;
    const options = hopOptions(step, headers);
    const before = TARGET.map((key) => options[key]);
    try {
      hook(
        options,
        { headers: step.response.response.headers, statusCode: step.status },
        { url: step.from.href, method: step.response.response.config.method?.toUpperCase() },
      );
    } catch (error) {
      throw redirectionFailure(error);
    }
    if (TARGET.some((key, i) => options[key] !== before[i])) throw targetChanged(step);
    applyHeaders(options.headers, step.headers, defaults);
  };
}

/**
 * The headers axios's http adapter added to the redirected request (`User-Agent`,
 * `Accept-Encoding`), which follow-redirects keeps in its options for the next hop.
 */
function adapterDefaults(step: RedirectStep<Settled>): Record<string, string> {
  const request = step.response.response.request as { getHeader?: (name: string) => unknown };
  const out: Record<string, string> = {};
  if (typeof request?.getHeader !== 'function') return out;
  for (const name of ['User-Agent', 'Accept-Encoding']) {
    const value = step.headers.has(name) ? undefined : request.getHeader(name);
    if (typeof value === 'string') out[name] = value;
  }
  return out;
}

/** follow-redirects' options for the next hop, as far as a hook reads them. */
function hopOptions(step: RedirectStep<Settled>, headers: Record<string, unknown>) {
  const { url } = step;
  return {
    href: url.href,
    protocol: url.protocol,
    hostname: url.hostname,
    host: url.host,
    port: url.port === '' ? '' : Number(url.port),
    pathname: url.pathname,
    search: url.search,
    hash: url.hash,
    path: `${url.pathname}${url.search}`,
    method: step.method,
    headers: headers as Record<string, unknown>,
  } as Record<string, unknown> & { headers: Record<string, unknown> };
}

/**
 * The hook's headers onto the next hop's: added, changed, removed (never a SigV4 header). The
 * adapter's own defaults, left as they were, stay the adapter's to add.
 */
function applyHeaders(
  changed: Record<string, unknown>,
  next: Headers,
  defaults: Record<string, string>,
): void {
  const kept = new Set<string>();
  for (const [name, value] of Object.entries(changed)) {
    if (SIGV4.test(name) || value === undefined || value === null) continue;
    kept.add(name.toLowerCase());
    if (defaults[name] !== value) next.set(name, String(value));
  }
  for (const [name] of [...next]) if (!kept.has(name)) next.delete(name);
}

function targetChanged(step: RedirectStep<Settled>): SigV4Error {
  return new SigV4Error(
    'ERR_SIGV4_REDIRECT_BLOCKED',
    'beforeRedirect changed where the redirect goes (URL or method); @sigv4/axios follows redirects itself, signed for the target the server gave, and honours only header changes and refusals. Change headers, or throw to refuse the redirect.',
    { method: step.method, url: redactUrl(step.from) },
  );
}
