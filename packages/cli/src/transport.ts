import type { CredentialsProvider } from '@sigv4/core';
import { createSignedFetch, type SignedRequestInfo } from '@sigv4/fetch';
import type { CrossOriginRedirect } from './parse-args.js';

/** undici's own connect timeout, used when `--connect-timeout` is not given. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;

/** What the CLI wants to see of each request the pipeline sends. */
export interface TransportHooks {
  /** After each signing (first attempt, and each same-origin redirect hop). */
  readonly onSigned: (info: SignedRequestInfo) => void;
  /** Right before each request goes on the wire, signed or not (a cross-origin hop is not). */
  readonly onSend: (method: string, url: string, headers: Headers) => void;
}

export interface TransportOptions {
  readonly credentials: CredentialsProvider;
  readonly service: string;
  readonly region: string;
  readonly clock: () => Date;
  readonly crossOriginRedirect: CrossOriginRedirect;
  readonly connectTimeoutMs: number | undefined;
  /** `-k`: accept a certificate that does not verify (a local server's self-signed one). */
  readonly insecure: boolean;
  /** A fetch to send with instead of undici's (embedding, tests): `--connect-timeout` and `-k` are then not applied. */
  readonly fetch: typeof globalThis.fetch | undefined;
  readonly hooks: TransportHooks;
}

export interface Transport {
  /** `createSignedFetch` from @sigv4/fetch: signing, redirects, abort all happen there. */
  readonly fetch: typeof globalThis.fetch;
  /** Closes the connections (the process can exit at once). */
  close(): Promise<void>;
}

function headersOf(init: RequestInit | undefined): Headers {
  return new Headers(init?.headers);
}

/**
 * The CLI's transport: @sigv4/fetch's `createSignedFetch` (the shared pipeline: signing,
 * same-origin re-signing on redirects, cross-origin hops without SigV4 headers, the caller's
 * signal), sending through undici with a connect timeout. The CLI only translates flags. With
 * `-L`, core's redirect step (`nextHop`) also drops the user's `Cookie` and
 * `Proxy-Authorization` on a hop to another origin, as curl and fetch do
 * (test/redirect-credentials.test.ts holds the CLI to it).
 */
export async function createTransport(options: TransportOptions): Promise<Transport> {
  let send: typeof globalThis.fetch;
  let close = async () => {};
  if (options.fetch) {
    send = options.fetch;
  } else {
    // Loaded only for requests: presign, emulate and --help do not pay for it.
    const undici = await import('undici');
    const agent = new undici.Agent({
      connect: {
        timeout: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
        ...(options.insecure ? { rejectUnauthorized: false } : {}),
      },
    });
    send = ((input: string | URL, init?: RequestInit) =>
      // undici's RequestInit is the web one plus `dispatcher`; its Response is a web Response.
      undici.fetch(input, {
        ...(init as object),
        dispatcher: agent,
      }) as unknown as Promise<Response>) as typeof globalThis.fetch;
    close = () => agent.destroy();
  }
  const observed = ((input: RequestInfo | URL, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    options.hooks.onSend(init?.method ?? 'GET', url, headersOf(init));
    return send(input, init);
  }) as typeof globalThis.fetch;
  const signedFetch = createSignedFetch({
    credentials: options.credentials,
    service: options.service,
    region: options.region,
    clock: options.clock,
    fetch: observed,
    // A curl-like tool shows AWS's answer (and explains a skew 403) rather than hiding it.
    correctClockSkew: false,
    crossOriginRedirect: options.crossOriginRedirect === 'refuse' ? 'error' : 'follow-unsigned',
    // The body is already in memory (-d): no second limit on it.
    maxBodyBytes: Number.MAX_SAFE_INTEGER,
    onSigned: options.hooks.onSigned,
  });
  return { fetch: signedFetch, close };
}
