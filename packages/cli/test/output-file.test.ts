import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHILD_ENV, rawServer, runBin, SCOPE_ARGS } from './bin-helpers.js';
import { tempDir } from './helpers.js';

// `-o FILE` as curl has it: the file is created (or truncated) when the first byte of the
// answer arrives, so a call that gets no answer leaves FILE as it was. An answer with an empty
// body still leaves an empty FILE, as curl does after a transfer that succeeded.

const OLD = 'the previous download, still wanted\n';

/** A port on 127.0.0.1 that nothing listens on (bound, then closed). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('-o FILE through the built bin', () => {
  it('a refused connection (exit 4) leaves an existing FILE as it was', async () => {
    const { dir, remove } = await tempDir();
    try {
      const file = join(dir, 'out.json');
      await writeFile(file, OLD);
      const port = await closedPort();
      const result = await runBin([...SCOPE_ARGS, '-o', file, `http://127.0.0.1:${port}/prod/x`]);
      expect(result.code).toBe(4);
      expect(result.stderr.toString()).toMatch(/ECONNREFUSED/);
      expect(await readFile(file, 'utf8')).toBe(OLD);
      // And no FILE appears where there was none.
      const fresh = join(dir, 'fresh.json');
      expect((await runBin([...SCOPE_ARGS, '-o', fresh, `http://127.0.0.1:${port}/x`])).code).toBe(
        4,
      );
      expect(existsSync(fresh)).toBe(false);
    } finally {
      await remove();
    }
  });

  it('no credentials (exit 3) leaves an existing FILE as it was, and nothing is sent', async () => {
    let received = 0;
    const server = await rawServer((_req, res) => {
      received++;
      res.end('new');
    });
    const { dir, remove } = await tempDir();
    try {
      const file = join(dir, 'out.json');
      await writeFile(file, OLD);
      // No AWS_* variables and a HOME without ~/.aws: the default chain finds nothing.
      const env = {
        PATH: CHILD_ENV.PATH,
        HOME: dir,
        AWS_EC2_METADATA_DISABLED: 'true',
        AWS_CONFIG_FILE: join(dir, 'none-config'),
        AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none-credentials'),
      };
      const result = await runBin([...SCOPE_ARGS, '-o', file, `${server.url}/prod/x`], { env });
      expect(result.code).toBe(3);
      expect(received).toBe(0);
      expect(await readFile(file, 'utf8')).toBe(OLD);
    } finally {
      await remove();
      await server.close();
    }
  });

  it('an answer replaces FILE; an empty 200 body leaves FILE empty (created or truncated), as curl', async () => {
    const server = await rawServer((req, res) => {
      res.end(req.url === '/empty' ? '' : 'new body');
    });
    const { dir, remove } = await tempDir();
    try {
      const file = join(dir, 'out.json');
      await writeFile(file, OLD);
      expect((await runBin([...SCOPE_ARGS, '-o', file, `${server.url}/full`])).code).toBe(0);
      expect(await readFile(file, 'utf8')).toBe('new body');
      await writeFile(file, OLD);
      expect((await runBin([...SCOPE_ARGS, '-o', file, `${server.url}/empty`])).code).toBe(0);
      expect(await readFile(file, 'utf8')).toBe('');
      const created = join(dir, 'created.json');
      expect((await runBin([...SCOPE_ARGS, '-o', created, `${server.url}/empty`])).code).toBe(0);
      expect(await readFile(created, 'utf8')).toBe('');
    } finally {
      await remove();
      await server.close();
    }
  });
});
