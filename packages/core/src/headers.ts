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
 * One value as smithy's canonicaliser leaves it (`getCanonicalHeaders`): line breaks and runs
 * of spaces and tabs become one space, and one leading and one trailing space go.
 */
function foldLikeSmithy(value: string): string {
  return value
    .replace(/[\r\n]/g, ' ')
    .replace(/[ \t]+/g, ' ')
    .replace(/^ | $/g, '');
}

/**
 * The value smithy is handed for a header: a single value as it is sent (smithy folds it);
 * repeated header lines each folded, then joined with `,`, as SigV4 joins repeated headers.
 */
export function joinHeaderValues(values: readonly string[]): string {
  if (values.length === 1) return values[0] as string;
  return values.map(foldLikeSmithy).join(',');
}

/**
 * True when a value, once smithy folded it, still starts or ends with a control character
 * (`\v`, `\f`, ...): AWS trims those, smithy does not.
 */
export function hasEdgeControl(value: string): boolean {
  // Folding only touches spaces, tabs and line breaks: a value that starts and ends with a
  // visible character keeps both, so it has no edge control character (the common case).
  if (value.charCodeAt(0) > 0x20 && value.charCodeAt(value.length - 1) > 0x20) return false;
  const folded = foldLikeSmithy(value);
  return folded.charCodeAt(0) < 0x20 || folded.charCodeAt(folded.length - 1) < 0x20;
}

function isIterable(value: HeaderInput): value is Iterable<readonly [string, string]> {
  return typeof (value as { [Symbol.iterator]?: unknown })[Symbol.iterator] === 'function';
}
