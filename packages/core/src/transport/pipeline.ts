/**
 * # The transport pipeline (`@sigv4/core`'s portable code; no Node built-ins)
 *
 * One pipeline under `@sigv4/fetch`, `@sigv4/axios` and the CLI. An adapter builds it once with
 * `createPipeline(options, { owner, mode, ownKeys })` and sends every call through `send()`;
 * it only translates its client's world: method, URL, a copy of the headers, the body as given,
 * and a `Transport` that sends *one* attempt exactly as given, never follows a redirect itself
 * and rejects only on network errors. Every rule about bodies, redirects, abort, clock skew,
 * retries and redaction lives in core, once:
 * - signing at `clock() + offset(origin)`; the offset is learnt only from AWS's 403 skew answer
 *   (read only when the 403 can be AWS's, at most 16 KiB and 1 s), per origin, within 24 h, with
 *   one corrected resend per call;
 * - retries only for `retry.methods` (idempotent by default), each attempt signed afresh;
 * - redirects by the fetch standard (redirect.ts): `http:`/`https:` only, the method and body
 *   rules, a hop limit, and on leaving the origin no SigV4 or credential header, never signed
 *   again;
 * - the caller's signal bounds credentials, body, signing, sending, retry delays and the 403
 *   read.
 */
import { SigV4Error, withRequestContext } from '../errors.js';
import type { ScopeChoice, Signer, SignerOptions } from '../signer.js';
import { isAlreadySigned } from './already-signed.js';
import { bodyTooLarge } from './body-errors.js';
import { createClockSkewStore } from './clock-skew-store.js';
import { invalidOption } from './invalid-option.js';
import { type BodyBytes, type ReadBody, type ReadBodyContext, readBody } from './read-body.js';
import type { RedirectMode } from './redirect-mode.js';
import {
  type RedirectStep,
  type SendSignedResult,
  sendSigned,
  type Transport,
} from './send-signed.js';
import type { SignFunction } from './sign-function.js';
import {
  resolveSigningOptions,
  type SigningOptions,
  type TransportPolicy,
} from './signing-options.js';

/**
 * What the pipeline does to a request: SigV4 in headers (`'sign'`), in the query (`'presign'`:
 * each hop's URL presigned, `host` signed, the body's hash in the signature), or only the
 * payload hash header (`'content-sha256'`).
 */
export type PipelineMode = 'sign' | 'presign' | 'content-sha256';

/** One call, as an adapter hands it over: its world already translated. */
export interface PipelineCall<R> {
  /** The method as the client sends it (fetch: `post` -> `POST`, `patch` as given). */
  readonly method: string;
  readonly url: URL;
  /** A copy of the caller's headers: the pipeline owns it. */
  readonly headers: Headers;
  /**
   * The body as the caller gave it: anything `readBody` takes (string, bytes, Blob, FormData,
   * URLSearchParams, ReadableStream, async iterable). Read here, once, into exact bytes; the
   * content-type fetch would add is set when the headers have none.
   */
  readonly body: unknown;
  /**
   * Set instead of `body` by an adapter that has already read the body into exact bytes of its
   * own (copied at call time): used as they are, not read or copied again (only their size is
   * checked against `maxBodyBytes`), and no content-type is added for them.
   */
  readonly ownBytes?: BodyBytes | undefined;
  /** Sends one attempt (see `Transport`). */
  readonly transport: Transport<R>;
  /** Bounds the whole call: credentials, body, signing, sending, retries, the 403 read. */
  readonly signal?: AbortSignal | undefined;
  /** @default 'follow' */
  readonly redirect?: RedirectMode | undefined;
  /** The client's hop limit (axios's `maxRedirects`). @default 20 */
  readonly maxRedirects?: number | undefined;
  /** fetch's `mode: 'same-origin'`. @default false */
  readonly sameOriginOnly?: boolean | undefined;
  /** The `Host` header sent when it is not the URL's (axios's http adapter). */
  readonly host?: string | undefined;
  /** This call's own service and region: win over the options and the host. */
  readonly scope?: ScopeChoice | undefined;
  /** The client's redirect hook (axios's `beforeRedirect`); a throw refuses the hop. */
  readonly beforeRedirect?: ((step: RedirectStep<R>) => void | Promise<void>) | undefined;
}

/** What an adapter gets from `createPipeline`: the one call into core. */
export interface Pipeline {
  /** The transport options, defaults applied and checked. */
  readonly policy: TransportPolicy;
  /**
   * True for a request that carries its own signature (an `Authorization` header, or a query
   * parameter named `X-Amz-Signature`): the adapter sends it untouched, through its client.
   */
  isAlreadySigned(headers: { has(name: string): boolean }, url: URL): boolean;
  /**
   * Signs and sends one call: the scope is checked first (nothing is read for a host that
   * cannot be signed), then the body is read, then core's pipeline signs, sends through the
   * call's transport, corrects clock skew, retries and follows redirects.
   */
  send<R>(call: PipelineCall<R>): Promise<SendSignedResult<R>>;
}

/** What the adapter says of itself to `createPipeline`. */
export interface AdapterOptions {
  /** The function the caller called, named in every option error (`createSignedFetch`). */
  readonly owner: string;
  /** The adapter's `mode` option. @default 'sign' */
  readonly mode?: PipelineMode | undefined;
  /** The option keys the adapter adds to `SigningOptions` (checked by the adapter). */
  readonly ownKeys?: readonly string[] | undefined;
}

