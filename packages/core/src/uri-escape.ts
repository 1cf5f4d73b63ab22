const HEX = '0123456789ABCDEF';
const UTF8 = new TextEncoder();

/** True for the bytes RFC 3986 calls unreserved: `A-Z a-z 0-9 - _ . ~`. */
function isUnreserved(byte: number): boolean {
  return (
    (byte >= 0x61 && byte <= 0x7a) ||
    (byte >= 0x41 && byte <= 0x5a) ||
    (byte >= 0x30 && byte <= 0x39) ||
    byte === 0x2d ||
    byte === 0x5f ||
    byte === 0x2e ||
    byte === 0x7e
  );
}

const UNRESERVED_ONLY = /^[A-Za-z0-9\-_.~]*$/;
const STRICT = /^(?:[A-Za-z0-9\-_.~]|%[0-9A-F]{2})*$/;
const HEX_PAIR = /^[0-9A-Fa-f]{2}$/;

/** Percent-encodes every byte but the unreserved ones (upper-case hex), as SigV4 wants. */
export function encodeBytes(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) {
    if (isUnreserved(byte)) out += String.fromCharCode(byte);
    else out += `%${HEX[byte >> 4]}${HEX[byte & 15]}`;
  }
  return out;
}

/**
 * Percent-encodes the UTF-8 form of `value`, leaving only RFC 3986 unreserved characters as
 * they are (`%20` for a space, `%2B` for a plus, upper-case hex).
 */
export function escapeRfc3986(value: string): string {
  return UNRESERVED_ONLY.test(value) ? value : encodeBytes(UTF8.encode(value));
}

/**
 * The bytes a server decodes from `text`: `%XX` is the byte XX (whether or not the bytes form
 * UTF-8), a `%` without two hex digits is a literal `%`, anything else is its UTF-8 form.
 */
export function decodeToBytes(text: string): Uint8Array {
  if (!text.includes('%')) return UTF8.encode(text);
  const bytes: number[] = [];
  let literal = '';
  const flush = (): void => {
    if (literal === '') return;
    for (const byte of UTF8.encode(literal)) bytes.push(byte);
    literal = '';
  };
  for (let i = 0; i < text.length; i++) {
    const pair = text.slice(i + 1, i + 3);
    if (text[i] === '%' && HEX_PAIR.test(pair)) {
      flush();
      bytes.push(Number.parseInt(pair, 16));
      i += 2;
    } else {
      literal += text[i];
    }
  }
  flush();
  return Uint8Array.from(bytes);
}

/**
 * Rewrites a URI component into strict RFC 3986 form without changing the bytes it stands
 * for: `caf%e9` becomes `caf%E9` (not `caf%25E9`), `(1)` becomes `%281%29`, `100%` becomes
 * `100%25`.
 */
export function toStrictComponent(text: string): string {
  return STRICT.test(text) ? text : encodeBytes(decodeToBytes(text));
}

/**
 * A path segment in the one form S3 computes from it: decoded to bytes, then encoded once, only
 * the unreserved characters left bare. `%41` becomes `A`, `%7e` becomes `~`, `(1)` becomes
 * `%281%29`, `caf%e9` becomes `caf%E9`; `%2F` stays `%2F` (a `/` inside the segment).
 */
export function toS3Segment(text: string): string {
  return UNRESERVED_ONLY.test(text) ? text : encodeBytes(decodeToBytes(text));
}
