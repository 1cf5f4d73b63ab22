import { describe, expect, it } from 'vitest';
import { isSigV4Error } from '../errors.js';
import { readBody } from './read-body.js';

const context = {
  method: 'POST',
  url: 'https://abc.execute-api.eu-west-1.amazonaws.com/p',
  limit: 1024,
};
const enc = new TextEncoder();

/** What the runtime's own fetch machinery makes of a body: the reference, not our code. */
async function runtimeView(body: BodyInit): Promise<{ bytes: Uint8Array; type: string | null }> {
  const request = new Request('https://example.com/', { method: 'POST', body });
  return {
    bytes: new Uint8Array(await request.arrayBuffer()),
    type: request.headers.get('content-type'),
  };
}

const bytesOf = async (bytes: string | Uint8Array | null) =>
  typeof bytes === 'string' ? enc.encode(bytes) : (bytes ?? new Uint8Array());

describe('readBody: the bytes and content-type fetch would send', () => {
  const u8 = new Uint8Array([0, 1, 2, 250, 255]);
  const cases: [string, () => BodyInit][] = [
    ['string (unicode)', () => 'héllo wörld ✓'],
    ['ArrayBuffer', () => u8.slice().buffer],
    ['Uint8Array', () => u8.slice()],
    ['Uint16Array', () => new Uint16Array([1, 513, 65535])],
    ['offset view (subarray)', () => new Uint8Array([9, 9, 1, 2, 3, 9]).subarray(2, 5)],
    ['DataView', () => new DataView(u8.slice().buffer, 1, 3)],
    ['Blob with type', () => new Blob(['{"a":1}'], { type: 'application/json' })],
    ['Blob without type', () => new Blob([u8.slice()])],
    ['File', () => new File(['file body'], 'a.txt', { type: 'text/plain' })],
    ['URLSearchParams (space, +, unicode)', () => new URLSearchParams({ q: 'a b+c', u: 'ü' })],
  ];
  it.each(cases)('%s', async (_name, make) => {
    const expected = await runtimeView(make());
    const read = await readBody(make(), context);
    expect(await bytesOf(read.bytes)).toEqual(expected.bytes);
    expect(read.contentType ?? null).toBe(expected.type);
  });

  it('FormData: serialised once; the content-type carries the boundary of the bytes', async () => {
    const form = new FormData();
    form.append('name', 'Ada Lovelace');
    form.append('file', new Blob(['xyz'], { type: 'text/csv' }), 'f.csv');
    const read = await readBody(form, context);
    expect(read.contentType).toMatch(/^multipart\/form-data; boundary=/);
    const boundary = read.contentType?.split('boundary=')[1] ?? '';
    const text = new TextDecoder().decode(read.bytes as Uint8Array);
    expect(text.startsWith(`--${boundary}\r\n`)).toBe(true);
    const parsed = await new Response(read.bytes, {
      headers: { 'content-type': read.contentType ?? '' },
    }).formData();
    expect(parsed.get('name')).toBe('Ada Lovelace');
    expect(await (parsed.get('file') as File).text()).toBe('xyz');
  });

  it('ReadableStream: buffered into one byte array', async () => {
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(enc.encode('ab'));
        controller.enqueue(enc.encode('cd'));
        controller.close();
      },
    });
    const read = await readBody(stream, context);
    expect(read.bytes).toEqual(enc.encode('abcd'));
    expect(read.contentType).toBeUndefined();
  });

  it('an async iterable of chunks (Node fetch takes one): buffered', async () => {
    async function* chunks() {
      yield enc.encode('it');
      yield enc.encode('er');
    }
    expect((await readBody(chunks(), context)).bytes).toEqual(enc.encode('iter'));
  });

  it('null and undefined: no body', async () => {
    expect(await readBody(null, context)).toEqual({ bytes: null, contentType: undefined });
    expect(await readBody(undefined, context)).toEqual({ bytes: null, contentType: undefined });
  });

  it('copies array buffers at once: a later write by the caller does not change what is sent', async () => {
    const buffer = new Uint8Array([1, 2, 3]);
    const read = await readBody(buffer, context);
    buffer[0] = 99;
    expect(read.bytes).toEqual(new Uint8Array([1, 2, 3]));
  });
});

describe('readBody: refusals', () => {
  const big = 'x'.repeat(context.limit + 1);
  const overLimit: [string, () => unknown][] = [
    ['string', () => big],
    ['multi-byte string', () => 'é'.repeat(context.limit / 2 + 1)],
    ['Uint8Array', () => new Uint8Array(context.limit + 1)],
    ['Blob', () => new Blob([big])],
    ['URLSearchParams', () => new URLSearchParams({ q: big })],
    [
      'FormData',
      () => {
        const form = new FormData();
        form.append('q', big);
        return form;
      },
    ],
    ['ReadableStream', () => new Response(big).body],
  ];
  it.each(overLimit)('%s over the limit: ERR_SIGV4_BODY_TOO_LARGE', async (_name, make) => {
    const error = await Promise.resolve()
      .then(() => readBody(make(), context))
      .catch((e: unknown) => e);
    expect(isSigV4Error(error, 'ERR_SIGV4_BODY_TOO_LARGE')).toBe(true);
    expect(String((error as Error).message)).toMatch(/maxBodyBytes/);
  });

  it('stops reading an endless stream at the limit', async () => {
    let pulls = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulls++;
        controller.enqueue(new Uint8Array(100));
      },
    });
    await expect(readBody(endless, context)).rejects.toMatchObject({
      code: 'ERR_SIGV4_BODY_TOO_LARGE',
    });
    expect(pulls).toBeLessThan(20);
  });

  it('a locked stream: ERR_SIGV4_BODY_UNREADABLE', async () => {
    const stream = new Response('abc').body!;
    stream.getReader();
    await expect(Promise.resolve().then(() => readBody(stream, context))).rejects.toMatchObject({
      code: 'ERR_SIGV4_BODY_UNREADABLE',
    });
  });

  it('a body type fetch does not take: ERR_SIGV4_BODY_UNREADABLE', () => {
    expect(() => readBody({ not: 'a body' }, context)).toThrow(
      expect.objectContaining({ code: 'ERR_SIGV4_BODY_UNREADABLE' }),
    );
  });
});
