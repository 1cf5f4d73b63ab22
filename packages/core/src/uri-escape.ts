const HEX = '0123456789ABCDEF';
const UTF8 = new TextEncoder();

/** True for the characters RFC 3986 calls unreserved: `A-Z a-z 0-9 - _ . ~`. */
function isUnreserved(code: number): boolean {
  return (
    (code >= 0x61 && code <= 0x7a) ||
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x30 && code <= 0x39) ||
    code === 0x2d ||
    code === 0x5f ||
    code === 0x2e ||
    code === 0x7e
  );
}

const UNRESERVED_ONLY = /^[A-Za-z0-9\-_.~]*$/;
const UNRESERVED_OR_SLASH = /^[A-Za-z0-9\-_.~/]*$/;

/**
 * Percent-encodes every byte of the UTF-8 form of `value` except RFC 3986 unreserved
 * characters, as SigV4 requires (`%20` for a space, `%2B` for a plus, upper-case hex).
 * With `keepSlash`, `/` is left as is (for paths).
 */
export function escapeRfc3986(value: string, keepSlash = false): string {
  if ((keepSlash ? UNRESERVED_OR_SLASH : UNRESERVED_ONLY).test(value)) return value;
  let out = '';
  const bytes = UTF8.encode(value);
  for (const byte of bytes) {
    if (isUnreserved(byte) || (keepSlash && byte === 0x2f)) out += String.fromCharCode(byte);
    else out += `%${HEX[byte >> 4]}${HEX[byte & 15]}`;
  }
  return out;
}

/**
 * Decodes percent-escapes into a string. An escape that is not valid UTF-8 or not a valid
 * escape is kept literally (so `%zz` stays `%zz`, and re-encoding yields `%25zz`).
 */
export function percentDecode(value: string): string {
  if (!value.includes('%')) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    return value.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
      try {
        return decodeURIComponent(run);
      } catch {
        return run;
      }
    });
  }
}
