import type { Transport, TransportResponse } from '@sigv4/core/internal';
import { peekStream } from '@sigv4/core/internal';
import { withOrigin } from './response-view.js';

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
  return (request) => {
    const init: RequestInit & { [UNSIGNED_HOP]?: true } = {
      ...carry,
      method: request.method,
      headers: request.headers,
      body: request.body,
      redirect,
    };
    if (request.referrerPolicy !== undefined)
      init.referrerPolicy = request.referrerPolicy as ReferrerPolicy;
    if (!request.signed) init[UNSIGNED_HOP] = true;
    return Promise.resolve(beneathSigV4(fetchFn())(request.url, init)).then(wrapResponse);
  };
}

/**
 * Marks the init of a hop that left the origin it was signed for. Every sigv4 fetch (another
 * copy of this package included: the key is global) sends such a request untouched: a custom
 * `fetch` that calls the global one, wrapped by `wrapGlobalFetch`, cannot get it signed.
 */
export const UNSIGNED_HOP: unique symbol = Symbol.for('@sigv4/fetch.unsigned-hop') as never;

/** Set on a `wrapGlobalFetch` wrapper: the fetch it wraps. */
export const WRAPPED_FETCH: unique symbol = Symbol.for('@sigv4/fetch.wrapped-fetch') as never;

/** The fetch beneath every `wrapGlobalFetch` wrapper (of any copy of this package). */
export function beneathSigV4(fetchFn: typeof globalThis.fetch): typeof globalThis.fetch {
  let current = fetchFn;
  for (let depth = 0; depth < 100; depth++) {
    const inner = (current as { [WRAPPED_FETCH]?: typeof globalThis.fetch })[WRAPPED_FETCH];
    if (typeof inner !== 'function') return current;
    current = inner;
  }
  return current;
}

/** True for an init `fetchTransport` marked as an unsigned hop to another origin. */
export function isUnsignedHop(init: RequestInit | undefined): boolean {
  return (init as { [UNSIGNED_HOP]?: unknown } | undefined)?.[UNSIGNED_HOP] === true;
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
    const intact = withOrigin(
      new Response(peeked.stream, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      }),
      { url: response.url, redirected: response.redirected, type: response.type },
    );
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
