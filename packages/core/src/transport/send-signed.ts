import { SigV4Error, withRequestContext } from '../errors.js';
import { redactCanonicalRequest } from '../redact.js';
import type { ScopeChoice } from '../signer.js';
import { SIGV4_HEADERS } from '../sigv4-headers.js';
import { abortableDelay, raceSignal } from './abort.js';
import type { ClockSkewStore } from './clock-skew-store.js';
import type { BodyBytes } from './read-body.js';
import type { Hop } from './redirect.js';
import { isRedirectStatus, type RedirectMode } from './redirect-mode.js';
import type { SignFunction, SignOutcome } from './sign-function.js';
import type { TransportPolicy } from './signing-options.js';

/** One attempt, signed (or deliberately unsigned), as the transport must send it. */
export interface TransportRequest {
  readonly method: string;
  /** Send exactly this URL (strict query). */
  readonly url: string;
  /**
   * Send exactly these headers (lower-case names, each once), the signature's included; the
   * transport may keep the array. Pairs, not a `Headers`: the client (fetch, axios) checks them
   * once as it takes them, instead of once more here.
   */
  readonly headers: Array<[string, string]>;
  /** Send exactly these bytes (a string as UTF-8). */
  readonly body: BodyBytes;
  /** False on a hop to another origin, which carries no SigV4 header. */
  readonly signed: boolean;
  /** 0, then 1, 2, ... for every further attempt, retry or redirect hop. */
  readonly attempt: number;
  /** The caller's signal: the transport passes it to its client. */
  readonly signal: AbortSignal | undefined;
  /** Set once a redirect response's `Referrer-Policy` applies (fetch's `referrerPolicy`). */
  readonly referrerPolicy?: string | undefined;
}

/** A response as the pipeline needs to see it, wrapping the transport's own response `R`. */
export interface TransportResponse<R> {
  readonly status: number;
  /** A response header, or null. */
  header(name: string): string | null;
  /** True when the runtime hid a redirect's target (a browser's `opaqueredirect`). */
  readonly opaqueRedirect?: boolean | undefined;
  /**
   * Reads the start of the body as text, at most `maxBytes` and `timeoutMs` (and the signal),
   * and returns it with a response whose body is still whole and streamable: from then on
   * the pipeline uses (and returns) that response instead of this one.
   */
  peekText(
    maxBytes: number,
    timeoutMs: number,
    signal: AbortSignal | undefined,
  ): Promise<{ text: string; response: TransportResponse<R> }>;
  /** Releases the body of a response the pipeline will not return (cancels its stream). */
  discard(): Promise<void>;
  /** The transport's own response, handed to the caller at the end. */
  readonly value: R;
}

/**
 * Sends one attempt and never follows redirects itself (fetch: `redirect: 'manual'`; Node
 * http: `maxRedirects: 0`). Rejects on a network error; resolves for every HTTP status.
 */
export type Transport<R> = (request: TransportRequest) => Promise<TransportResponse<R>>;

/** How a call is sent: the transport, the signing, the policy and the caller's signal. */
export interface SendSignedOptions<R> {
  readonly transport: Transport<R>;
  readonly sign: SignFunction;
  readonly policy: TransportPolicy;
  /** Offsets learnt from clock-skew refusals: one store per signer (per adapter instance). */
  readonly skew: ClockSkewStore;
  /** What the caller asked of redirects. @default 'follow' */
  readonly redirect?: RedirectMode | undefined;
  readonly signal?: AbortSignal | undefined;
  /** The `Host` header sent when it is not the URL's (axios's http adapter). */
  readonly host?: string | undefined;
  /** This call's own service and region (every hop of it), over the options and the host. */
  readonly scope?: ScopeChoice | undefined;
  /** fetch's `mode: 'same-origin'`: a redirect to another origin fails. @default false */
  readonly sameOriginOnly?: boolean | undefined;
  /**
   * Called before each redirect is followed, with the hop about to be sent (its headers are
   * the pipeline's copy and may be changed; on another origin the SigV4 and credential headers
   * are already gone). A throw refuses the redirect: `sendSigned` rejects with what was thrown.
   */
  readonly beforeRedirect?: ((step: RedirectStep<R>) => void | Promise<void>) | undefined;
}

