import { connect, createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { main } from '../src/main.js';
import { CHILD_ENV, runBin } from './bin-helpers.js';
import { collector, expectNoSecrets, run } from './helpers.js';

/** Starts `sigv4 emulate ...` in-process; resolves once it printed its URL. */
async function startEmulate(args: readonly string[], env: Record<string, string> = {}) {
  const stdout = collector();
  const stderr = collector();
  const controller = new AbortController();
  const exit = main(['emulate', ...args], { stdout, stderr, env, signal: controller.signal });
  let url: string | undefined;
  // Bounded wait: 100 x 20 ms.
  for (let i = 0; i < 100 && url === undefined; i++) {
    url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout.text())?.[1];
    if (url === undefined) {
      const early = await Promise.race([
        exit,
        new Promise((r) => setTimeout(() => r(undefined), 20)),
      ]);
      if (early !== undefined) throw new Error(`emulate exited ${String(early)}: ${stderr.text()}`);
    }
  }
  if (url === undefined)
    throw new Error(`emulate printed no URL:\n${stdout.text()}${stderr.text()}`);
  const stop = async () => {
    controller.abort();
    return exit;
  };
  return { url, stdout, stderr, stop };
}

const EXAMPLE_ENV = {
  AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
};

describe('sigv4 emulate', () => {
  it('without credentials in the environment: prints the example pair, verifies, logs, stops on abort', async () => {
    const emulator = await startEmulate(['--port', '0']);
    try {
      expect(emulator.stdout.text()).toContain('export AWS_ACCESS_KEY_ID=AKIDEXAMPLE');
      expect(emulator.stdout.text()).toContain(
        `export AWS_SECRET_ACCESS_KEY=${EXAMPLE_ENV.AWS_SECRET_ACCESS_KEY}`,
      );
      expect(emulator.stdout.text()).toContain(
        `try: sigv4 --service execute-api --region us-east-1 ${emulator.url}/prod/hello`,
      );
      const ok = await run(
        ['--service', 'execute-api', '--region', 'us-east-1', `${emulator.url}/prod/hello`],
        {
          env: EXAMPLE_ENV,
        },
      );
      expect(ok.code).toBe(0);
      expect(JSON.parse(ok.stdout).identity.accessKeyId).toBe('AKIDEXAMPLE');
      const unsigned = await fetch(`${emulator.url}/prod/hello`);
      expect(unsigned.status).toBe(403);
      expect(await unsigned.json()).toEqual({ message: 'Missing Authentication Token' });
    } finally {
      expect(await emulator.stop()).toBe(0);
    }
    expect(emulator.stderr.text()).toMatch(
      /^GET \/prod\/hello -> verified \(header, execute-api\/us-east-1, AKIDEXAMPLE\)$/m,
    );
    expect(emulator.stderr.text()).toMatch(/^GET \/prod\/hello -> 403 missing-authentication$/m);
    expect(emulator.stdout.text()).toMatch(/emulator stopped\.\n$/);
  });

  it('prints its *.localhost name; the built bin reaches it by that URL alone, no --service or --region', async () => {
    const emulator = await startEmulate(['--port', '0', '--region', 'eu-west-1']);
    const name = `http://a1b2c3d4e5.execute-api.eu-west-1.localhost:${new URL(emulator.url).port}/prod`;
    try {
      expect(emulator.stdout.text()).toContain(`  by URL alone: ${name}\n`);
      // The bin resolves `*.localhost` to loopback itself, as curl does (Node's resolver may not).
      const result = await runBin([`${name}/hello`], { env: { ...CHILD_ENV, ...EXAMPLE_ENV } });
      expect(result.code, result.stderr.toString()).toBe(0);
      expect(JSON.parse(result.stdout.toString()).identity).toMatchObject({
        accessKeyId: 'AKIDEXAMPLE',
        region: 'eu-west-1',
        service: 'execute-api',
      });
    } finally {
      expect(await emulator.stop()).toBe(0);
    }
    expect(emulator.stderr.text()).toMatch(
      /^GET \/prod\/hello -> verified \(header, execute-api\/eu-west-1, AKIDEXAMPLE\)$/m,
    );
  });

  it('with credentials in the environment: accepts them, refuses others, prints no secret', async () => {
    const env = {
      AWS_ACCESS_KEY_ID: 'ASIAEMULATORKEY00001',
      AWS_SECRET_ACCESS_KEY: 'emulator-secret-from-env/0123456789abcdef',
      AWS_SESSION_TOKEN: 'emulator-session-token-from-env-0123456789',
    };
    const emulator = await startEmulate(['--region', 'eu-west-1'], env);
    try {
      expect(emulator.stdout.text()).toContain(
        'accepts access key ASIAEMULATORKEY00001 from the environment (with its session token)',
      );
      expect(emulator.stdout.text()).toContain('region eu-west-1');
      const ok = await run(
        ['--service', 'execute-api', '--region', 'eu-west-1', `${emulator.url}/prod/x`],
        { env },
      );
      expect(ok.code).toBe(0);
      const wrongRegion = await run(
        ['--service', 'execute-api', '--region', 'us-east-1', `${emulator.url}/prod/x`],
        { env },
      );
      expect(wrongRegion.code).toBe(1);
      const exampleKeys = await run(
        ['--service', 'execute-api', '--region', 'eu-west-1', `${emulator.url}/prod/x`],
        {
          env: EXAMPLE_ENV,
        },
      );
      expect(exampleKeys.code).toBe(1);
      expect(exampleKeys.stderr).toMatch(/AWS does not know access key AKID…MPLE/);
    } finally {
      expect(await emulator.stop()).toBe(0);
    }
    expectNoSecrets(emulator.stdout.text() + emulator.stderr.text(), [
      env.AWS_SECRET_ACCESS_KEY,
      env.AWS_SESSION_TOKEN,
    ]);
  });

  it('--emulate lambda-url: signs for lambda, POST needs and gets x-amz-content-sha256', async () => {
    const emulator = await startEmulate(['--emulate', 'lambda-url']);
    try {
      expect(emulator.stdout.text()).toContain('(lambda-url)');
      expect(emulator.stdout.text()).toContain('try: sigv4 --service lambda');
      const ok = await run(
        ['--service', 'lambda', '--region', 'us-east-1', '-d', '{"a":1}', `${emulator.url}/`],
        {
          env: EXAMPLE_ENV,
        },
      );
      expect(ok.code).toBe(0);
      const unsigned = await fetch(`${emulator.url}/`);
      expect(await unsigned.json()).toEqual({ Message: 'Forbidden' });
    } finally {
      expect(await emulator.stop()).toBe(0);
    }
  });

  it('--cors ORIGIN: answers preflights unverified, logs them, and lets the page read a 403', async () => {
    const page = 'http://localhost:5173';
    const emulator = await startEmulate(['--emulate', 'lambda-url', '--cors', page]);
    try {
      expect(emulator.stdout.text()).toContain(
        `CORS: preflights answered, responses readable from ${page}`,
      );
      const preflight = await fetch(`${emulator.url}/items?id=1`, {
        method: 'OPTIONS',
        headers: {
          origin: page,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization, x-amz-date, content-type',
        },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe(page);
      expect(preflight.headers.get('access-control-allow-headers')).toContain('x-amz-date');
      const unsigned = await fetch(`${emulator.url}/items`, { headers: { origin: page } });
      expect(unsigned.status).toBe(403);
      expect(unsigned.headers.get('access-control-allow-origin')).toBe(page);
      expect(unsigned.headers.get('access-control-expose-headers')).toContain('x-amzn-ErrorType');
      const other = await fetch(`${emulator.url}/items`, {
        headers: { origin: 'http://localhost:3000' },
      });
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      expect(await emulator.stop()).toBe(0);
    }
    expect(emulator.stderr.text()).toMatch(
      /^OPTIONS \/items\?… -> CORS preflight for POST from http:\/\/localhost:5173 \(allowed\)$/m,
    );
    expect(emulator.stderr.text()).toMatch(/^GET \/items -> 403 missing-authentication$/m);
  });

  it('without --cors: no CORS headers, and an OPTIONS preflight is verified (403)', async () => {
    const emulator = await startEmulate([]);
    try {
      const preflight = await fetch(`${emulator.url}/prod/x`, {
        method: 'OPTIONS',
        headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'GET' },
      });
      expect(preflight.status).toBe(403);
      expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      expect(await emulator.stop()).toBe(0);
    }
    expect(emulator.stderr.text()).toMatch(/^OPTIONS \/prod\/x -> 403 missing-authentication$/m);
  });

  it('logs what is refused before it is recorded: a 7 MiB body (413), 100 KiB of headers (431)', async () => {
    const signature = 'e'.repeat(64);
    const token = 'emulate-refusal-session-token-0123456789';
    const query = `X-Amz-Signature=${signature}&X-Amz-Security-Token=${token}`;
    const emulator = await startEmulate(['--emulate', 'lambda-url']);
    try {
      const big = await fetch(`${emulator.url}/upload?${query}`, {
        method: 'POST',
        body: new Uint8Array(7 * 1024 * 1024),
      });
      expect(big.status).toBe(413);
      expect(await big.json()).toEqual({ message: 'Request Entity Too Large' });
      const port = Number(new URL(emulator.url).port);
      const answer = await new Promise<string>((resolve, reject) => {
        const socket = connect(port, '127.0.0.1');
        const chunks: Buffer[] = [];
        socket.setTimeout(5000, () => socket.destroy(new Error('raw HTTP timed out')));
        socket.on('data', (chunk: Buffer) => chunks.push(chunk));
        socket.on('close', () => resolve(Buffer.concat(chunks).toString('latin1')));
        socket.on('error', (error: NodeJS.ErrnoException) => {
          // The server closes right after its answer; a reset after it is expected.
          if (error.code !== 'ECONNRESET' && error.code !== 'EPIPE') reject(error);
        });
        socket.end(
          `GET /prod/hello?${query} HTTP/1.1\r\nHost: 127.0.0.1\r\n` +
            `X-Big: ${'a'.repeat(100 * 1024)}\r\n\r\n`,
        );
      });
      expect(answer).toMatch(/^HTTP\/1\.1 431 /);
    } finally {
      expect(await emulator.stop()).toBe(0);
    }
    const log = emulator.stderr.text();
    expect(log.match(/^POST \/upload\?… -> 413 body-too-large$/gm)).toHaveLength(1);
    expect(
      log.match(/^GET \/prod\/hello\?… -> 431 headers-too-large \(HPE_HEADER_OVERFLOW\)$/gm),
    ).toHaveLength(1);
    expectNoSecrets(`${emulator.stdout.text()}${log}`, [signature, token]);
  });

  it('a port in use exits 4 and says to pick another', async () => {
    const blocker = createServer();
    const port = await new Promise<number>((resolve) => {
      blocker.listen(0, '127.0.0.1', () => {
        const address = blocker.address();
        resolve(typeof address === 'object' && address ? address.port : 0);
      });
    });
    try {
      const result = await run(['emulate', '--port', String(port)], { env: {} });
      expect(result.code).toBe(4);
      expect(result.stderr).toMatch(
        new RegExp(
          `^sigv4: cannot listen on 127\\.0\\.0\\.1:${port} \\(EADDRINUSE\\)\\.\\nsigv4: hint: pick another --port`,
        ),
      );
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});
