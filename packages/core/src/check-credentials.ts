import type { AwsCredentials } from './credentials.js';
import { SigV4Error } from './errors.js';

/** Control characters (C0, DEL) and anything outside Latin-1: none can be sent in a header. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it finds.
const CONTROL_OR_NON_LATIN1 = /[\u0000-\u001f\u007f\u0100-\uffff]/;

/** Shows only the ends of an access key id: it is not a secret, but there is no need for all of it. */
export function redactKeyId(accessKeyId: string): string {
  return accessKeyId.length > 8
    ? `${accessKeyId.slice(0, 4)}…${accessKeyId.slice(-4)}`
    : accessKeyId;
}

/**
 * Throws unless `credentials` has a key id and a secret, and has not expired at `now` (ms).
 *
 * @throws {SigV4Error} `ERR_SIGV4_CREDENTIALS_INVALID` or `ERR_SIGV4_CREDENTIALS_EXPIRED`.
 */
export function checkCredentials(credentials: AwsCredentials | undefined, now: number): void {
  if (
    typeof credentials !== 'object' ||
    credentials === null ||
    typeof credentials.accessKeyId !== 'string' ||
    credentials.accessKeyId === '' ||
    typeof credentials.secretAccessKey !== 'string' ||
    credentials.secretAccessKey === ''
  ) {
    throw new SigV4Error(
      'ERR_SIGV4_CREDENTIALS_INVALID',
      'the credentials need a non-empty accessKeyId and secretAccessKey (strings).',
    );
  }
  const field = (['accessKeyId', 'secretAccessKey', 'sessionToken'] as const).find((name) => {
    const value: unknown = credentials[name];
    return value != null && (typeof value !== 'string' || CONTROL_OR_NON_LATIN1.test(value));
  });
  if (field !== undefined) {
    // The value is never quoted: a control character in a token would be echoed by the HTTP
    // client's own header check, signature and all.
    throw new SigV4Error(
      'ERR_SIGV4_CREDENTIALS_INVALID',
      `credentials.${field} is not a string or holds a control character (a trailing newline?): it cannot go into a header.`,
    );
  }
  const expiration = credentials.expiration;
  if (expiration === undefined) return;
  if (!(expiration instanceof Date) || Number.isNaN(expiration.getTime())) {
    throw new SigV4Error(
      'ERR_SIGV4_CREDENTIALS_INVALID',
      'credentials.expiration must be a valid Date when given.',
    );
  }
  if (expiration.getTime() <= now) {
    throw new SigV4Error(
      'ERR_SIGV4_CREDENTIALS_EXPIRED',
      `the credentials for access key ${redactKeyId(credentials.accessKeyId)} expired at ${expiration.toISOString()}. Refresh them, or pass a provider.`,
    );
  }
}
