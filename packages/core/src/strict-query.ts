import { escapeRfc3986, toStrictComponent } from './uri-escape.js';

/**
 * A query already in strict form, which `toStrictQuery` would return unchanged: non-empty
 * names and values of unreserved characters and upper-case escapes, at most one `=` a pair, no
 * empty pair. The common case (`limit=10&start=a`) is then one regular-expression test.
 */
const STRICT_QUERY =
  /^(?:[A-Za-z0-9\-_.~]|%[0-9A-F]{2})+(?:=(?:[A-Za-z0-9\-_.~]|%[0-9A-F]{2})*)?(?:&(?:[A-Za-z0-9\-_.~]|%[0-9A-F]{2})+(?:=(?:[A-Za-z0-9\-_.~]|%[0-9A-F]{2})*)?)*$/;

/**
 * Rewrites a query string into strict RFC 3986 form, keeping the order of its parameters and
 * the bytes they stand for: a raw `+` counts as a space (as `URLSearchParams`, HTML forms and
 * axios mean it), then every name and value is re-encoded with only `A-Za-z0-9-_.~` left as
 * is. So a space goes out as `%20` and a plus as `%2B`, and no server has to guess what a `+`
 * meant. Escapes keep their bytes even when they are not UTF-8 (`%e9` becomes `%E9`).
 *
 * Accepts the query with or without its leading `?`; returns it without. A parameter with no
 * `=` keeps having none. Empty parameters (`a=1&&b=2`) are dropped.
 *
 * @example
 * toStrictQuery('?q=Bjarne+Stroustrup&tag=c%2B%2B&x=*') // 'q=Bjarne%20Stroustrup&tag=c%2B%2B&x=%2A'
 */
export function toStrictQuery(query: string): string {
  const raw = query.startsWith('?') ? query.slice(1) : query;
  if (raw === '' || STRICT_QUERY.test(raw)) return raw;
  const parts: string[] = [];
  for (const pair of raw.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const name = toStrictComponent((eq === -1 ? pair : pair.slice(0, eq)).replaceAll('+', '%20'));
    if (eq === -1) parts.push(name);
    else parts.push(`${name}=${toStrictComponent(pair.slice(eq + 1).replaceAll('+', '%20'))}`);
  }
  return parts.join('&');
}

/**
 * Serialises an object of query parameters in strict RFC 3986 form, in insertion order.
 * Arrays repeat the name; `undefined` values are left out; other values are turned into strings.
 *
 * @example
 * encodeQueryObject({ user: 'Bjarne Stroustrup', tag: ['a', 'b'] }) // 'user=Bjarne%20Stroustrup&tag=a&tag=b'
 */
export function encodeQueryObject(params: QueryParams): string {
  const parts: string[] = [];
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined) continue;
    const values = Array.isArray(value) ? value : [value];
    for (const one of values) parts.push(`${escapeRfc3986(name)}=${escapeRfc3986(String(one))}`);
  }
  return parts.join('&');
}

/** Query parameters given as an object: a value, or an array for a repeated name. */
export type QueryParams = Record<
  string,
  string | number | boolean | undefined | ReadonlyArray<string | number | boolean>
>;
