/**
 * Redaction for everything we show: error messages, debug payloads, logged headers. A
 * session token, a signature or a query never reaches a message, a stack or a log line.
 */

/** Header names whose values are secret or a signature. */
const SECRET_HEADERS = new Set([
  'authorization',
  'x-amz-security-token',
  'cookie',
  'proxy-authorization',
]);
const REDACTED = '[redacted]';

/**
 * Origin and path of a URL, `?…` for a query (it may hold `X-Amz-Signature` or
 * `X-Amz-Security-Token`). A string that is not a URL shows as `(invalid URL)`.
 *
 * @example redactUrl('https://h/p?X-Amz-Signature=abc') // 'https://h/p?…'
 */
export function redactUrl(url: string | URL): string {
  try {
    const parsed = typeof url === 'string' ? new URL(url) : url;
    return `${parsed.origin}${parsed.pathname}${parsed.search.length > 1 ? '?…' : ''}`;
  } catch {
    return '(invalid URL)';
  }
}

/**
 * A copy of headers as a plain object with the secret ones (`authorization`,
 * `x-amz-security-token`, cookies) replaced by `[redacted]`, for logs and error objects.
 */
export function redactHeaders(
  headers: Iterable<readonly [string, string]> | Record<string, unknown>,
): Record<string, string> {
  const out: Record<string, string> = {};
  const entries: Iterable<readonly [string, unknown]> =
    Symbol.iterator in headers
      ? (headers as Iterable<readonly [string, string]>)
      : Object.entries(headers);
  for (const [name, value] of entries) {
    if (value === undefined || value === null) continue;
    out[name] = SECRET_HEADERS.has(name.toLowerCase()) ? REDACTED : String(value);
  }
  return out;
}

/**
 * Text with every query string (`?` followed by non-space characters), 64-hex run (a
 * signature), `X-Amz-Signature`/`X-Amz-Credential`/`X-Amz-Security-Token` value and
 * `Signature=` / `x-amz-security-token:` value replaced. Prose question marks (followed by a
 * space or the end) are kept.
 *
 * @example redactText('"https://h/p?X-Amz-Security-Token=abc" is not an absolute URL') // '"https://h/p?…" is not ...'
 */
export function redactText(text: string): string {
  if (!/[?=:]|[0-9a-f]{64}/i.test(text)) return text;
  return text
    .replace(/\?[^\s"'`<>)]+/g, '?…')
    .replace(/\b[0-9a-f]{64}\b/gi, REDACTED)
    .replace(/(X-Amz-(?:Signature|Credential|Security-Token)=)[^&\s"'`]*/gi, `$1${REDACTED}`)
    .replace(/(Signature=)[^,\s"'`]*/g, `$1${REDACTED}`)
    .replace(/(x-amz-security-token\s*[:=]\s*)[^\s,"'`]+/gi, `$1${REDACTED}`);
}

/**
 * The canonical request with the session token's value replaced by `[redacted]`, for logs.
 * The canonical request (header mode and presigned) holds the token in clear: it is signed
 * like any header or query parameter. It never holds the secret key, and the string to sign
 * holds only a hash of the canonical request.
 *
 * @example
 * onSigned: (info) => console.debug(redactCanonicalRequest(info.canonicalRequest))
 */
export function redactCanonicalRequest(canonicalRequest: string): string {
  return canonicalRequest
    .replace(/^x-amz-security-token:.*$/m, 'x-amz-security-token:[redacted]')
    .replace(/X-Amz-Security-Token=[^&\n]*/, 'X-Amz-Security-Token=[redacted]');
}
