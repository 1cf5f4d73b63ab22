/**
 * The one host-pattern grammar of sigv4: `wrapGlobalFetch({ hosts })` in @sigv4/fetch and
 * `sigv4Handler({ hosts })` in @sigv4/msw both use it, so a pattern copied from one README
 * means the same in the other. No imports: @sigv4/msw inlines this file in its build.
 *
 * A pattern is tested on a URL's `host`: lower case, `name` or `name:port` (the default port is
 * never written, as `new URL(...).host` gives it).
 * - `api.example.com`: that host on the default port only; `localhost:8080`: that port only.
 * - `*.example.com`: a leading `*.` is one or more labels (`a.example.com`, `a.b.example.com`,
 *   not `example.com`).
 * - any other `*` is one or more characters within one label, never a `.` or `:`
 *   (`*.execute-api.*.amazonaws.com` matches every region, `api.example.*` does not match
 *   `api.example.com.evil.org`, `localhost:*` is any port).
 * - a RegExp is tested on the host as it is (write `/^api\d\.example\.com$/`).
 * Letters are compared without case.
 */

/** A host pattern: an exact host, a `*` glob (see the grammar above), or a RegExp on the host. */
export type HostPattern = string | RegExp;

/**
 * Why a string cannot be a host pattern (a URL, a path, spaces), or `undefined` when it can.
 * Callers turn it into their own typed error at construction, so a pattern that could never
 * match fails loudly instead of silently signing (or guarding) nothing.
 *
 * @example
 * hostPatternProblem('https://api.example.com/prod'); // "is a URL: pass its host, 'api.example.com'"
 */
export function hostPatternProblem(pattern: HostPattern): string | undefined {
  if (typeof pattern !== 'string') return undefined;
  if (pattern === '') return 'is empty';
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(pattern)) {
    try {
      return `is a URL: pass its host, '${new URL(pattern).host}'`;
    } catch {
      return 'is a URL: pass its host';
    }
  }
  if (/[/\s?#@]/.test(pattern)) return 'is not a host (no path, query, spaces or user info)';
  return undefined;
}

const escapeRegExp = (text: string): string => text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');

/** Compiles one pattern into a test on a host (`name` or `name:port`, any case). */
export function compileHostPattern(pattern: HostPattern): (host: string) => boolean {
  if (typeof pattern !== 'string') {
    return (host) => {
      pattern.lastIndex = 0; // a /g or /y RegExp keeps state between calls
      return pattern.test(host.toLowerCase());
    };
  }
  const lower = pattern.toLowerCase();
  const subdomains = lower.startsWith('*.');
  const rest = subdomains ? lower.slice(2) : lower;
  const body = rest.split('*').map(escapeRegExp).join('[^.:]+');
  const re = new RegExp(`^${subdomains ? '(?:[^.:]+\\.)+' : ''}${body}$`);
  return (host) => re.test(host.toLowerCase());
}

/** True when `host` matches `pattern` (compile once with `compileHostPattern` in hot paths). */
export function matchesHostPattern(pattern: HostPattern, host: string): boolean {
  return compileHostPattern(pattern)(host);
}

/**
 * Compiles a `hosts` option, in the one form every function takes: one pattern or a list of
 * them. Each entry is checked first: `refuse(entry, problem)` is called (and must throw the
 * caller's typed error) for anything that could never match (a URL, a path, an empty string,
 * something that is neither a string nor a RegExp).
 *
 * @example
 * const matches = compileHostList(['api.example.com', /^internal\./], (entry, problem) => {
 *   throw new Error(`hosts: '${entry}' ${problem}`);
 * });
 * matches('api.example.com'); // true
 */
export function compileHostList(
  patterns: unknown,
  refuse: (entry: string, problem: string) => never,
): (host: string) => boolean {
  if (patterns === undefined) return () => false;
  const list: readonly unknown[] = Array.isArray(patterns) ? patterns : [patterns];
  const tests = list.map((pattern) => {
    if (typeof pattern !== 'string' && !(pattern instanceof RegExp))
      return refuse(String(pattern), 'is neither a host string nor a RegExp');
    const problem = hostPatternProblem(pattern);
    if (problem !== undefined) return refuse(String(pattern), problem);
    return compileHostPattern(pattern);
  });
  return (host) => tests.some((matches) => matches(host));
}
