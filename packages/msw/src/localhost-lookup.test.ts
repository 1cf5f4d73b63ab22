import type dnsModule from 'node:dns';
import { describe, expect, it } from 'vitest';
import { isLocalhostName, resolveLocalhostNames } from './localhost-lookup.js';

describe('isLocalhostName', () => {
  it.each([
    ['a1b2c3d4e5.execute-api.eu-west-1.localhost', true],
    ['ABC.LocalHost', true],
    ['abc.localhost.', true],
    ['localhost', false],
    ['.localhost', false],
    ['localhost.example.com', false],
    ['abc.localhost.example.com', false],
    ['example.com', false],
  ])('%s: %s', (name, expected) => expect(isLocalhostName(name)).toBe(expected));
});

/** A stand-in for `node:dns` whose own lookup records what reached it. */
function fakeDns() {
  const reached: string[] = [];
  const lookup = (hostname: string, ...rest: unknown[]) => {
    reached.push(hostname);
    (rest.at(-1) as (e: Error) => void)(
      Object.assign(new Error('not found'), { code: 'ENOTFOUND' }),
    );
  };
  const dns = {
    lookup,
    promises: {
      lookup: async (hostname: string) => {
        reached.push(hostname);
        throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' });
      },
    },
  };
  return { dns: dns as unknown as typeof dnsModule, reached };
}

const lookup = (dns: typeof dnsModule, name: string, options: dnsModule.LookupOptions = {}) =>
  new Promise((resolve, reject) =>
    dns.lookup(name, options, (error, address, family) =>
      error ? reject(error) : resolve({ address, family }),
    ),
  );

describe('resolveLocalhostNames', () => {
  it('answers *.localhost with loopback; every other name goes to the resolver', async () => {
    const { dns, reached } = fakeDns();
    resolveLocalhostNames(dns);
    resolveLocalhostNames(dns); // idempotent
    expect(await lookup(dns, 'abc.execute-api.eu-west-1.localhost')).toEqual({
      address: '127.0.0.1',
      family: 4,
    });
    expect(await lookup(dns, 'abc.localhost', { family: 6 })).toEqual({
      address: '::1',
      family: 6,
    });
    expect(await lookup(dns, 'abc.localhost', { all: true })).toEqual({
      address: [{ address: '127.0.0.1', family: 4 }],
      family: undefined,
    });
    expect(await dns.promises.lookup('abc.localhost')).toEqual({ address: '127.0.0.1', family: 4 });
    await expect(lookup(dns, 'example.invalid')).rejects.toMatchObject({ code: 'ENOTFOUND' });
    await expect(dns.promises.lookup('example.invalid')).rejects.toMatchObject({
      code: 'ENOTFOUND',
    });
    expect(reached).toEqual(['example.invalid', 'example.invalid']);
  });
});
