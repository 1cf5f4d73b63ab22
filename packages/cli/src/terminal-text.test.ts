import { describe, expect, it } from 'vitest';
import { escapeControls, escapeLines } from './terminal-text.js';

describe('escapeControls', () => {
  it.each([
    ['OK\x1b]0;PWNED\x07\x1b[2J', 'OK\\x1b]0;PWNED\\x07\\x1b[2J'],
    ['osc 52 \x1b]52;c;Y2xpcA==\x1b\\', 'osc 52 \\x1b]52;c;Y2xpcA==\\x1b\\'],
    ['a\r\nforged line', 'a\\r\\nforged line'],
    ['nul \0 del \x7f', 'nul \\x00 del \\x7f'],
    ['c1 csi \u009b2J', 'c1 csi \\x9b2J'],
    ['bidi \u202etxt.exe', 'bidi \\u202etxt.exe'],
    ['line sep \u2028 end', 'line sep \\u2028 end'],
  ])('%j -> %j', (input, expected) => {
    expect(escapeControls(input)).toBe(expected);
  });

  it('leaves tab, printable ASCII, accents, CJK and emoji as they are', () => {
    const text = 'tab\there ~!@#$%^&*()_+{}|:"<>? é 東京 🚀 \\x1b';
    expect(escapeControls(text)).toBe(text);
  });

  it('escapeLines keeps the line breaks between lines and escapes inside them', () => {
    expect(escapeLines('GET\n/a\x1b[2J\nhost:x')).toBe('GET\n/a\\x1b[2J\nhost:x');
  });
});
