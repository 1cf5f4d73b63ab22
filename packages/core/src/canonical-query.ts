import { SigV4Error } from './errors.js';
import { escapeRfc3986, percentDecode } from './uri-escape.js';

/** One query parameter in its canonical (decoded, then strictly re-encoded) form. */
export type CanonicalPair = readonly [name: string, value: string];

const byNameThenValue = (a: CanonicalPair, b: CanonicalPair): number =>
  a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0;

/**
 * Parses a literal query (without `?`) into canonical pairs: every name and value decoded
 * and encoded again with RFC 3986 rules; a parameter without `=` gets an empty value.
 *
 * @throws {SigV4Error} `ERR_SIGV4_AMBIGUOUS_QUERY` for a raw `+`: rewrite the query with
 *   `toStrictQuery` first, so the server and the signature agree on what it means.
 */
export function canonicalQueryPairs(query: string, method?: string): CanonicalPair[] {
  if (query === '') return [];
  if (query.includes('+')) {
    throw new SigV4Error(
      'ERR_SIGV4_AMBIGUOUS_QUERY',
      'the query has a raw "+", which some servers read as a space and others as a plus. Rewrite it with toStrictQuery() (a "+" then means a space) or send %2B for a plus.',
      method === undefined ? {} : { method },
    );
  }
  const pairs: CanonicalPair[] = [];
  for (const part of query.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const name = eq === -1 ? part : part.slice(0, eq);
    const value = eq === -1 ? '' : part.slice(eq + 1);
    pairs.push([escapeRfc3986(percentDecode(name)), escapeRfc3986(percentDecode(value))]);
  }
  return pairs;
}

/** Sorts canonical pairs by name, then value (byte order), and joins them as SigV4 wants. */
export function joinCanonicalQuery(pairs: CanonicalPair[]): string {
  if (pairs.length === 0) return '';
  if (pairs.length > 1) pairs.sort(byNameThenValue);
  return pairs.map(([name, value]) => `${name}=${value}`).join('&');
}
