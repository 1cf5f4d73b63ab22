/**
 * The user's own credentials (`-H 'Cookie: ...'`) stay with the origin they were given for.
 *
 * With `-L`, @sigv4/core's redirect step (`nextHop` in packages/core/src/transport/redirect.ts,
 * run by `sendSigned` under `createSignedFetch`) removes the SigV4 headers on a hop to another
 * origin, and copies every other header of the request to the next hop. curl 7.83 and later
 * sends a custom `Cookie` or `Authorization` only to the host the user named; the fetch standard
 * drops `Authorization` on a cross-origin redirect, and undici `Cookie` and
 * `Proxy-Authorization` too. This wrapper gives the CLI that rule without changing core.
 */

/** Headers that carry a credential of the user's and never follow a redirect to another origin. */
export const ORIGIN_BOUND_HEADERS: readonly string[] = [
  'authorization',
  'cookie',
  'proxy-authorization',
];

function urlOf(input: RequestInfo | URL): string {
  return typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
}

/**
 * Wraps the fetch that sends each hop of ONE call (the pipeline calls it once per hop, in order,
 * with the hop's URL). From the first hop whose origin differs from the hop before it, every
 * hop goes without `ORIGIN_BOUND_HEADERS`, even one that comes back to the first origin: as in
 * the fetch standard, a header removed on leaving the origin is not put back (and core does not
 * sign again after leaving either).
 */
export function keepCredentialsOnOrigin(send: typeof globalThis.fetch): typeof globalThis.fetch {
  let previousOrigin: string | undefined;
  let leftOrigin = false;
  return ((input: RequestInfo | URL, init?: RequestInit) => {
    const origin = new URL(urlOf(input)).origin;
    if (previousOrigin !== undefined && origin !== previousOrigin) leftOrigin = true;
    previousOrigin = origin;
    if (!leftOrigin) return send(input, init);
    const headers = new Headers(init?.headers);
    for (const name of ORIGIN_BOUND_HEADERS) headers.delete(name);
    return send(input, { ...init, headers });
  }) as typeof globalThis.fetch;
}
