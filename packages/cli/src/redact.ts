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
  };
  for (const secret of initial) redactor.add(secret);
  return redactor;
}

/** `Signature=<hex>` in an Authorization header or `X-Amz-Signature=<hex>` in a URL. */
export function hideSignature(text: string): string {
  return text.replace(/(Signature=)[0-9a-f]{64}/gi, `$1${REDACTED}`);
}
