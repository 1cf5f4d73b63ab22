import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CHILD_ENV,
  collect,
  exited,
  rawServer,
  requireBuiltBin,
  SCOPE_ARGS,
  shellQuote,
  spawnBin,
} from './bin-helpers.js';

// The built bin in a real process, over real sockets and pipes: memory, time to first byte,
// closed pipes, timeouts and the progress meter are properties of the process, not of main().

const MiB = 1024 * 1024;
const STACK_TRACE = /\n\s+at |Error: |node:internal/;

/** Serves `total` bytes made on the fly (one 64 KiB block reused), honouring backpressure. */
function generatedBody(total: number, onStart?: () => void) {
  const block = Buffer.alloc(64 * 1024, 'sigv4-stream-'.repeat(5));
  return async (_req: unknown, res: import('node:http').ServerResponse) => {
    res.writeHead(200, {
      'content-type': 'application/octet-stream',
      'content-length': String(total),
    });
    onStart?.();
    let sent = 0;
    // Bounded: total / 64 KiB rounds.
    while (sent < total && !res.destroyed) {
      const part = block.subarray(0, Math.min(block.length, total - sent));
      sent += part.length;
      if (!res.write(part)) {
        await new Promise<void>((resolve) => {
          // Both listeners go once either fires: left behind, 'close' listeners pile up
          // (MaxListenersExceededWarning after ten waits).
          const done = () => {
            res.off('drain', done);
            res.off('close', done);
            resolve();
          };
          res.once('drain', done);
          res.once('close', done);
        });
      }
    }
    res.end();
  };
}

