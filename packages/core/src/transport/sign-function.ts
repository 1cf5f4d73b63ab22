import type { BodyBytes } from './read-body.js';

/** A request as the pipeline asks for it to be signed: exact URL, headers, bytes and date. */
export interface PipelineSignRequest {
  readonly method: string;
  /**
   * The hop's URL, parsed once by the adapter and carried through: read it, never change it
   * (the signer copies it before any rewrite).
   */
  readonly url: URL;
  /** The attempt's headers as pairs (lower-case names), without any SigV4 header. */
  readonly headers: ReadonlyArray<readonly [string, string]>;
  readonly body: BodyBytes;
  /** Hex SHA-256 of `body`, when an earlier attempt computed it. */
  readonly payloadHash?: string | undefined;
  /** The date to sign with: the caller's clock plus the offset learnt for this origin. */
  readonly signingDate: Date;
  /** The `Host` header the transport will send, when it is not the URL's (axios's http adapter). */
  readonly host?: string | undefined;
  /** This call's own service, winning over the options and the host. */
  readonly service?: string | undefined;
  /** This call's own region, winning over the options and the host. */
  readonly region?: string | undefined;
}

/** What signing adds: the URL to send and the headers to set; the debug fields when signed. */
export interface SignOutcome {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly signedHeaders?: readonly string[] | undefined;
  readonly canonicalRequest?: string | undefined;
  readonly stringToSign?: string | undefined;
}

/** Signs one attempt. The pipeline races it against the caller's signal. */
export type SignFunction = (request: PipelineSignRequest) => Promise<SignOutcome>;
