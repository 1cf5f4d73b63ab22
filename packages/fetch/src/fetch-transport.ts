import type { Transport, TransportResponse } from '@sigv4/core/internal';
import { peekStream } from '@sigv4/core/internal';

const UTF8 = new TextDecoder();

/**
 * The pipeline's transport over a `fetch`: sends one attempt exactly as the pipeline gives it,
 * with the caller's other `RequestInit` fields (`carry`), and never follows a redirect itself
 * (`redirect: 'manual'`; `'error'` when the caller asked for that).
 */
export function fetchTransport(
  fetchFn: () => typeof globalThis.fetch,
  carry: RequestInit,
  redirect: 'manual' | 'error',
): Transport<Response> {
  return async (request) =>
    wrapResponse(
      await fetchFn()(request.url, {
        ...carry,
        method: request.method,
        headers: request.headers,
        body: request.body,
        redirect,
      }),
    );
}

/** A fetch `Response` as the pipeline sees it. */
export function wrapResponse(response: Response): TransportResponse<Response> {
  return {
    status: response.status,
    header: (name) => response.headers.get(name),
    opaqueRedirect: response.type === 'opaqueredirect',
    async peekText(maxBytes, timeoutMs, signal) {
      if (response.body === null || response.bodyUsed) return { text: '', response: this };
      const peeked = await peekStream(response.body, { maxBytes, timeoutMs, signal });
      const intact = new Response(peeked.stream, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      });
      if (response.url !== '')
        Object.defineProperty(intact, 'url', { value: response.url, configurable: true });
      return { text: UTF8.decode(peeked.head), response: wrapResponse(intact) };
    },
    async discard() {
      await response.body?.cancel().catch(() => undefined);
    },
    value: response,
  };
}
