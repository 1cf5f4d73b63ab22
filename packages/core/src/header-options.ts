import { SigV4Error } from './errors.js';

/**
 * Header names the header options cannot change, and why: an option that would be accepted and
 * then do nothing is refused at construction instead (`ERR_SIGV4_INVALID_OPTION`).
 */
const NOT_SIGNABLE: Readonly<Record<string, string>> = {
  // smithy's SignatureV4 removes `date` (with `authorization` and `x-amz-date`) from every request
  // it signs and signs `x-amz-date` instead, so a Date header can never be in SignedHeaders.
  date: 'the signature carries its time in x-amz-date, which is always signed; @smithy/signature-v4 removes a Date header before signing, so it cannot be signed. Leave it unsigned (a proxy may rewrite it anyway)',
  authorization: 'the Authorization header carries the signature itself',
};

const ALWAYS_SIGNED: Readonly<Record<string, string>> = {
  host: 'SigV4 requires the Host header to be signed',
  'x-amz-date': 'SigV4 requires the signature time to be signed',
  'x-amz-security-token':
    'the session token is always signed (AWS checks it against the signature)',
  'x-amz-content-sha256':
    'to leave the payload hash out, pass contentSha256Header: false (it is then neither sent nor signed)',
};

function names(value: unknown, option: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((name) => typeof name !== 'string' || name.trim() === ''))
    throw new SigV4Error(
      'ERR_SIGV4_INVALID_OPTION',
      `option \`${option}\` must be an array of header names such as ['content-length'].`,
    );
  return value.map((name: string) => name.trim().toLowerCase());
}

/** Refuses header options that would be accepted and then do nothing, naming the option. */
export function checkHeaderOptions(options: {
  readonly alwaysSignHeaders?: unknown;
  readonly neverSignHeaders?: unknown;
  readonly contentSha256Header?: unknown;
}): void {
  if (options.contentSha256Header !== undefined && typeof options.contentSha256Header !== 'boolean')
    throw new SigV4Error(
      'ERR_SIGV4_INVALID_OPTION',
      'option `contentSha256Header` must be true or false.',
    );
  for (const name of names(options.alwaysSignHeaders, 'alwaysSignHeaders')) {
    const why =
      NOT_SIGNABLE[name] ??
      (name === 'x-amz-content-sha256' && options.contentSha256Header === false
        ? 'contentSha256Header: false leaves that header out of the request, and a signed header must be sent'
        : undefined);
    if (why !== undefined)
      throw new SigV4Error(
        'ERR_SIGV4_INVALID_OPTION',
        `option \`alwaysSignHeaders\` lists "${name}", which cannot be signed: ${why}. Remove it from the list.`,
      );
  }
  for (const name of names(options.neverSignHeaders, 'neverSignHeaders')) {
    const why = Object.hasOwn(ALWAYS_SIGNED, name) ? ALWAYS_SIGNED[name] : undefined;
    if (why !== undefined)
      throw new SigV4Error(
        'ERR_SIGV4_INVALID_OPTION',
        `option \`neverSignHeaders\` lists "${name}", which is always signed: ${why}. Remove it from the list.`,
      );
  }
}
