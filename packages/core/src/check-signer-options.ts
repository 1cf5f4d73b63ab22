import type { SignerOptions } from './signer.js';
import { invalidOption } from './transport/invalid-option.js';

/**
 * Header names the header options cannot change, and why: an option that would be accepted and
 * then do nothing is refused at construction instead (`ERR_SIGV4_INVALID_OPTION`).
 */
const NOT_SIGNABLE: Readonly<Record<string, string>> = {
  // smithy's SignatureV4 removes `date` (with `authorization` and `x-amz-date`) from every request
  // it signs and signs `x-amz-date` instead, so a Date header can never be in SignedHeaders.
  // (x-amz-date carries the signature's time and is always signed.)
  date: 'smithy drops it before signing',
  authorization: 'it carries the signature',
};

const ALWAYS_SIGNED: Readonly<Record<string, string>> = {
  host: 'SigV4 requires it',
  'x-amz-date': 'SigV4 requires it',
  'x-amz-security-token': 'AWS checks it against the signature',
  'x-amz-content-sha256': 'to leave it out, pass contentSha256Header: false',
};

function names(value: unknown, option: string, owner: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((name) => typeof name !== 'string' || name.trim() === ''))
    throw invalidOption(owner, option, "an array of header names such as ['content-length']");
  return value.map((name: string) => name.trim().toLowerCase());
}

/**
 * Checks every option of `SignerOptions`, once, for `createSigner` and every adapter alike
 * (`owner` names the function in the message): types, and header options that would be
 * accepted and then do nothing.
 *
 * @throws {SigV4Error} `ERR_SIGV4_INVALID_OPTION` naming the option.
 */
export function checkSignerOptions(options: SignerOptions, owner: string): void {
  const bad = (name: string, expected: string): never => {
    throw invalidOption(owner, name, expected);
  };
  for (const [name, example] of [
    ['service', 'execute-api'],
    ['region', 'eu-west-1'],
  ] as const) {
    const value: unknown = options[name];
    if (value !== undefined && (typeof value !== 'string' || value === ''))
      bad(name, `a non-empty string such as "${example}"`);
  }
  const c: unknown = options.credentials;
  if (c !== undefined && typeof c !== 'function' && (typeof c !== 'object' || c === null))
    bad(
      'credentials',
      '{ accessKeyId, secretAccessKey, sessionToken? } or a function returning it',
    );
  if (options.clock !== undefined && typeof options.clock !== 'function')
    bad('clock', 'a function returning a Date');
  if (options.contentSha256Header !== undefined && typeof options.contentSha256Header !== 'boolean')
    bad('contentSha256Header', 'true or false');
  for (const name of names(options.alwaysSignHeaders, 'alwaysSignHeaders', owner)) {
    const why =
      NOT_SIGNABLE[name] ??
      (name === 'x-amz-content-sha256' && options.contentSha256Header === false
        ? 'contentSha256Header: false leaves that header out'
        : undefined);
    if (why !== undefined)
      bad('alwaysSignHeaders', `a list without "${name}", which cannot be signed: ${why}`);
  }
  for (const name of names(options.neverSignHeaders, 'neverSignHeaders', owner)) {
    const why = Object.hasOwn(ALWAYS_SIGNED, name) ? ALWAYS_SIGNED[name] : undefined;
    if (why !== undefined)
      bad('neverSignHeaders', `a list without "${name}", which is always signed: ${why}`);
  }
}