describe('streaming through the built bin', () => {
  it('a 300 MiB body streams to stdout with bounded memory and an early first byte', async () => {
    let responseStarted = 0;
    const total = 300 * MiB;
    const server = await rawServer(
      generatedBody(total, () => {
        responseStarted = performance.now();
      }),
    );
    try {
      const started = performance.now();
      const child = spawnBin([...SCOPE_ARGS, `${server.url}/big`], { reportRss: true });
      let bytes = 0;
      let firstByte = 0;
      child.stdout?.on('data', (chunk: Buffer) => {
        if (bytes === 0) firstByte = performance.now();
        bytes += chunk.length;
      });
      const rss = collect(child.stdio[3] as NodeJS.ReadableStream);
      const stderr = collect(child.stderr);
      const code = await exited(child);
      const elapsed = performance.now() - started;
      const maxRssMiB = Number((await rss).trim()) / 1024;
      console.info(
        `300 MiB: peak RSS ${maxRssMiB.toFixed(0)} MiB, first byte ${(firstByte - responseStarted).toFixed(0)} ms after the server started the response (${(firstByte - started).toFixed(0)} ms after spawn), total ${(elapsed / 1000).toFixed(1)} s`,
      );
      expect(await stderr).toBe('');
      expect(code).toBe(0);
      expect(bytes).toBe(total);
      // The old CLI buffered it all: 953 MiB. Node with undici and the signer alone is ~100 MiB.
      expect(maxRssMiB).toBeGreaterThan(0);
      expect(maxRssMiB).toBeLessThan(150);
      expect(firstByte - responseStarted).toBeLessThan(1000);
      expect(elapsed).toBeLessThan(50_000);
    } finally {
      await server.close();
    }
  }, 60_000);

  it('`| head -c 10` ends quietly: exit 0, no stack trace, and the rest is not downloaded', async () => {
    const server = await rawServer(generatedBody(200 * MiB));
    const dir = await mkdtemp(join(tmpdir(), 'sigv4-pipe-'));
    try {
      const code = join(dir, 'code');
      const err = join(dir, 'stderr');
      const sigv4 = [process.execPath, requireBuiltBin(), ...SCOPE_ARGS, `${server.url}/big`]
        .map(shellQuote)
        .join(' ');
      const started = performance.now();
      const shell = spawn(
        'sh',
        ['-c', `{ ${sigv4} 2>${shellQuote(err)}; echo $? >${shellQuote(code)}; } | head -c 10`],
        { env: CHILD_ENV, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      const out = collect(shell.stdout);
      expect(await exited(shell)).toBe(0);
      expect(await out).toBe('sigv4-stre');
      expect((await readFile(code, 'utf8')).trim()).toBe('0');
      const stderr = await readFile(err, 'utf8');
      expect(stderr).not.toMatch(STACK_TRACE);
      expect(stderr).toBe('');
      // 200 MiB would take seconds to pass through; stopping at EPIPE does not wait for it.
      expect(performance.now() - started).toBeLessThan(15_000);
    } finally {
      await rm(dir, { recursive: true, force: true });
      await server.close();
    }
  }, 30_000);

  it('a write error on stdout other than a closed pipe (`> /dev/full`) exits 23 with one message', async () => {
    const server = await rawServer(generatedBody(MiB));
    try {
      const sigv4 = [process.execPath, requireBuiltBin(), ...SCOPE_ARGS, `${server.url}/big`]
        .map(shellQuote)
        .join(' ');
      const shell = spawn('sh', ['-c', `${sigv4} >/dev/full`], {
        env: CHILD_ENV,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const stderr = collect(shell.stderr);
      expect(await exited(shell)).toBe(23);
      expect(await stderr).toBe(
        'sigv4: cannot write the body to stdout (ENOSPC).\nsigv4: hint: check where stdout goes (a full disk, a closed file).\n',
      );
    } finally {
      await server.close();
    }
  });

  it('`| true` (the reader never reads) ends quietly too', async () => {
    const server = await rawServer(generatedBody(20 * MiB));
    try {
      const sigv4 = [process.execPath, requireBuiltBin(), ...SCOPE_ARGS, `${server.url}/big`]
        .map(shellQuote)
        .join(' ');
      const shell = spawn('sh', ['-c', `{ ${sigv4}; echo "exit=$?" >&2; } | true`], {
        env: CHILD_ENV,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const stderr = collect(shell.stderr);
      await exited(shell);
      expect(await stderr).toBe('exit=0\n');
    } finally {
      await server.close();
    }
  }, 30_000);

  it('--max-time 1 against a server that never answers exits 28 about a second after it asked', async () => {
    // Accepts the connection and the request, never answers.
    let asked = 0;
    const silent = await rawServer(() => {
      asked = performance.now();
    });
    try {
      const started = performance.now();
      const child = spawnBin([...SCOPE_ARGS, '--max-time', '1', `${silent.url}/hang`]);
      const stderr = collect(child.stderr);
      const code = await exited(child);
      const ended = performance.now();
      console.info(
        `--max-time 1: exit ${code} ${(ended - asked).toFixed(0)} ms after the request arrived (${(ended - started).toFixed(0)} ms after spawn)`,
      );
      expect(code).toBe(28);
      expect(asked).toBeGreaterThan(0);
      // The clock starts before credentials, signing and sending (loading smithy and undici
      // counts), so less than 1 s is left once the request arrives; never more.
      expect(ended - asked).toBeLessThan(1500);
      expect(ended - started).toBeGreaterThanOrEqual(1000);
      const text = await stderr;
      expect(text).toMatch(
        /^sigv4: GET http:\/\/127\.0\.0\.1:\d+\/hang: no response within --max-time 1 s; stopped\.\nsigv4: hint: raise --max-time/,
      );
      expect(text).not.toMatch(STACK_TRACE);
    } finally {
      await silent.close();
    }
  }, 20_000);

  it('usage errors through the real process: CR/LF in -H and -X TRACE exit 2 and send nothing', async () => {
    let received = 0;
    const server = await rawServer((_req, res) => {
      received++;
      res.end('ok');
    });
    try {
      for (const args of [
        ['-H', 'X-A: 1\r\nX-Injected: yes'],
        ['-X', 'TRACE'],
      ]) {
        const child = spawnBin([...SCOPE_ARGS, ...args, `${server.url}/x`]);
        const stderr = collect(child.stderr);
        expect(await exited(child)).toBe(2);
        expect(await stderr).toMatch(new RegExp(`^sigv4: ${args[0]} `));
      }
      expect(received).toBe(0);
    } finally {
      await server.close();
    }
  });
});

describe('the -o progress meter', () => {
  /** 4 MiB in 16 pieces over ~1.2 s, so the meter redraws several times. */
  function slowBody() {
    const piece = Buffer.alloc(256 * 1024, 7);
    return async (_req: unknown, res: import('node:http').ServerResponse) => {
      res.writeHead(200, { 'content-length': String(piece.length * 16) });
      for (let i = 0; i < 16 && !res.destroyed; i++) {
        res.write(piece);
        await new Promise((resolve) => setTimeout(resolve, 75));
      }
      res.end();
    };
  }

  async function inDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
    const dir = await mkdtemp(join(tmpdir(), 'sigv4-meter-'));
    try {
      return await fn(dir);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  /** Runs a command line under util-linux `script`, so stdout and stderr are a pseudo-terminal. */
  async function underPty(args: readonly string[]) {
    const command = [process.execPath, requireBuiltBin(), ...args].map(shellQuote).join(' ');
    const child = spawn('script', ['-qefc', command, '/dev/null'], {
      env: { ...CHILD_ENV, TERM: 'dumb' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out = collect(child.stdout);
    const code = await exited(child);
    return { code, terminal: await out };
  }

  it('renders on a terminal: bytes, rate, percent and a bar, redrawn with \\r', async () => {
    const server = await rawServer(slowBody());
    try {
      await inDir(async (dir) => {
        const file = join(dir, 'body.bin');
        const { code, terminal } = await underPty([...SCOPE_ARGS, '-o', file, `${server.url}/f`]);
        expect(code).toBe(0);
        const frames = terminal.split('\r').filter((frame) => frame.trim() !== '');
        expect(frames.length).toBeGreaterThanOrEqual(3);
        expect(terminal).toMatch(/\r100\.0% \[#{30}\] 4\.0 MiB \/ 4\.0 MiB {2}[\d.]+ [KMG]?i?B\/s/);
        expect(terminal).toMatch(/\r\s*\d+\.\d% \[#*-+\] [\d.]+ [KM]i?B \/ 4\.0 MiB/);
        expect((await readFile(file)).length).toBe(4 * MiB);
      });
    } finally {
      await server.close();
    }
  }, 20_000);

  it('is absent when stderr is not a terminal, and with -s on a terminal', async () => {
    const server = await rawServer(slowBody());
    try {
      await inDir(async (dir) => {
        const file = join(dir, 'body.bin');
        const child = spawnBin([...SCOPE_ARGS, '-o', file, `${server.url}/f`]);
        const stderr = collect(child.stderr);
        const stdout = collect(child.stdout);
        expect(await exited(child)).toBe(0);
        expect(await stderr).toBe('');
        expect(await stdout).toBe('');
        const silent = await underPty([...SCOPE_ARGS, '-s', '-o', file, `${server.url}/f`]);
        expect(silent.code).toBe(0);
        expect(silent.terminal).toBe('');
        expect((await readFile(file)).length).toBe(4 * MiB);
      });
    } finally {
      await server.close();
    }
  }, 20_000);
});
