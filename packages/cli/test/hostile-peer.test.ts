import { spawn } from 'node:child_process';
import { connect, createServer, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import {
  CHILD_ENV,
  collect,
  exited,
  requireBuiltBin,
  runBin,
  SCOPE_ARGS,
  TERMINAL_CONTROLS,
} from './bin-helpers.js';

// A server or a client that writes terminal escapes where sigv4 prints what it sent: the built
// bin in a real process, its real stderr read as bytes. Whatever came from the other side is
// printed with its control characters as visible escapes; the body itself is left untouched.

/** A loopback TCP server that answers every request with these exact bytes, then closes. */
async function rawAnswer(answer: Buffer) {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.once('data', () => socket.end(answer));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** ESC ] 0 ; PWNED BEL (sets the window title), ESC [ 2 J (clears the screen). */
const TITLE_AND_CLEAR = '\x1b]0;PWNED\x07\x1b[2J';

describe('a hostile server', () => {
  it('a 403 whose JSON message holds escapes: the explanation shows them as \\x1b, the body is untouched', async () => {
    // Printable ASCII on the wire: \u001b in JSON, which the explanation decodes.
    const body = `{"message":"User: x is not authorized to perform: execute-api:Invoke${JSON.stringify(TITLE_AND_CLEAR).slice(1, -1)}"}`;
    const server = await rawAnswer(
      Buffer.from(
        'HTTP/1.1 403 Forbidden\r\ncontent-type: application/json\r\n' +
          `x-amzn-ErrorType: AccessDeniedException\r\ncontent-length: ${Buffer.byteLength(body)}\r\n` +
          `connection: close\r\n\r\n${body}`,
        'latin1',
      ),
    );
    try {
      const result = await runBin([...SCOPE_ARGS, `${server.url}/prod/x`]);
      expect(result.code).toBe(1);
      // The body as it came, byte for byte, as curl writes it.
      expect(result.stdout.equals(Buffer.from(body, 'latin1'))).toBe(true);
      const stderr = result.stderr.toString('latin1');
      expect(stderr).not.toMatch(TERMINAL_CONTROLS);
      expect(stderr).toContain(
        'sigv4: AWS refused the request (403 AccessDeniedException: User: x is not authorized to perform: execute-api:Invoke\\x1b]0;PWNED\\x07\\x1b[2J)',
      );
    } finally {
      await server.close();
    }
  });

  it('-v and -i: a status line with escapes and a C1 control in a header are shown escaped, the body as it came', async () => {
    const server = await rawAnswer(
      Buffer.from(
        `HTTP/1.1 200 OK${TITLE_AND_CLEAR}\r\nx-evil: a\x9b2Jb\r\ncontent-length: 8\r\nconnection: close\r\n\r\nbo\x1b[0mdy`,
        'latin1',
      ),
    );
    try {
      const result = await runBin([...SCOPE_ARGS, '-i', '-v', `${server.url}/prod/x`]);
      expect(result.code).toBe(0);
      const stdout = result.stdout.toString('latin1');
      const stderr = result.stderr.toString('latin1');
      const [head = '', body] = stdout.split('\n\n');
      expect(body).toBe('bo\x1b[0mdy');
      expect(head).not.toMatch(TERMINAL_CONTROLS);
      expect(stderr).not.toMatch(TERMINAL_CONTROLS);
      expect(stdout).toMatch(/^HTTP\/1\.1 200 OK\\x1b\]0;PWNED\\x07\\x1b\[2J\n/);
      expect(stdout).toContain('\nx-evil: a\\x9b2Jb\n');
      expect(stderr).toContain('\n< HTTP/1.1 200 OK\\x1b]0;PWNED\\x07\\x1b[2J\n');
      expect(stderr).toContain('\n< x-evil: a\\x9b2Jb\n');
    } finally {
      await server.close();
    }
  });

  it('a redirect note quoting a Location that is not a URL shows its C1 control escaped', async () => {
    const server = await rawAnswer(
      Buffer.from(
        'HTTP/1.1 302 Found\r\nlocation: http://[\x9b2J\r\ncontent-length: 0\r\nconnection: close\r\n\r\n',
        'latin1',
      ),
    );
    try {
      const result = await runBin([...SCOPE_ARGS, `${server.url}/prod/x`]);
      expect(result.code).toBe(0);
      const stderr = result.stderr.toString('latin1');
      expect(stderr).not.toMatch(TERMINAL_CONTROLS);
      expect(stderr).toContain('(a redirect to "http://[\\x9b2J"); not followed');
    } finally {
      await server.close();
    }
  });
});

describe('a hostile client of sigv4 emulate', () => {
  /** Sends raw bytes to the emulator and waits until it closed the connection (bounded). */
  function sendRaw(port: number, bytes: Buffer): Promise<void> {
    return new Promise((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.on('data', () => undefined);
      socket.on('error', () => undefined);
      socket.on('close', () => resolve());
      socket.setTimeout(3000, () => socket.destroy());
      socket.end(bytes);
    });
  }

  it('a request line with escapes and a C1 control is logged escaped on the real stderr', async () => {
    const child = spawn(process.execPath, [requireBuiltBin(), 'emulate', '--port', '0'], {
      env: { PATH: CHILD_ENV.PATH },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const stderr: Buffer[] = [];
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    const stdout = collect(child.stdout);
    let port: number | undefined;
    let printed = '';
    child.stdout.on('data', (chunk: Buffer) => {
      printed += chunk.toString();
      port ??= Number(/listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(printed)?.[1]) || undefined;
    });
    try {
      // Bounded wait for the URL: 100 x 50 ms.
      for (let i = 0; i < 100 && port === undefined; i++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(port, printed).toBeDefined();
      const target = port ?? 0;
      await sendRaw(
        target,
        Buffer.from(`GET /prod/${TITLE_AND_CLEAR} HTTP/1.1\r\nHost: x\r\n\r\n`, 'latin1'),
      );
      await sendRaw(target, Buffer.from('GET /prod/\x9b2J HTTP/1.1\r\nHost: x\r\n\r\n', 'latin1'));
      // A forged log line: a CR LF in the target would start a line of the client's choosing.
      await sendRaw(
        target,
        Buffer.from('GET /a\rGET /prod/hello -> verified HTTP/1.1\r\nHost: x\r\n\r\n', 'latin1'),
      );
    } finally {
      child.kill('SIGINT');
    }
    expect(await exited(child)).toBe(0);
    await stdout;
    const log = Buffer.concat(stderr).toString('latin1');
    expect(log).not.toMatch(TERMINAL_CONTROLS);
    expect(log).not.toMatch(/\r/);
    expect(log).toContain('GET /prod/\\x1b]0;PWNED\\x07\\x1b[2J -> 400 malformed-request');
    expect(log).toContain('GET /prod/\\x9b2J -> 400 malformed-request');
    expect(log).not.toMatch(/^GET \/prod\/hello -> verified/m);
  });
});
