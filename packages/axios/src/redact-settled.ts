import type { AxiosHeaders, AxiosResponse, InternalAxiosRequestConfig } from 'axios';

/** Signed headers that hold a secret: the signature, and the session token. */
const SECRET_HEADERS = ['authorization', 'x-amz-security-token'] as const;
const REDACTED = '[redacted]';
const INSPECT = Symbol.for('nodejs.util.inspect.custom');

/**
 * Once a hop has settled (nothing more is sent from it), hides the signature and the session
 * token from what axios keeps of it, so that `error.config`, `error.toJSON()`,
 * `util.inspect(error)`, `console.error(error)` and `response.config` never show them:
 * - the config's headers (`error.config.headers`, `response.config.headers`) get `[redacted]`;
 * - an error response's text body (`error.response.data`) loses the session token: API Gateway's
 *   signature-mismatch 403 quotes the canonical request it expected, token included;
 * - the adapter's request object (`error.request`, `response.request`: Node's `ClientRequest`,
 *   which holds the raw header block, or a fetch `Request`) is shown by `util.inspect` as a
 *   one-line summary, and a fetch `Request`'s headers get `[redacted]`.
 * What was sent is not changed: the adapter has finished with both by now. A retry from
 * `error.config` is signed again from scratch.
 */
export function redactSettled(
  sent: InternalAxiosRequestConfig,
  response: AxiosResponse | undefined,
  request: unknown,
): void {
  const headers = sent.headers as AxiosHeaders;
  if (response !== undefined && response.status >= 400 && typeof response.data === 'string') {
    const token = headers.get('x-amz-security-token');
    if (typeof token === 'string' && token !== '' && response.data.includes(token)) {
      response.data = response.data.split(token).join(REDACTED);
    }
  }
  redactHeaders(headers);
  if (typeof request !== 'object' || request === null) return;
  const web = (request as { headers?: unknown }).headers;
  if (typeof Headers !== 'undefined' && web instanceof Headers) {
    for (const name of SECRET_HEADERS) {
      try {
        if (web.has(name)) web.set(name, REDACTED);
      } catch {
        // immutable headers: the inspect summary below still hides them
      }
    }
  }
  if (Object.isFrozen(request) || Object.hasOwn(request, INSPECT)) return;
  // Strings taken now; the summary is only put together if someone inspects the request.
  const name = request.constructor?.name || 'Request';
  const method = String(sent.method).toUpperCase();
  const url = String(sent.url);
  Object.defineProperty(request, INSPECT, {
    value: () => describeRequest(name, method, url),
    configurable: true,
  });
}

/**
 * `[redacted]` for the secret headers of a hop's `AxiosHeaders` that are set (not `undefined`),
 * in one pass over its names, whatever their case: what `has` and `set` would find and store.
 */
function redactHeaders(headers: AxiosHeaders): void {
  const own = headers as unknown as Record<string, unknown>;
  for (const key of Object.keys(own)) {
    if (own[key] === undefined) continue;
    const lower = key.toLowerCase();
    if (lower === SECRET_HEADERS[0] || lower === SECRET_HEADERS[1]) own[key] = REDACTED;
  }
}

function describeRequest(name: string, method: string, href: string): string {
  const url = new URL(href);
  return `${name} { ${method} ${url.origin}${url.pathname} (headers hidden by @sigv4/axios) }`;
}
