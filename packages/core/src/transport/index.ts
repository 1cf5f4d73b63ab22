/**
 * # The transport pipeline (`@sigv4/core`'s portable entry; no Node built-ins)
 *
 * One pipeline under `@sigv4/fetch`, `@sigv4/axios` and the CLI. An adapter only translates its
 * world into these calls; every rule about bodies, redirects, abort, clock skew, retries and
 * redaction lives here, once.
 *
 * ## Contract, in the order an adapter uses it
 * 1. **At construction** — `resolveSigningOptions(options, 'createSignedFetch')` checks every
 *    `SigningOptions` field (retry sub-options included) and throws `ERR_SIGV4_INVALID_OPTION`
 *    naming the option (`retry.methods`); it returns the `TransportPolicy`.
 *    `pipelineSigner(createSigner, { credentials, service, region, clock, contentSha256Header,
 *    alwaysSignHeaders, neverSignHeaders })` gives `{ signer, sign }`; `createClockSkewStore()`
 *    gives the per-origin skew store (one per adapter instance).
 * 2. **Per call, before anything** — `isAlreadySigned(headers, url)`: an `Authorization` header
 *    or a query parameter *named* `X-Amz-Signature` → send untouched. `linkSignals([signal],
 *    timeoutMs)` when the client has a timeout of its own.
 * 3. **Body** — `await readBody(body, { method, url, limit: policy.maxBodyBytes, signal })`:
 *    exact bytes copied at call time (`string` stays a string, sent as UTF-8), the content-type
 *    fetch would add (FormData boundary), bounded by the limit and the signal.
 * 4. **Send** — `sendSigned({ method, url, headers, body }, { transport, sign, policy, skew,
 *    redirect, signal, host })`. The pipeline owns `headers` (a copy). `transport(request)`
 *    sends *one* attempt exactly as given (URL, headers, bytes), passes `request.signal` on,
 *    never follows redirects itself, rejects only on network errors, and wraps its response as
 *    a `TransportResponse` (`status`, `header()`, `peekText()` returning an intact response,
 *    `discard()`, `value`). `peekStream` implements `peekText` for a web `ReadableStream`.
 *    `sendSigned` resolves `{ value, url, redirected }`.
 * 5. **Errors** — every `SigV4Error` message is redacted at construction (no query, no token,
 *    no 64-hex signature); `redactUrl`, `redactHeaders`, `redactText` for what adapters keep
 *    on their own error objects.
 *
 * ## What the pipeline guarantees
 * - signing at `clock() + offset(origin)`; the offset is learnt only from AWS's 403 skew message
 *   with a readable date, per origin, within ±24 h, with one corrected resend per call; the
 *   403 is read at most `SKEW_PEEK_BYTES` / `SKEW_PEEK_MS` and handed on intact;
 * - retries only for `retry.methods` (idempotent by default), each attempt signed afresh;
 * - redirects: `http:`/`https:` only (else `TypeError`, as fetch), 301/302/303 method and body
 *   rules as fetch, at most 20 hops, same origin signed again from the original, other origin
 *   per `crossOriginRedirect` without any SigV4 header (and never signed again after that);
 * - the signal bounds credentials, body, signing, sending, retry delays and the 403 peek: it
 *   rejects promptly with `signal.reason`.
 *
 * @packageDocumentation
 */

export { redactHeaders, redactText, redactUrl } from '../redact.js';
export type { LinkedSignal } from './abort.js';
export { abortableDelay, abortReason, linkSignals, raceSignal } from './abort.js';
export { isAlreadySigned } from './already-signed.js';
export type { ByteCollector, CollectContext } from './byte-collector.js';
export { bodyTooLarge, createByteCollector } from './byte-collector.js';
export type { ClockSkewStore } from './clock-skew-store.js';
export { createClockSkewStore, MAX_CLOCK_SKEW_MS } from './clock-skew-store.js';
export { invalidOption } from './invalid-option.js';
export type { PeekedStream } from './peek-stream.js';
export { peekStream } from './peek-stream.js';
export type { AdapterOptions, Pipeline, PipelineCall, PipelineMode } from './pipeline.js';
export type { BodyBytes, ReadBody, ReadBodyContext } from './read-body.js';
export { copyView, readBody, readStream } from './read-body.js';
export type { CrossOriginRedirect, RedirectMode } from './redirect.js';
export { MAX_REDIRECTS } from './redirect.js';
export type { RetryOptions, RetryPolicy } from './retry.js';
export { NO_RETRY, resolveRetry, retryAfterMs, retryDelayMs } from './retry.js';
export type {
  PipelineRequest,
  RedirectStep,
  SendSignedOptions,
  SendSignedResult,
  Transport,
  TransportRequest,
  TransportResponse,
} from './send-signed.js';
export { SKEW_PEEK_BYTES, SKEW_PEEK_MS, sendSigned } from './send-signed.js';
export type { PipelineSignRequest, SignFunction, SignOutcome } from './sign-function.js';
export { pipelineSigner } from './sign-function.js';
export type { SignedRequestInfo, SigningOptions, TransportPolicy } from './signing-options.js';
export { DEFAULT_MAX_BODY_BYTES, resolveSigningOptions } from './signing-options.js';