/** What an entry of core binds: its signer factory (for options already checked) and its SHA-256. */
export interface PipelineBindings {
  readonly createSigner: (options: SignerOptions) => Signer;
  readonly sha256Hex: (data: Uint8Array | string) => Promise<string>;
}

/**
 * Creates the pipeline an adapter sends through: the options are checked once (the error names
 * `owner` and the option), and the credentials cache, the signer and the clock-skew store are
 * built once, for every call of this adapter instance.
 */
export function makeCreatePipeline(bindings: PipelineBindings) {
  return function createPipeline(options: SigningOptions, adapter: AdapterOptions): Pipeline {
    const { owner, mode = 'sign', ownKeys = [] } = adapter;
    const resolved = resolveSigningOptions(options, owner, ownKeys);
    if (mode !== 'sign' && mode !== 'presign' && mode !== 'content-sha256')
      throw invalidOption(owner, 'mode', "'sign', 'presign' or 'content-sha256'");
    if (mode === 'presign') {
      // A presigned request signs `host` and the body's hash only, and smithy's presign gives
      // no canonical request back: options that could not take effect are refused.
      for (const name of [
        'onSigned',
        'alwaysSignHeaders',
        'neverSignHeaders',
        'contentSha256Header',
      ] as const) {
        if (options[name] !== undefined)
          throw invalidOption(
            owner,
            name,
            'left out when requests are presigned (only host and the body hash are signed)',
          );
      }
    }
    const policy: TransportPolicy =
      mode === 'content-sha256' ? { ...resolved, correctClockSkew: false } : resolved;
    const signer = mode === 'content-sha256' ? undefined : bindings.createSigner(options);
    const sign = signFunction(mode, signer, bindings.sha256Hex);
    const skew = createClockSkewStore();

    function send<R>(call: PipelineCall<R>): Promise<SendSignedResult<R>> {
      const { method, url, headers, signal } = call;
      if (call.scope !== undefined) checkScopeChoice(call.scope);
      if (signer) {
        try {
          // A `Host` sent instead of the URL's (axios's http adapter) is what is signed for.
          signer.scopeFor(call.host ? `https://${call.host}/` : url, call.scope);
        } catch (error) {
          return Promise.reject(withRequestContext(error, method, url));
        }
      }
      const withBody = (body: ReadBody): Promise<SendSignedResult<R>> => {
        if (body.contentType !== undefined && !headers.has('content-type'))
          headers.set('content-type', body.contentType);
        return sendSigned(
          { method, url, headers, body: body.bytes },
          {
            transport: call.transport,
            sign,
            policy:
              call.maxRedirects === undefined
                ? policy
                : { ...policy, maxRedirects: call.maxRedirects },
            skew,
            redirect: call.redirect,
            signal,
            host: call.host,
            scope: call.scope,
            sameOriginOnly: call.sameOriginOnly,
            beforeRedirect: call.beforeRedirect,
          },
        );
      };
      try {
        signal?.throwIfAborted();
        const context = { method, url, limit: policy.maxBodyBytes, signal };
        const read =
          call.ownBytes !== undefined
            ? ownBody(call.ownBytes, context)
            : readBody(call.body, context);
        // A body that is already bytes goes on to signing without a turn of the microtask queue.
        return read instanceof Promise ? read.then(withBody) : withBody(read);
      } catch (error) {
        return Promise.reject(error);
      }
    }

    return { policy, isAlreadySigned, send };
  };
}

/** A request's own `sigv4: { service, region }`, checked: each a non-empty string when given. */
function checkScopeChoice(scope: ScopeChoice): void {
  const bad = (detail: string): never => {
    throw new SigV4Error(
      'ERR_SIGV4_INVALID_OPTION',
      `the request's \`sigv4\` ${detail}. Pass { service?: 'execute-api', region?: 'eu-west-1' }.`,
    );
  };
  if (typeof scope !== 'object' || scope === null) bad('must be an object');
  for (const name of ['service', 'region'] as const) {
    const value: unknown = scope[name];
    if (value !== undefined && (typeof value !== 'string' || value === ''))
      bad(`\`${name}\` must be a non-empty string`);
  }
}

/** How one attempt is signed, by mode. */
function signFunction(
  mode: PipelineMode,
  signer: Signer | undefined,
  sha256Hex: PipelineBindings['sha256Hex'],
): SignFunction {
  if (signer === undefined)
    return (request) =>
      sha256Hex(request.body ?? '').then((hash) => ({
        url: request.url.href,
        headers: { 'x-amz-content-sha256': hash },
      }));
  if (mode === 'presign')
    return (request) =>
      signer
        .presign(request.url, {
          method: request.method,
          signingDate: request.signingDate,
          ...(request.body === null ? {} : { body: request.body }),
          service: request.service,
          region: request.region,
        })
        .then((url) => ({ url, headers: {} }));
  return (request) => signer.sign(request);
}

/** Bytes an adapter already owns, as read: only their size is checked. */
function ownBody(bytes: BodyBytes, context: ReadBodyContext): ReadBody {
  const size =
    bytes === null
      ? 0
      : typeof bytes === 'string'
        ? UTF8.encode(bytes).byteLength
        : bytes.byteLength;
  if (size > context.limit) throw bodyTooLarge(size, context);
  return { bytes, contentType: undefined };
}

const UTF8 = new TextEncoder();
