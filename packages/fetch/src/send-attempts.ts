import { redactCanonicalRequest, type Signer } from '@sigv4/core';
import { SIGV4_HEADERS, sha256Hex, withRequestContext } from '@sigv4/core/internal';
import { serverDateFromSkewError } from './clock-skew.js';
import type { ResolvedOptions, SignedRequestInfo } from './options.js';
import type { BodyBytes } from './read-body.js';

/**
 * Signing headers a caller may have copied from an earlier request, or an earlier attempt or hop
 * left: removed before signing, never sent stale.
 */
const STALE = SIGV4_HEADERS;

/** One request ready to sign: the fetch arguments, the body as bytes. */
export interface Outgoing {
  readonly method: string;
  readonly url: URL;
  /**
   * A copy of the caller's headers that this package owns: the first attempt signs and sends it
   * as it is (no second copy); later attempts sign a copy of it, so a `fetch` that kept the
   * first attempt's headers never sees them change.
   */
  readonly headers: Headers;
  readonly body: BodyBytes;
}

export interface SendContext {
  readonly signer: Signer | undefined;
  readonly options: ResolvedOptions;
  readonly fetch: () => typeof globalThis.fetch;
  readonly carry: RequestInit;
  readonly redirect: RequestRedirect;
  readonly onSigned: ((info: SignedRequestInfo) => void) | undefined;
}

/**
 * Sends one request: signs a fresh copy, sends it, and sends it again (signed again) after a
 * clock-skew refusal (once) or a retryable failure (up to `retry.limit` times).
 */
export async function sendWithAttempts(
  request: Outgoing,
  context: SendContext,
  firstAttempt: number,
): Promise<Response> {
  const { signer, options } = context;
  const { retry } = options;
  const signal = context.carry.signal ?? undefined;
  const retryable = retry.limit > 0 && retry.methods.includes(request.method);
  let retries = 0;
  let skewCorrected = false;
  for (let attempt = firstAttempt; ; attempt++) {
    signal?.throwIfAborted();
    const headers = attempt === firstAttempt ? request.headers : new Headers(request.headers);
    for (const name of STALE) headers.delete(name);
    let url = request.url.href;
    try {
      if (signer) {
        const signed = await signer.sign({
          method: request.method,
          url,
          headers,
          body: request.body,
        });
        for (const name of Object.keys(signed.headers))
          headers.set(name, signed.headers[name] ?? '');
        url = signed.url;
        context.onSigned?.({
          method: request.method,
          url,
          signedHeaders: signed.signedHeaders,
          canonicalRequest: redactCanonicalRequest(signed.canonicalRequest),
          stringToSign: signed.stringToSign,
          attempt,
        });
      } else {
        headers.set('x-amz-content-sha256', await sha256Hex(request.body ?? ''));
      }
    } catch (error) {
      throw withRequestContext(error, request.method, request.url.href);
    }
    let response: Response;
    try {
      response = await context.fetch()(url, {
        ...context.carry,
        method: request.method,
        headers,
        body: request.body,
        redirect: context.redirect,
      });
    } catch (error) {
      if (!retryable || retries >= retry.limit || isAbort(error, signal)) throw error;
      retries++;
      await wait(retry.delay(retries), signal);
      continue;
    }
    // Only a 403 can be a clock-skew refusal: no body is read, no promise awaited, for the rest.
    if (signer && options.correctClockSkew && !skewCorrected && response.status === 403) {
      const serverDate = await serverDateFromSkewError(response);
      if (serverDate) {
        skewCorrected = true;
        signer.adjustClock(serverDate);
        await discard(response);
        continue;
      }
    }
    if (retryable && retries < retry.limit && retry.statusCodes.includes(response.status)) {
      retries++;
      const after = retryAfterMs(response);
      await discard(response);
      await wait(after ?? retry.delay(retries), signal);
      continue;
    }
    return response;
  }
}

function isAbort(error: unknown, signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true || (error instanceof Error && error.name === 'AbortError');
}

function retryAfterMs(response: Response): number | undefined {
  const value = response.headers.get('retry-after');
  if (value === null || !/^\d+$/.test(value.trim())) return undefined;
  return Math.min(Number(value) * 1000, 30_000);
}

async function discard(response: Response): Promise<void> {
  await response.body?.cancel().catch(() => undefined);
}

function wait(ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
