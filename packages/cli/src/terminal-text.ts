/**
 * Text that came from a server or a client, made safe to print on a terminal or in a log.
 *
 * A server's status line, headers and error message and a client's request line are printed by
 * sigv4 (`-v`, `-i`, the 403 explanation, error messages, the `emulate` log). Written as they
 * came, ESC sequences would retitle the window, clear the screen or write the clipboard (OSC 52),
 * and a CR or LF would forge a line of the log. Every such character is written as a visible
 * escape instead; everything else, tab and non-ASCII letters included, is left as it is.
 */

/**
 * C0 controls but tab, DEL, C1 controls (U+0080-U+009F: a terminal in UTF-8 may act on U+009B
 * as CSI), and the Unicode controls that reorder or end lines (bidi overrides and isolates,
 * the line and paragraph separators).
 */
const UNSAFE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are the point
  /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g;

const SHORT: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r' };

function visible(char: string): string {
  const short = SHORT[char];
  if (short !== undefined) return short;
  const code = char.charCodeAt(0);
  return code <= 0xff
    ? `\\x${code.toString(16).padStart(2, '0')}`
    : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * `text` with every control character written as a visible escape: ESC as `\x1b`, BEL as
 * `\x07`, CR and LF as `\r` and `\n`, U+009B as `\x9b`, U+202E as `\u202e`. One line in, one
 * line out.
 *
 * @example
 * escapeControls('OK\x1b]0;PWNED\x07') // 'OK\\x1b]0;PWNED\\x07'
 */
export function escapeControls(text: string): string {
  return text.replace(UNSAFE, visible);
}

/** Each line of a multi-line text escaped, the line breaks between them kept. */
export function escapeLines(text: string): string {
  return text.split('\n').map(escapeControls).join('\n');
}
