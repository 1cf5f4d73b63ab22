import type { LookupAddress, LookupOptions } from 'node:dns';

/** A name under RFC 6761's `localhost.` (not `localhost` itself: every resolver knows that one). */
export function isLocalhostName(hostname: string): boolean {
  return /^[^.].*\.localhost\.?$/i.test(hostname);
}

/** The loopback answer `dns.lookup` would give for a `*.localhost` name, for these options. */
export function loopbackAnswer(options: LookupOptions | number | undefined): LookupAddress[] {
  const family = typeof options === 'number' ? options : options?.family;
  const v6 = family === 6 || family === 'IPv6';
  return [v6 ? { address: '::1', family: 6 } : { address: '127.0.0.1', family: 4 }];
}

const PATCHED: unique symbol = Symbol.for('@sigv4/msw.resolve-localhost') as never;

type Callback = (error: NodeJS.ErrnoException | null, address: unknown, family?: number) => void;
type DnsModule = typeof import('node:dns');

/**
 * Wraps `dns.lookup` and `dns.promises.lookup` so that `*.localhost` names answer loopback and
 * every other name is looked up as before. Idempotent: a second call changes nothing.
 */
export function resolveLocalhostNames(dns: DnsModule): void {
  const holder = dns as DnsModule & { [PATCHED]?: true };
  if (holder[PATCHED]) return;
  holder[PATCHED] = true;
  const lookup = dns.lookup;
  const wrapped = function (this: unknown, hostname: string, ...rest: unknown[]): void {
    const callback = rest.at(-1) as Callback;
    const options = (rest.length > 1 ? rest[0] : undefined) as LookupOptions | number | undefined;
    if (
      typeof hostname !== 'string' ||
      !isLocalhostName(hostname) ||
      typeof callback !== 'function'
    ) {
      (lookup as (...args: unknown[]) => void).call(this, hostname, ...rest);
      return;
    }
    const answer = loopbackAnswer(options);
    const first = answer[0] as LookupAddress;
    if (typeof options === 'object' && options?.all) process.nextTick(callback, null, answer);
    else process.nextTick(callback, null, first.address, first.family);
  };
  dns.lookup = wrapped as unknown as typeof dns.lookup;
  const promised = dns.promises.lookup;
  dns.promises.lookup = (async (hostname: string, options?: LookupOptions | number) => {
    if (typeof hostname !== 'string' || !isLocalhostName(hostname))
      return promised(hostname, options as LookupOptions);
    const answer = loopbackAnswer(options);
    return typeof options === 'object' && options?.all ? answer : answer[0];
  }) as typeof dns.promises.lookup;
}
