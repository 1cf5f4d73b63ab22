import { createCredentialsCache, defaultCredentials } from '@sigv4/core';
import { inferScopeFromHost } from '@sigv4/core/internal';
import { createSignedFetch } from './create-signed-fetch.js';
import type { SignedFetchOptions } from './options.js';
import { baseUrl } from './prepare-request.js';

/** Wrappers that were restored while another wrapper sat on top of them: skipped when unwinding. */
const restoredWrappers = new WeakMap<typeof globalThis.fetch, typeof globalThis.fetch>();

/** Options of `wrapGlobalFetch`: those of `createSignedFetch`, plus which hosts to sign. */
export interface WrapGlobalFetchOptions extends Omit<SignedFetchOptions, 'fetch'> {
  /**
   * Hosts to sign besides AWS hosts (`*.execute-api.*.amazonaws.com`, `*.lambda-url.*.on.aws`,
   * and every other host that resolves to an AWS scope): an exact host (with `:port` when not
   * the default), a `*.` wildcard for subdomains, or a RegExp tested on the host. Give
   * `service` (and `region`, unless AWS_REGION is set) for hosts that are not AWS's: those two
   * options apply to these hosts only, AWS hosts always get the scope their host names.
   * @default [] (AWS hosts only)
   * @example { hosts: ['api.example.com', '*.internal.example.com'], service: 'execute-api', region: 'eu-west-1' }
   */
  hosts?: ReadonlyArray<string | RegExp> | undefined;
  /**
   * Sign requests to hosts that resolve to an AWS scope. Set `false` to sign only `hosts`.
   * @default true
   * @example { awsHosts: false, hosts: ['api.example.com'] }
   */
  awsHosts?: boolean | undefined;
}

/**
 * Replaces `globalThis.fetch` with one that signs requests to AWS hosts and to `hosts`, and
 * leaves every other request untouched (no credentials are resolved for them). Returns a
 * function that puts the previous `fetch` back. Wrapping again never signs twice: a request
 * that already has an `Authorization` header is passed through.
 *
 * @example
 * const restore = wrapGlobalFetch({ hosts: ['api.example.com'], service: 'execute-api', region: 'eu-west-1' });
 * await fetch('https://abc123.execute-api.eu-west-1.amazonaws.com/prod/items'); // signed
 * await fetch('https://example.org/'); // untouched
 * restore();
 */
export function wrapGlobalFetch(options: WrapGlobalFetchOptions = {}): () => void {
  const previous = globalThis.fetch;
  // One credentials cache for both signers: still one provider call for any number of requests.
  const cache = createCredentialsCache(options.credentials ?? defaultCredentials);
  const shared = { ...options, credentials: () => cache.get(), fetch: previous };
  // AWS hosts always get the scope their host names; `service`/`region` are for `hosts`.
  const forAws = createSignedFetch({ ...shared, service: undefined, region: undefined });
  const forHosts = createSignedFetch(shared);
  const hosts = options.hosts ?? [];
  const awsHosts = options.awsHosts ?? true;
  let active = true;

  const signerFor = (input: RequestInfo | URL): typeof globalThis.fetch | undefined => {
    let host: string;
    try {
      const url =
        typeof input === 'string'
          ? new URL(input, baseUrl())
          : input instanceof URL
            ? input
            : new URL(input.url);
      host = url.host.toLowerCase();
    } catch {
      return undefined; // fetch itself reports the bad URL
    }
    if (hosts.some((pattern) => matchesHost(pattern, host))) return forHosts;
    return awsHosts && inferScopeFromHost(host) !== undefined ? forAws : undefined;
  };

  function wrappedFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
    const signed = active ? signerFor(input) : undefined;
    return signed ? signed(input, init) : previous(input, init);
  }
  globalThis.fetch = wrappedFetch as typeof globalThis.fetch;

  return function restore(): void {
    if (!active) return;
    active = false;
    restoredWrappers.set(wrappedFetch as typeof globalThis.fetch, previous);
    if (globalThis.fetch !== wrappedFetch) return; // another wrapper is on top: it unwinds past us
    let target = previous;
    let skipped = restoredWrappers.get(target);
    while (skipped !== undefined) {
      target = skipped;
      skipped = restoredWrappers.get(target);
    }
    globalThis.fetch = target;
  };
}

/** True when `host` (lower case, with `:port` when not the default) matches an allow-list entry. */
export function matchesHost(pattern: string | RegExp, host: string): boolean {
  if (typeof pattern !== 'string') {
    pattern.lastIndex = 0;
    return pattern.test(host);
  }
  const wanted = pattern.toLowerCase();
  if (wanted.startsWith('*.'))
    return host.endsWith(wanted.slice(1)) && host.length > wanted.length - 1;
  return host === wanted;
}
