/** Headers in any of the shapes callers have: a `Headers`, entry pairs, or a plain object. */
export type HeaderInput =
  | Headers
  | Iterable<readonly [string, string]>
  | Readonly<Record<string, string | number | boolean | readonly string[] | null | undefined>>;

/**
 * Headers never signed: smithy's unsignable list, plus what proxies, CDNs, browsers and HTTP
 * clients add or rewrite on the way (`x-forwarded-*`, `via`, `cf-*`, `range`,
 * `accept-encoding`, and `content-length`, which the runtime computes).
 */
const UNSIGNABLE = new Set([
  'authorization',
  'cache-control',
  'connection',
  'expect',
  'from',
  'keep-alive',
  'max-forwards',
  'pragma',
  'referer',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'user-agent',
  'x-amzn-trace-id',
  'via',
  'range',
  'accept-encoding',
  'content-length',
  // Set by the signer itself.
  'host',
  'x-amz-date',
  'date',
  'x-amz-content-sha256',
  'x-amz-security-token',
]);
const UNSIGNABLE_PREFIXES = ['proxy-', 'sec-', 'x-forwarded-', 'cf-'];

/** True when SigV4 signing leaves `name` (lower case) out by default. */
export function isUnsignableHeader(name: string): boolean {
  return UNSIGNABLE.has(name) || UNSIGNABLE_PREFIXES.some((prefix) => name.startsWith(prefix));
}

/**
 * Collects headers into lower-case names with their values, repeated names kept in order.
 * `undefined` and `null` values are dropped.
 */
export function collectHeaders(input: HeaderInput | undefined): Map<string, string[]> {
  const out = new Map<string, string[]>();
  if (input === undefined) return out;
  const add = (name: string, value: string): void => {
    const key = name.toLowerCase();
    const list = out.get(key);
    if (list) list.push(value);
    else out.set(key, [value]);
  };
  if (isIterable(input)) {
    for (const [name, value] of input) add(name, value);
    return out;
  }
  for (const name of Object.keys(input)) {
    const value = input[name];
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) for (const one of value as readonly string[]) add(name, String(one));
    else add(name, String(value));
  }
  return out;
}

/**
 * The canonical form of a header's values: each value trimmed, inner runs of whitespace
 * (including folded line breaks) turned into one space, then joined with `,`.
 */
export function canonicalHeaderValue(values: readonly string[]): string {
  if (values.length === 1) return canonicalOne(values[0] as string);
  return values.map(canonicalOne).join(',');
}

const NEEDS_FOLDING = /[\r\n\t]| {2}|^\s|\s$/;

function canonicalOne(value: string): string {
  if (!NEEDS_FOLDING.test(value)) return value;
  return value
    .replace(/[\r\n]/g, ' ')
    .replace(/[ \t]+/g, ' ')
    .trim();
}

function isIterable(value: HeaderInput): value is Iterable<readonly [string, string]> {
  return typeof (value as { [Symbol.iterator]?: unknown })[Symbol.iterator] === 'function';
}
