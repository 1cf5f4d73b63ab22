import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { IncomingHttpHeaders } from 'node:http';
import { createServer as createTcpServer, type Socket } from 'node:net';
import { join } from 'node:path';
import type { IamEmulator } from '@sigv4/msw/server';
import { startIamEmulator } from '@sigv4/msw/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawServer } from './bin-helpers.js';
import { CREDENTIALS, expectNoSecrets, run, TOKEN_CREDENTIALS, tempDir } from './helpers.js';

// main() in-process with undici underneath, against real loopback servers: the emulator
// (which verifies every hop's signature from the raw request) and raw node:http / TCP servers.
const REGION = 'us-east-1';
const SCOPE = ['--service', 'execute-api', '--region', REGION];
const TOKEN_ENV = {
  AWS_ACCESS_KEY_ID: TOKEN_CREDENTIALS.accessKeyId,
  AWS_SECRET_ACCESS_KEY: TOKEN_CREDENTIALS.secretAccessKey,
  AWS_SESSION_TOKEN: TOKEN_CREDENTIALS.sessionToken,
};
const SIGV4_HEADERS = [
  'authorization',
  'x-amz-date',
  'x-amz-security-token',
  'x-amz-content-sha256',
];

/** Where the emulator's redirects point to on another origin (set once that server listens). */
let elsewhere = '';
const captured: IncomingHttpHeaders[] = [];
let other: Awaited<ReturnType<typeof rawServer>>;
let api: IamEmulator;

beforeAll(async () => {
  other = await rawServer((req, res) => {
    captured.push(req.headers);
    res.end('from the other origin');
  });
  elsewhere = `${other.url}/landing`;
  api = await startIamEmulator({
    emulate: 'apigateway-rest',
    region: REGION,
    credentials: [CREDENTIALS, TOKEN_CREDENTIALS],
    // Runs only for verified requests: a redirect answer is itself a signed, verified hop.
    resolver: ({ raw }) => {
      if (raw.target === '/prod/start')
        return { status: 302, headers: { location: '/prod/final?step=2' } };
      if (raw.target === '/prod/post-start')
        return { status: 307, headers: { location: '/prod/post-final' } };
      if (raw.target === '/prod/away') return { status: 302, headers: { location: elsewhere } };
      if (raw.target === '/prod/file')
        return { status: 302, headers: { location: 'file:///etc/passwd' } };
      return {
        status: 200,
        body: JSON.stringify({
          method: raw.method,
          target: raw.target,
          body: Buffer.from(raw.body).toString(),
        }),
      };
    },
  });
});
afterAll(async () => {
  await Promise.all([api?.close(), other?.close()]);
});

function verifiedSince(start: number) {
  return api.requests.slice(start).map(({ raw, result }) => ({
    target: raw.target,
    method: raw.method,
    verified: result.ok,
  }));
}

