import { compileHostList, inferScopeFromHost, SigV4Error } from '@sigv4/core/internal';
import { createSignedFetch } from './create-signed-fetch.js';
import { isUnsignedHop, WRAPPED_FETCH } from './fetch-transport.js';
import type { SignedFetchOptions } from './options.js';
import { baseUrl } from './prepare-request.js';

/** Wrappers that were restored while another wrapper sat on top of them: skipped when unwinding. */
const restoredWrappers = new WeakMap<typeof globalThis.fetch, typeof globalThis.fetch>();

/** Options of `wrapGlobalFetch`: those of `createSignedFetch`, plus which hosts to sign. */
export interface WrapGlobalFetchOptions extends Omit<SignedFetchOptions, 'fetch'> {
  /**
   * Hosts to sign besides AWS hosts (`*.execute-api.*.amazonaws.com`, `*.lambda-url.*.on.aws`,
   * and every other host that resolves to an AWS scope): an exact host (with `:port` when not
   * the default), a glob (a leading `*.` is any subdomain, any other `*` is part of one label:
   * `*.execute-api.*.amazonaws.com`), or a RegExp tested on the host; the same grammar as
   * `sigv4Handler({ hosts })` in @sigv4/msw: one pattern or a list. Give `service` (and
   * `region`, unless AWS_REGION is set) for hosts that are not AWS's. As everywhere in sigv4,
   * `service` and `region` win over what a host says: to sign AWS hosts by their own scope and
   * a custom domain by a given one, install two wrappers (see the README).
   * @default [] (AWS hosts only)
   * @example { hosts: ['api.example.com', '*.internal.example.com'], service: 'execute-api', region: 'eu-west-1', awsHosts: false }
   */
  hosts?: string | RegExp | ReadonlyArray<string | RegExp> | undefined;
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
 * With msw (`@sigv4/msw` in tests), call `server.listen()` first and `wrapGlobalFetch()` after:
 * both replace `globalThis.fetch` and the last one installed sees a request first, so wrapped
 * before `listen()`, msw answers the request before it is signed (403 Missing Authentication Token).
 *
 * @example
 * const restore = wrapGlobalFetch(); // AWS hosts, each signed with the scope its host names
 * await fetch('https://abc123.execute-api.eu-west-1.amazonaws.com/prod/items'); // signed
 * await fetch('https://example.org/'); // untouched
 * restore();
 */
export function wrapGlobalFetch(options: WrapGlobalFetchOptions = {}): () => void {
  const previous = globalThis.fetch;
  // One signer for every host it signs: `service` and `region`, when given, win over the host,
  // as in createSignedFetch and the axios interceptor.
  const { hosts, awsHosts = true, ...signing } = options;
  if (typeof awsHosts !== 'boolean') {
    throw new SigV4Error(
      'ERR_SIGV4_INVALID_OPTION',
      'option `awsHosts` of wrapGlobalFetch must be true or false.',
    );
  }
  const signedFetch = createSignedFetch({ ...signing, fetch: previous });
  const matchesHosts = compileHostList(hosts, (entry, problem) => {
    throw new SigV4Error(
      'ERR_SIGV4_INVALID_OPTION',
      `option \`hosts\` of wrapGlobalFetch: the entry '${entry}' ${problem}. Give a host such as 'api.example.com', a glob such as '*.execute-api.*.amazonaws.com', or a RegExp (one, or a list).`,
    );
  });
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
    return matchesHosts(host) || (awsHosts && inferScopeFromHost(host) !== undefined)
      ? signedFetch
      : undefined;
  };

  function wrappedFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
    const signed = active && !isUnsignedHop(init) ? signerFor(input) : undefined;
    return signed ? signed(input, init) : previous(input, init);
  }
  // Our own signed fetches send through what is beneath (see `beneathSigV4`).
  Object.defineProperty(wrappedFetch, WRAPPED_FETCH, { value: previous });
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
