import { describe, expect, it } from 'vitest';
import { createRedactor, hideSignature } from './redact.js';

const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
const TOKEN = 'IQoJb3JpZ2luX2Vj//////////wEaCXVzLWVhc3QtMSJHMEUCIQ';

describe('createRedactor', () => {
  it('replaces every occurrence of each secret in text, plain and percent-encoded', () => {
    const redactor = createRedactor([SECRET, undefined]);
    redactor.add(TOKEN);
    const text = `a ${SECRET} b ${TOKEN} c ${SECRET} d X-Amz-Security-Token=${encodeURIComponent(TOKEN)}`;
    expect(redactor.text(text)).toBe(
      'a [redacted] b [redacted] c [redacted] d X-Amz-Security-Token=[redacted]',
    );
  });

  it('replaces secrets in bytes without touching the other bytes', () => {
    const redactor = createRedactor([TOKEN]);
    const before = new Uint8Array([0xff, 0x00]);
    const body = new Uint8Array([...before, ...Buffer.from(`{"t":"${TOKEN}"}`), 0xfe]);
    const out = redactor.bytes(body);
    expect([...out.slice(0, 2)]).toEqual([0xff, 0x00]);
    expect(Buffer.from(out.slice(2, -1)).toString()).toBe('{"t":"[redacted]"}');
    expect(out.at(-1)).toBe(0xfe);
  });

  it('leaves bodies without secrets as they are, and ignores values too short to be secrets', () => {
    const redactor = createRedactor(['short', '']);
    const body = new TextEncoder().encode('a short body');
    expect(redactor.bytes(body)).toBe(body);
    expect(redactor.text('a short text')).toBe('a short text');
  });
});

describe('hideSignature', () => {
  it('hides the signature of an Authorization header and of a presigned URL', () => {
    const sig = 'a'.repeat(64);
    expect(
      hideSignature(`AWS4-HMAC-SHA256 Credential=AKID/x, SignedHeaders=host, Signature=${sig}`),
    ).toBe('AWS4-HMAC-SHA256 Credential=AKID/x, SignedHeaders=host, Signature=[redacted]');
    expect(hideSignature(`https://h/?X-Amz-Signature=${sig}`)).toBe(
      'https://h/?X-Amz-Signature=[redacted]',
    );
  });
});
