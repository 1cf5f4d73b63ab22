/**
 * The default answer to a verified request: a JSON echo of what arrived and who signed it, so a
 * test can assert on the request as the server saw it.
 */
import type { VerifiedIdentity } from './contract.js';

/** The default 200 body of both the msw handler and the local server. */
export interface EchoBody {
  readonly method: string;
  /** The path as received (still percent-encoded). */
  readonly path: string;
  /** The query as received, without `?`. */
  readonly query: string;
  /** Lower-case names; repeated headers joined with `, `. */
  readonly headers: Readonly<Record<string, string>>;
  /** The body as UTF-8 text. */
  readonly body: string;
  readonly identity: VerifiedIdentity;
}

export function echoBody(input: {
  method: string;
  target: string;
  headers: ReadonlyArray<readonly [string, string]>;
  body: Uint8Array;
  identity: VerifiedIdentity;
}): EchoBody {
  const q = input.target.indexOf('?');
  const headers: Record<string, string> = {};
  for (const [name, value] of input.headers) {
    const key = name.toLowerCase();
    headers[key] = headers[key] === undefined ? value : `${headers[key]}, ${value}`;
  }
  return {
    method: input.method,
    path: q === -1 ? input.target : input.target.slice(0, q),
    query: q === -1 ? '' : input.target.slice(q + 1),
    headers,
    body: new TextDecoder().decode(input.body),
    identity: input.identity,
  };
}
