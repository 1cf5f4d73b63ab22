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

describe('createRedactor().stream()', () => {
  const redactor = createRedactor([SECRET, TOKEN]);
  const body = Buffer.from(
    `start ${SECRET} middle X-Amz-Security-Token=${encodeURIComponent(TOKEN)} ${TOKEN}${SECRET} end`,
  );
  const expected = `start [redacted] middle X-Amz-Security-Token=[redacted] [redacted][redacted] end`;

  it('finds a secret split across two chunks, at every split point', () => {
    for (let cut = 0; cut <= body.length; cut++) {
      const stream = redactor.stream();
      const out = Buffer.concat([
        stream.push(body.subarray(0, cut)),
        stream.push(body.subarray(cut)),
        stream.flush(),
      ]);
      expect(out.toString(), `cut at ${cut}`).toBe(expected);
    }
  });

  it('one byte at a time', () => {
    const stream = redactor.stream();
    const parts = [...body].map((byte) => stream.push(Uint8Array.of(byte)));
    parts.push(stream.flush());
    expect(Buffer.concat(parts).toString()).toBe(expected);
  });

  it('holds back fewer bytes than the longest secret (bounded memory)', () => {
    const stream = redactor.stream();
    const longest = encodeURIComponent(TOKEN).length;
    let emitted = 0;
    for (let i = 1; i <= 200; i++) {
      emitted += stream.push(new Uint8Array(1000).fill(0x61)).byteLength;
      expect(i * 1000 - emitted).toBe(longest - 1);
    }
    expect(stream.flush().byteLength).toBe(longest - 1);
  });

  it('passes binary bytes without secrets through unchanged', () => {
    const bytes = Uint8Array.from({ length: 1000 }, (_, i) => (i * 7) % 256);
    const stream = redactor.stream();
    const out = Buffer.concat([
      stream.push(bytes.subarray(0, 500)),
      stream.push(bytes.subarray(500)),
      stream.flush(),
    ]);
    expect([...out]).toEqual([...bytes]);
  });
});
