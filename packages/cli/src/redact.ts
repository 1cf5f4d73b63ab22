/**
 * Keeps secrets out of what sigv4 prints. Every string written to stdout or stderr goes through
 * a `Redactor` that knows the secret access key and session token in use (from the environment
 * and from whatever provider resolved them).
 */

/** Shorter values are not treated as secrets (replacing them would garble ordinary output). */
const MIN_SECRET_LENGTH = 8;
const TEXT = new TextEncoder();

export interface Redactor {
  /** Registers a secret (a secret access key or session token) to hide from now on. */
  add(secret: string | undefined): void;
  /** `text` with every known secret replaced by `[redacted]`. */
  text(text: string): string;
  /** Same for bytes (a response body), without decoding them: binary bodies stay intact. */
  bytes(body: Uint8Array): Uint8Array;
  /**
   * Same for a body that arrives in chunks: holds back at most the length of the longest
   * secret minus one byte, so a secret split across two chunks is still found, and memory
   * stays bounded whatever the body's size.
   */
  stream(): ChunkRedactor;
}

/** Redacts a body chunk by chunk. */
export interface ChunkRedactor {
  /** The bytes of `chunk` (and what was held back) that are safe to write now. */
  push(chunk: Uint8Array): Uint8Array;
  /** What is still held back, redacted: call once at the end of the body. */
  flush(): Uint8Array;
}

export const REDACTED = '[redacted]';

export function createRedactor(initial: ReadonlyArray<string | undefined> = []): Redactor {
  const secrets = new Set<string>();
  const redactor: Redactor = {
    add(secret) {
      if (secret !== undefined && secret.length >= MIN_SECRET_LENGTH) secrets.add(secret);
    },
    text(text) {
      let out = text;
      for (const secret of secrets) out = out.split(secret).join(REDACTED);
      // Percent-encoded in a URL or a canonical query (X-Amz-Security-Token=...).
      for (const secret of secrets) {
        const encoded = encodeURIComponent(secret);
        if (encoded !== secret) out = out.split(encoded).join(REDACTED);
      }
      return out;
    },
    bytes(body) {
      if (secrets.size === 0) return body;
      let buffer = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
      const replacement = Buffer.from(REDACTED);
      for (const secret of secrets) {
        const needle = Buffer.from(TEXT.encode(secret));
        let from = buffer.indexOf(needle);
        if (from === -1) continue;
        const parts: Buffer[] = [];
        let start = 0;
        // Bounded: each round moves past one occurrence.
        while (from !== -1) {
          parts.push(buffer.subarray(start, from), replacement);
          start = from + needle.length;
          from = buffer.indexOf(needle, start);
        }
        parts.push(buffer.subarray(start));
        buffer = Buffer.concat(parts);
      }
      return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
    },
    stream() {
      return chunkRedactor(() => needles(secrets));
    },
  };
  for (const secret of initial) redactor.add(secret);
  return redactor;
}

/** Each secret as bytes, and percent-encoded when that differs (a secret echoed in a URL). */
function needles(secrets: ReadonlySet<string>): Buffer[] {
  const out: Buffer[] = [];
  for (const secret of secrets) {
    out.push(Buffer.from(secret));
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret) out.push(Buffer.from(encoded));
  }
  return out;
}

/** Start and end of every occurrence of any needle in `data`, sorted, overlaps dropped. */
function findAll(data: Buffer, list: readonly Buffer[]): Array<readonly [number, number]> {
  const found: Array<readonly [number, number]> = [];
  for (const needle of list) {
    // Bounded: each round moves past one occurrence.
    for (let at = data.indexOf(needle); at !== -1; at = data.indexOf(needle, at + needle.length)) {
      found.push([at, at + needle.length]);
    }
  }
  found.sort((a, b) => a[0] - b[0]);
  const kept: Array<readonly [number, number]> = [];
  for (const match of found) {
    const previous = kept.at(-1);
    if (previous === undefined || match[0] >= previous[1]) kept.push(match);
  }
  return kept;
}

function chunkRedactor(current: () => Buffer[]): ChunkRedactor {
  const replacement = Buffer.from(REDACTED);
  let held = Buffer.alloc(0);
  const take = (data: Buffer, atEnd: boolean): Uint8Array => {
    const list = current();
    const longest = list.reduce((max, needle) => Math.max(max, needle.length), 0);
    // A match starting before `cut` is complete: later bytes cannot change it.
    let cut = atEnd ? data.length : Math.max(0, data.length - Math.max(0, longest - 1));
    const matches = findAll(data, list).filter(([start]) => start < cut);
    const last = matches.at(-1);
    if (last !== undefined && last[1] > cut) cut = last[1];
    held = Buffer.from(data.subarray(cut));
    if (matches.length === 0) return data.subarray(0, cut);
    const parts: Buffer[] = [];
    let from = 0;
    for (const [start, end] of matches) {
      parts.push(data.subarray(from, start), replacement);
      from = end;
    }
    parts.push(data.subarray(from, cut));
    return Buffer.concat(parts);
  };
  return {
    push(chunk) {
      const view = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      return take(held.length === 0 ? view : Buffer.concat([held, view]), false);
    },
    flush() {
      return take(held, true);
    },
  };
}

/** `Signature=<hex>` in an Authorization header or `X-Amz-Signature=<hex>` in a URL. */
export function hideSignature(text: string): string {
  return text.replace(/(Signature=)[0-9a-f]{64}/gi, `$1${REDACTED}`);
}