/** A redirect about to be followed, as `beforeRedirect` sees it. */
export interface RedirectStep<R> {
  /** The redirect's status (301, 302, 303, 307, 308). */
  readonly status: number;
  /** The transport's own redirect response. */
  readonly response: R;
  /** The URL that answered with the redirect. */
  readonly from: URL;
  /** Where the next hop goes. */
  readonly url: URL;
  /** The next hop's method (a 303, or a 301/302 after POST, turns it into GET). */
  readonly method: string;
  /** The next hop's headers: may be changed. */
  readonly headers: Headers;
  /** True when the next hop leaves the origin: it is sent unsigned. */
  readonly crossOrigin: boolean;
}

/** The request to send, its body already read by `readBody` (exact bytes). */
export interface PipelineRequest {
  readonly method: string;
  readonly url: URL;
  /** A copy of the caller's headers that the pipeline owns and may change. */
  readonly headers: Headers;
  readonly body: BodyBytes;
}

/** The response to hand the caller, and where it came from. */
export interface SendSignedResult<R> {
  readonly value: R;
  /** The URL of the last request sent. */
  readonly url: string;
  /** True when at least one redirect was followed. */
  readonly redirected: boolean;
  /** True when a redirect left the origin the request was signed for. */
  readonly crossOrigin: boolean;
}

/** What is read of a 403 to look for AWS's clock-skew message, at most. */
export const SKEW_PEEK_BYTES = 16_384;
/** How long a 403's body is waited for, at most, before it is handed on unread. */
export const SKEW_PEEK_MS = 1_000;

/**
 * Signs and sends a request through `transport`, then: resends once, signed at the corrected
 * date, after AWS's clock-skew refusal; retries by the retry policy (each attempt signed
 * afresh); follows redirects by the one redirect policy (same origin: signed again from the
 * original; other origin: without SigV4 headers or `ERR_SIGV4_REDIRECT_BLOCKED`; only
 * http(s); a hop limit). Every wait is bounded by `signal`.
 */
export async function sendSigned<R>(
  request: PipelineRequest,
  options: SendSignedOptions<R>,
): Promise<SendSignedResult<R>> {
  const { transport, policy, skew, signal } = options;
  const mode = options.redirect ?? 'follow';
  let current: Hop<string | Uint8Array<ArrayBuffer>> = request;
  let signed = true;
  let hops = 0;
  let retries = 0;
  let skewCorrected = false;
  let payloadHash: string | undefined;
  for (let attempt = 0; ; attempt++) {
    signal?.throwIfAborted();
    // One pass over the hop's headers: the pairs signed and sent, without any SigV4 header.
    const headers = ownHeaders(current.headers, attempt === 0);
    let url = current.url.href;
    let added: Readonly<Record<string, string>> | undefined;
    if (signed) {
      const hop = current;
      let outcome: SignOutcome;
      try {
        outcome = await raceSignal(
          options.sign({
            method: hop.method,
            url: hop.url,
            headers,
            body: hop.body,
            payloadHash,
            // No origin string to compute until some origin has an offset.
            signingDate:
              skew.size === 0
                ? policy.clock()
                : new Date(policy.clock().getTime() + skew.offset(hop.url.origin)),
            host: options.host,
            service: options.scope?.service,
            region: options.scope?.region,
          }),
          signal,
        );
      } catch (error) {
        throw signal?.aborted ? error : withRequestContext(error, hop.method, hop.url);
      }
      added = outcome.headers;
      payloadHash = outcome.headers['x-amz-content-sha256'];
      url = outcome.url;
      if (policy.onSigned && outcome.canonicalRequest !== undefined) {
        policy.onSigned({
          method: current.method,
          url,
          ...signingScope(outcome),
          signedHeaders: outcome.signedHeaders ?? [],
          canonicalRequest: redactCanonicalRequest(outcome.canonicalRequest),
          stringToSign: outcome.stringToSign ?? '',
          attempt,
        });
      }
    }
    const retryable = retries < policy.retry.limit && policy.retry.methods.has(current.method);
    let response: TransportResponse<R>;
    try {
      response = await transport({
        method: current.method,
        url,
        headers: wireHeaders(headers, added),
        body: current.body,
        signed,
        attempt,
        signal,
        referrerPolicy: current.referrerPolicy,
      });
    } catch (error) {
      if (!retryable || signal?.aborted || isAbortError(error) || error instanceof SigV4Error)
        throw error;
      retries++;
      const { retryDelayMs } = await import('../rare-paths.js');
      await abortableDelay(retryDelayMs(policy.retry, retries, undefined), signal);
      continue;
    }
    if (
      signed &&
      policy.correctClockSkew &&
      !skewCorrected &&
      response.status === 403 &&
      mayBeSkewAnswer(response)
    ) {
      const peeked = await response.peekText(SKEW_PEEK_BYTES, SKEW_PEEK_MS, signal);
      response = peeked.response;
      // Clock-skew reading, retry delays and redirects are modules loaded on first use.
      const { serverTimeFromSkewError } = await import('../rare-paths.js');
      const serverTime = serverTimeFromSkewError({
        status: 403,
        dateHeader: response.header('date'),
        body: peeked.text,
      });
      if (serverTime && skew.correct(current.url.origin, serverTime, policy.clock())) {
        skewCorrected = true;
        await response.discard();
        continue;
      }
    }
    if (retryable && policy.retry.statusCodes.has(response.status)) {
      retries++;
      const { retryAfterMs, retryDelayMs } = await import('../rare-paths.js');
      const after = retryAfterMs(response.header('retry-after'));
      await response.discard();
      await abortableDelay(retryDelayMs(policy.retry, retries, after), signal);
      continue;
    }
    const done = { value: response.value, url, redirected: hops > 0, crossOrigin: !signed };
    if (mode === 'manual' || !(response.opaqueRedirect || isRedirectStatus(response.status)))
      return done;
    const { followRedirect } = await import('../rare-paths.js');
    const next = await followRedirect(
      response,
      current,
      hops,
      mode,
      { ...policy, sameOriginOnly: options.sameOriginOnly },
      options.beforeRedirect,
    );
    if (next === undefined) return done;
    hops++;
    if (next.crossOrigin) signed = false;
    if (next.body !== current.body) payloadHash = undefined;
    current = next;
  }
}

