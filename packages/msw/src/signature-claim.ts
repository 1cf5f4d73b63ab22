/**
 * Reads what a request claims about its signature, from the Authorization header or from the
 * presigned-URL query (`X-Amz-*`), without judging it yet.
 */
import { incompleteMessages } from './aws-errors.js';
import type { CanonicalParam } from './canonical-request.js';

/** What the request says about who signed it and how. */
export interface SignatureClaim {
  readonly mode: 'header' | 'query';
  readonly credential: string;
  readonly signedHeaders: readonly string[];
  readonly signature: string;
  /** The request date as sent (`X-Amz-Date`, or the `Date` header in header mode). */
  readonly date: string;
  /** Where `date` came from (either way it must be ISO 8601 basic). */
  readonly dateFrom: 'x-amz-date' | 'date';
  /** Presigned URLs: `X-Amz-Expires`, seconds, as sent. */
  readonly expires: string | undefined;
  readonly sessionToken: string | undefined;
}

export type ClaimResult =
  | { readonly kind: 'none' }
  | { readonly kind: 'incomplete'; readonly message: string }
  /** Two signatures in one request (two Authorization headers, or repeated fields). */
  | { readonly kind: 'ambiguous' }
  | { readonly kind: 'claim'; readonly claim: SignatureClaim };

const ALGORITHM = 'AWS4-HMAC-SHA256';

/**
 * AWS's texts for presigned URLs missing a part (IncompleteSignatureException), as AWS query-auth
 * services word them ("AWS query-string parameters must include 'X-Amz-Algorithm'. ... Re-examine
 * the query-string parameters."). Not captured from API Gateway or Lambda themselves.
 */
const QUERY_PARTS = [
  'X-Amz-Algorithm',
  'X-Amz-Credential',
  'X-Amz-Signature',
  'X-Amz-SignedHeaders',
  'X-Amz-Date',
] as const;

function splitSignedHeaders(value: string): string[] {
  return value
    .split(';')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== '');
}

function fromHeader(authorization: string, headers: ReadonlyMap<string, string>): ClaimResult {
  const fields = new Map<string, string>();
  const rest = authorization.startsWith(`${ALGORITHM} `)
    ? authorization.slice(ALGORITHM.length + 1)
    : '';
  // Two Authorization headers arrive joined with `,` (a second `AWS4-HMAC-SHA256 ...`): not one
  // valid signature, whichever of them is good.
  if (rest.includes(ALGORITHM)) return { kind: 'ambiguous' };
  for (const part of rest.split(',')) {
    const eq = part.indexOf('=');
    if (eq === -1) continue;
    const name = part.slice(0, eq).trim();
    if (fields.has(name)) return { kind: 'ambiguous' };
    fields.set(name, part.slice(eq + 1).trim());
  }
  const credential = fields.get('Credential');
  const signedHeaders = fields.get('SignedHeaders');
  const signature = fields.get('Signature');
  const amzDate = headers.get('x-amz-date');
  const date = amzDate ?? headers.get('date');
  const missing: string[] = [];
  if (credential === undefined) missing.push(incompleteMessages.credential);
  if (signature === undefined) missing.push(incompleteMessages.signature);
  if (signedHeaders === undefined) missing.push(incompleteMessages.signedHeaders);
  if (date === undefined) missing.push(incompleteMessages.date);
  if (
    credential === undefined ||
    signature === undefined ||
    signedHeaders === undefined ||
    date === undefined
  ) {
    return { kind: 'incomplete', message: missing.join(' ') };
  }
  return {
    kind: 'claim',
    claim: {
      mode: 'header',
      credential,
      signedHeaders: splitSignedHeaders(signedHeaders),
      signature,
      date,
      dateFrom: amzDate === undefined ? 'date' : 'x-amz-date',
      expires: undefined,
      sessionToken: headers.get('x-amz-security-token'),
    },
  };
}

function fromQuery(params: readonly CanonicalParam[]): ClaimResult {
  const get = (name: string): string | undefined =>
    params.find((p) => p.decodedName === name)?.decodedValue;
  const missing = QUERY_PARTS.filter((name) => get(name) === undefined);
  const algorithm = get('X-Amz-Algorithm');
  if (missing.length > 0 || algorithm !== ALGORITHM) {
    const parts = missing.map((name) => `AWS query-string parameters must include '${name}'.`);
    if (algorithm !== undefined && algorithm !== ALGORITHM) {
      parts.push(`Unsupported AWS 'algorithm': '${algorithm}'.`);
    }
    return {
      kind: 'incomplete',
      message: `${parts.join(' ')} Re-examine the query-string parameters.`,
    };
  }
  return {
    kind: 'claim',
    claim: {
      mode: 'query',
      credential: get('X-Amz-Credential') ?? '',
      signedHeaders: splitSignedHeaders(get('X-Amz-SignedHeaders') ?? ''),
      signature: get('X-Amz-Signature') ?? '',
      date: get('X-Amz-Date') ?? '',
      dateFrom: 'x-amz-date',
      expires: get('X-Amz-Expires'),
      sessionToken: get('X-Amz-Security-Token'),
    },
  };
}

const QUERY_MARKERS = new Set(['X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Signature']);

/**
 * `authorizationCount` is how many Authorization header lines arrived (more than one is ambiguous).
 * Header mode when an Authorization header is present, query mode when the query carries
 * `X-Amz-Algorithm`, `X-Amz-Credential` or `X-Amz-Signature`, else no signature at all.
 */
export function readClaim(
  headers: ReadonlyMap<string, string>,
  params: readonly CanonicalParam[],
  authorizationCount: number,
): ClaimResult {
  const authorization = headers.get('authorization');
  if (authorizationCount > 1) return { kind: 'ambiguous' };
  if (authorization !== undefined && authorization !== '')
    return fromHeader(authorization, headers);
  if (params.some((p) => QUERY_MARKERS.has(p.decodedName))) return fromQuery(params);
  return { kind: 'none' };
}
