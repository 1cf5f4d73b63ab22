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
  // Not `async`: the fetch's own promise, mapped once, is the attempt's promise
  // (`Promise.resolve` returns it as is; it only matters for a fetch that returns a Response).
  return (request) =>
    Promise.resolve(
      fetchFn()(request.url, {
        ...carry,
        method: request.method,
        headers: request.headers,
        body: request.body,
        redirect,
      }),
    ).then(wrapResponse);
}

/** A fetch `Response` as the pipeline sees it (methods on the prototype: no closures per response). */
class FetchTransportResponse implements TransportResponse<Response> {
  readonly value: Response;
  readonly status: number;
  readonly opaqueRedirect: boolean;

  constructor(response: Response) {
    this.value = response;
    this.status = response.status;
    this.opaqueRedirect = response.type === 'opaqueredirect';
  }

  header(name: string): string | null {
    return this.value.headers.get(name);
  }

  async peekText(
    maxBytes: number,
    timeoutMs: number,
    signal: AbortSignal | undefined,
  ): Promise<{ text: string; response: TransportResponse<Response> }> {
    const response = this.value;
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
  }

  async discard(): Promise<void> {
    await this.value.body?.cancel().catch(() => undefined);
  }
}

/** A fetch `Response` as the pipeline sees it. */
export function wrapResponse(response: Response): TransportResponse<Response> {
  return new FetchTransportResponse(response);
}
