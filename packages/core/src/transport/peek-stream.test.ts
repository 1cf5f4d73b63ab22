import { describe, expect, it } from 'vitest';
import { peekStream } from './peek-stream.js';

const enc = new TextEncoder();
const text = async (stream: ReadableStream<Uint8Array>) => new Response(stream).text();

describe('peekStream', () => {
  it('a short body: read whole, and replayed whole', async () => {
    const peeked = await peekStream(new Response('hello world').body!, {
      maxBytes: 100,
      timeoutMs: 1000,
    });
    expect(peeked.complete).toBe(true);
    expect(new TextDecoder().decode(peeked.head)).toBe('hello world');
    expect(await text(peeked.stream)).toBe('hello world');
  });

  it('stops at maxBytes and replays everything', async () => {
    const body = 'x'.repeat(50_000);
    const peeked = await peekStream(new Response(body).body!, { maxBytes: 10, timeoutMs: 1000 });
    expect(peeked.complete).toBe(false);
    expect(await text(peeked.stream)).toBe(body);
  });

  it('stops at the time cap on a stream that stalls; the chunk that arrives later is kept', async () => {
    let push: ((s: string) => void) | undefined;
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(enc.encode('a'));
        push = (s) => {
          c.enqueue(enc.encode(s));
          c.close();
        };
      },
    });
    const started = Date.now();
    const peeked = await peekStream(stream, { maxBytes: 100, timeoutMs: 50 });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(new TextDecoder().decode(peeked.head)).toBe('a');
    push?.('b');
    expect(await text(peeked.stream)).toBe('ab');
  });

  it('stops when the signal aborts', async () => {
    const controller = new AbortController();
    const stream = new ReadableStream<Uint8Array>({ start() {} });
    setTimeout(() => controller.abort(), 20);
    const peeked = await peekStream(stream, {
      maxBytes: 100,
      timeoutMs: 10_000,
      signal: controller.signal,
    });
    expect(peeked.complete).toBe(false);
  });
});
