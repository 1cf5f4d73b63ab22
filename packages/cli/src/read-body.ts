import { readFile } from 'node:fs/promises';
import { createByteCollector } from '@sigv4/core/internal';
import type { DataSource } from './parse-args.js';
import { UsageError } from './usage-error.js';

const UTF8 = new TextEncoder();

/** The exact body bytes of `-d`: the text as UTF-8, a file's bytes as they are, or stdin. */
export async function readBody(
  data: DataSource | undefined,
  stdin: AsyncIterable<Uint8Array> | undefined,
): Promise<Uint8Array<ArrayBuffer> | undefined> {
  if (data === undefined) return undefined;
  if (data.kind === 'inline') return UTF8.encode(data.text);
  if (data.kind === 'file') {
    try {
      return new Uint8Array(await readFile(data.path));
    } catch (cause) {
      const code = (cause as { code?: unknown }).code;
      throw new UsageError(
        `cannot read -d @${data.path}${typeof code === 'string' ? ` (${code})` : ''}. Check the path; use -d @- to read the body from stdin.`,
      );
    }
  }
  if (stdin === undefined) throw new UsageError('-d @- needs stdin, and none is available.');
  // No limit: the CLI sends what it is given (`-d @-`), read once into memory to be hashed.
  const collected = createByteCollector({ method: 'POST', url: 'stdin:', limit: Infinity });
  for await (const chunk of stdin) collected.add(chunk);
  return collected.bytes();
}