/**
 * The headers of one attempt as pairs (lower-case names, in `Headers` order), without the
 * SigV4 headers a (re-)sign replaces: one pass over the `Headers`, which the signer and the
 * transport then share, instead of one pass each. `prune` (the hop's first attempt) also
 * deletes those SigV4 headers from `headers` itself, so that a redirect's next hop, built from
 * it, does not carry them either; they are usually absent, and the pass finds that.
 */
function ownHeaders(headers: Headers, prune: boolean): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const found: string[] = [];
  for (const pair of headers) {
    if (SIGV4_HEADERS.includes(pair[0])) found.push(pair[0]);
    else out.push(pair);
  }
  if (prune) for (const name of found) headers.delete(name);
  return out;
}

/**
 * The headers of one attempt as pairs: the request's own, then what signing added (which
 * replaces any header of the same name). `headers` is the attempt's own array: it is returned.
 */
function wireHeaders(
  headers: Array<[string, string]>,
  added: Readonly<Record<string, string>> | undefined,
): Array<[string, string]> {
  if (added === undefined) return headers;
  const names = Object.keys(added);
  // The SigV4 headers are not in `headers`; anything else signing adds replaces its namesake.
  let out = headers;
  for (const name of names)
    if (!SIGV4_HEADERS.includes(name)) out = out.filter((pair) => pair[0] !== name);
  for (const name of names) out.push([name, added[name] ?? '']);
  return out;
}

/** Service, region and access key id of a signature, read off its `Authorization` header. */
function signingScope(outcome: SignOutcome): {
  service: string;
  region: string;
  accessKeyId: string;
} {
  const credential = /Credential=([^/,\s]+)\/\d{8}\/([^/]+)\/([^/]+)\//.exec(
    outcome.headers.authorization ?? '',
  );
  return {
    accessKeyId: credential?.[1] ?? '',
    region: credential?.[2] ?? '',
    service: credential?.[3] ?? '',
  };
}

/**
 * Whether a 403 can be AWS's clock-skew answer, so its body is worth reading before it is
 * handed back: AWS's services mark theirs (`x-amzn-ErrorType`, a request id header), or it is
 * a small JSON/XML body of known length (what a browser still sees of it cross-origin). Any
 * other 403 (a body of unknown length, HTML from a proxy) is handed back at once.
 */
function mayBeSkewAnswer(response: { header(name: string): string | null }): boolean {
  if (
    response.header('x-amzn-errortype') !== null ||
    response.header('x-amzn-requestid') !== null ||
    response.header('x-amz-request-id') !== null
  )
    return true;
  const length = Number(response.header('content-length') ?? Number.NaN);
  const type = response.header('content-type') ?? '';
  return length >= 0 && length <= SKEW_PEEK_BYTES && /json|xml/i.test(type);
}

function isAbortError(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    ((error as { name?: unknown }).name === 'AbortError' ||
      (error as { name?: unknown }).name === 'TimeoutError')
  );
}