describe('-L: redirects through the shared pipeline', () => {
  it('follows a same-origin redirect, signed again for the new path: the emulator verifies both hops', async () => {
    const start = api.requests.length;
    const result = await run([...SCOPE, '-L', `${api.url}/prod/start`]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ target: '/prod/final?step=2' });
    expect(verifiedSince(start)).toEqual([
      { target: '/prod/start', method: 'GET', verified: true },
      { target: '/prod/final?step=2', method: 'GET', verified: true },
    ]);
    expect(result.stderr).toBe('');
  });

  it('a 307 keeps the method and the body, signed again', async () => {
    const start = api.requests.length;
    const result = await run([...SCOPE, '-L', '-d', 'payload=1', `${api.url}/prod/post-start`]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      method: 'POST',
      target: '/prod/post-final',
      body: 'payload=1',
    });
    expect(verifiedSince(start).map((r) => r.verified)).toEqual([true, true]);
  });

  it('-v shows each hop: two canonical requests, the second for the new path', async () => {
    const result = await run([...SCOPE, '-L', '-v', `${api.url}/prod/start`]);
    expect(result.code).toBe(0);
    expect(result.stderr.match(/\* canonical request:\n/g)).toHaveLength(2);
    expect(result.stderr).toMatch(/^> GET \/prod\/final\?step=2 HTTP\/1\.1$/m);
  });

  it('a redirect to another origin is followed without any SigV4 header (captured on the other server)', async () => {
    const start = api.requests.length;
    captured.length = 0;
    const result = await run([...SCOPE, '-L', `${api.url}/prod/away`], { env: TOKEN_ENV });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('from the other origin');
    // The first hop was signed with the token; the other origin got none of it.
    const first = api.requests[start];
    expect(first?.result.ok).toBe(true);
    expect(first?.raw.headers.some(([name]) => name.toLowerCase() === 'x-amz-security-token')).toBe(
      true,
    );
    expect(captured).toHaveLength(1);
    for (const name of SIGV4_HEADERS) expect(captured[0]?.[name], name).toBeUndefined();
    expectNoSecrets(JSON.stringify(captured), [TOKEN_CREDENTIALS.sessionToken]);
  });

  it('--cross-origin-redirect refuse stops there: exit 3, a flag hint, nothing sent to the other origin', async () => {
    captured.length = 0;
    const result = await run([
      ...SCOPE,
      '-L',
      '--cross-origin-redirect',
      'refuse',
      `${api.url}/prod/away`,
    ]);
    expect(result.code).toBe(3);
    expect(captured).toHaveLength(0);
    expect(result.stderr).toMatch(
      /^sigv4: GET http:\/\/127\.0\.0\.1:\d+\/prod\/away: the server redirected a signed request to another origin \(http:\/\/127\.0\.0\.1:\d+\)/,
    );
    expect(result.stderr).toMatch(
      /\nsigv4: hint: drop --cross-origin-redirect refuse to follow it without the signature/,
    );
    expect(result.stderr).not.toMatch(/crossOriginRedirect|redirect: ['"]manual/);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(2);
  });

  it('never follows a redirect to a non-http(s) URL', async () => {
    const result = await run([...SCOPE, '-L', `${api.url}/prod/file`]);
    expect(result.code).toBe(4);
    expect(result.stdout).toBe('');
    expect(result.stdout + result.stderr).not.toMatch(/root:/);
    expect(result.stderr).toMatch(
      /^sigv4: GET http:\/\/127\.0\.0\.1:\d+\/prod\/file: a redirect to a file: URL is not followed \(only http: and https:, as fetch\)\.\nsigv4: hint: drop -L/,
    );
  });

  it('without -L a 3xx is printed as received and noted on stderr (exit 0); -s hides the note', async () => {
    const start = api.requests.length;
    const result = await run([...SCOPE, '-i', `${api.url}/prod/start`]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^HTTP\/1\.1 302 Found\n/);
    expect(result.stdout).toMatch(/^location: \/prod\/final\?step=2$/m);
    expect(result.stderr).toMatch(
      /^sigv4: the server answered 302 \(a redirect to http:\/\/127\.0\.0\.1:\d+\/prod\/final\?…\); not followed: pass -L to follow it\.\n$/,
    );
    expect(verifiedSince(start)).toHaveLength(1);
    const silent = await run([...SCOPE, '-s', `${api.url}/prod/start`]);
    expect(silent).toMatchObject({ code: 0, stderr: '' });
  });
});

describe('-o FILE', () => {
  it('writes the exact bytes (binary, 3 MiB in pieces) and nothing to stdout', async () => {
    const body = randomBytes(3 * 1024 * 1024);
    const server = await rawServer(async (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      // Pieces of odd sizes, so chunk boundaries fall anywhere.
      for (let at = 0; at < body.length; at += 77_777) res.write(body.subarray(at, at + 77_777));
      res.end();
    });
    const { dir, remove } = await tempDir();
    try {
      const file = join(dir, 'out.bin');
      const result = await run([...SCOPE, '-o', file, `${server.url}/blob`]);
      expect(result).toMatchObject({ code: 0, stdout: '', stderr: '' });
      expect((await readFile(file)).equals(body)).toBe(true);
    } finally {
      await remove();
      await server.close();
    }
  });

  it('a file that cannot be created exits 23 before anything is sent', async () => {
    let received = 0;
    const server = await rawServer((_req, res) => {
      received++;
      res.end('x');
    });
    try {
      const result = await run([
        ...SCOPE,
        '-o',
        '/nonexistent-sigv4-dir/out.bin',
        `${server.url}/x`,
      ]);
      expect(result.code).toBe(23);
      expect(result.stderr).toMatch(
        /^sigv4: cannot write the body to \/nonexistent-sigv4-dir\/out\.bin \(ENOENT\)\.\nsigv4: hint: /,
      );
      expect(received).toBe(0);
    } finally {
      await server.close();
    }
  });
});

describe('redaction of what sigv4 prints', () => {
  it('-i and -v hide the token a server echoes in a header and in the body; the rest is untouched', async () => {
    const server = await rawServer((req, res) => {
      const token = String(req.headers['x-amz-security-token']);
      res.writeHead(200, { 'x-echo-token': token, 'x-other': 'plain' });
      // Echoed twice, split across writes so the second occurrence spans two chunks.
      const body = `binary\u0000start ${token} middle ${token} end`;
      const cut = body.length - token.length / 2 - 4;
      res.write(body.slice(0, cut));
      setTimeout(() => res.end(body.slice(cut)), 20);
    });
    try {
      const result = await run([...SCOPE, '-i', '-v', `${server.url}/echo`], { env: TOKEN_ENV });
      expect(result.code).toBe(0);
      expectNoSecrets(result.stdout + result.stderr, [
        TOKEN_CREDENTIALS.sessionToken,
        TOKEN_CREDENTIALS.secretAccessKey,
      ]);
      expect(result.stdout).toMatch(/^x-echo-token: \[redacted\]$/m);
      expect(result.stdout).toMatch(/^x-other: plain$/m);
      expect(result.stderr).toMatch(/^< x-echo-token: \[redacted\]$/m);
      expect(result.stdout.endsWith('binary\u0000start [redacted] middle [redacted] end')).toBe(
        true,
      );
    } finally {
      await server.close();
    }
  });
});

describe('timeouts, interruptions and broken answers', () => {
  it('--max-time also bounds a body that stops halfway: exit 28, what arrived is written', async () => {
    const server = await rawServer((_req, res) => {
      res.writeHead(200, { 'content-length': '1000' });
      res.write('partial');
    });
    try {
      const started = performance.now();
      const result = await run([...SCOPE, '--max-time', '0.5', `${server.url}/stall`]);
      expect(result.code).toBe(28);
      expect(performance.now() - started).toBeLessThan(3000);
      expect(result.stdout).toBe('partial');
      expect(result.stderr).toMatch(
        /the body did not arrive whole within --max-time 0\.5 s; stopped\./,
      );
    } finally {
      await server.close();
    }
  });

  it('--connect-timeout: a TLS server that never completes the handshake exits 28', async () => {
    const sockets: Socket[] = [];
    const tcp = createTcpServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => tcp.listen(0, '127.0.0.1', resolve));
    const { port } = tcp.address() as { port: number };
    try {
      const started = performance.now();
      const result = await run([
        ...SCOPE,
        '--connect-timeout',
        '0.3',
        `https://127.0.0.1:${port}/x`,
      ]);
      const elapsed = performance.now() - started;
      expect(result.code).toBe(28);
      expect(elapsed).toBeGreaterThanOrEqual(250);
      expect(elapsed).toBeLessThan(3000);
      expect(result.stderr).toMatch(
        /no connection to 127\.0\.0\.1:\d+ within 0\.3 s \(--connect-timeout\)\.\nsigv4: hint: /,
      );
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => tcp.close(resolve));
    }
  });

  it('Ctrl-C (the bin aborts the signal) stops a request: exit 130, no message', async () => {
    const silent = await rawServer(() => {});
    try {
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 200);
      const result = await run([...SCOPE, `${silent.url}/hang`], { signal: controller.signal });
      expect(result).toMatchObject({ code: 130, stdout: '', stderr: '' });
    } finally {
      await silent.close();
    }
  });

  it('a body cut short by the server is a network error (exit 4) after what arrived', async () => {
    const server = await rawServer((_req, res) => {
      res.writeHead(200, { 'content-length': '1000' });
      res.write('first bytes');
      setTimeout(() => res.destroy(), 50);
    });
    try {
      const result = await run([...SCOPE, `${server.url}/cut`]);
      expect(result.code).toBe(4);
      expect(result.stdout).toBe('first bytes');
      expect(result.stderr).toMatch(
        /^sigv4: GET http:\/\/127\.0\.0\.1:\d+\/cut: the body did not arrive whole \(/,
      );
    } finally {
      await server.close();
    }
  });

  it('-s hides error messages, -sS shows them; the exit code is the same', async () => {
    const silent = await run([...SCOPE, '-s', '--max-time', '0.2', 'http://127.0.0.1:9/']);
    const shown = await run([...SCOPE, '-sS', '--max-time', '0.2', 'http://127.0.0.1:9/']);
    expect(silent.code).toBe(shown.code);
    expect([4, 28]).toContain(silent.code);
    expect(silent.stderr).toBe('');
    expect(shown.stderr).toMatch(/^sigv4: GET http:\/\/127\.0\.0\.1:9\/: /);
  });
});
