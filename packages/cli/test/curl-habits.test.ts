import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer as createHttpsServer, type Server } from 'node:https';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawServer, runBin, SCOPE_ARGS } from './bin-helpers.js';
import { tempDir } from './helpers.js';

// What a curl user types, through the built bin against loopback servers.

const PACKAGE = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

describe('curl flags and URLs', () => {
  it('-V prints the version, as --version does', async () => {
    const short = await runBin(['-V']);
    expect(short.code).toBe(0);
    expect(short.stdout.toString()).toBe(`${PACKAGE.version}\n`);
    expect((await runBin(['--version'])).stdout.toString()).toBe(`${PACKAGE.version}\n`);
  });

  it('--data-raw sends its text as it is: a leading @ is not a file name, and it makes a POST', async () => {
    const received: Array<{ method: string; body: string }> = [];
    const server = await rawServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        received.push({ method: req.method ?? '', body: Buffer.concat(chunks).toString() });
        res.end('ok');
      });
    });
    try {
      const result = await runBin([...SCOPE_ARGS, '--data-raw', '@not-a-file', `${server.url}/x`]);
      expect(result.code).toBe(0);
      expect(received).toEqual([{ method: 'POST', body: '@not-a-file' }]);
      const both = await runBin([...SCOPE_ARGS, '-d', 'a', '--data-raw', 'b', `${server.url}/x`]);
      expect(both.code).toBe(2);
      expect(received).toHaveLength(1);
    } finally {
      await server.close();
    }
  });

  it('a URL without a scheme is http://, as curl reads it (127.0.0.1:PORT/path)', async () => {
    const targets: string[] = [];
    const server = await rawServer((req, res) => {
      targets.push(`${req.headers.host} ${req.url}`);
      res.end('plain http');
    });
    try {
      const hostPort = server.url.slice('http://'.length);
      const result = await runBin([...SCOPE_ARGS, `${hostPort}/prod/x?a=1`]);
      expect(result.code).toBe(0);
      expect(result.stdout.toString()).toBe('plain http');
      expect(targets).toEqual([`${hostPort} /prod/x?a=1`]);
    } finally {
      await server.close();
    }
  });
});

describe('-k, --insecure', () => {
  let server: Server;
  let url = '';
  let remove: () => Promise<void> = async () => {};

  beforeAll(async () => {
    const temp = await tempDir();
    remove = temp.remove;
    const key = join(temp.dir, 'key.pem');
    const cert = join(temp.dir, 'cert.pem');
    // A self-signed certificate for 127.0.0.1, as a local emulator has.
    const args = ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1'];
    args.push('-nodes', '-days', '1', '-subj', '/CN=127.0.0.1');
    args.push('-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', key, '-out', cert);
    try {
      execFileSync('openssl', args, { stdio: 'ignore' });
    } catch (cause) {
      throw new Error(
        'this test makes its self-signed certificate with openssl: install it (apt-get install openssl).',
        { cause },
      );
    }
    server = createHttpsServer(
      { key: await readFile(key), cert: await readFile(cert) },
      (_req, res) => res.end('over tls'),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `https://127.0.0.1:${(server.address() as { port: number }).port}/prod/x`;
  });
  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    await remove();
  });

  it('a self-signed certificate fails without -k (exit 4) and is accepted with -k and --insecure', async () => {
    const refused = await runBin([...SCOPE_ARGS, url]);
    expect(refused.code).toBe(4);
    expect(refused.stderr.toString()).toMatch(/certificate/i);
    expect(refused.stderr.toString()).toMatch(/-k/);
    for (const flag of ['-k', '--insecure']) {
      const result = await runBin([...SCOPE_ARGS, flag, url]);
      expect(result.code, result.stderr.toString()).toBe(0);
      expect(result.stdout.toString()).toBe('over tls');
    }
  });

  it('is refused for AWS hosts (exit 2, nothing sent), with the reason', async () => {
    const result = await runBin([
      '-k',
      'https://abc123.execute-api.eu-west-1.amazonaws.com/prod/x',
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr.toString()).toMatch(
      /^sigv4: -k\/--insecure is refused for abc123\.execute-api\.eu-west-1\.amazonaws\.com: /,
    );
  });
});

describe('per-command help', () => {
  it('presign --help and emulate --help list only the exit codes they can give', async () => {
    const presign = (await runBin(['presign', '--help'])).stdout.toString();
    const emulate = (await runBin(['emulate', '--help'])).stdout.toString();
    const request = (await runBin(['--help'])).stdout.toString();
    const codes = (help: string) =>
      [...(help.split('Exit codes:\n')[1] ?? '').matchAll(/^ {2}(\d+) /gm)].map((m) => m[1]);
    expect(codes(request)).toEqual(['0', '1', '2', '3', '4', '5', '23', '28', '130']);
    expect(codes(presign)).toEqual(['0', '2', '3', '5']);
    expect(codes(emulate)).toEqual(['0', '2', '4', '5']);
    for (const help of [presign, emulate]) {
      expect(help).not.toMatch(/--max-time|-o FILE|the server answered/);
    }
    // The README says the same, in words.
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const words = (list: readonly (string | undefined)[]) =>
      `${list.slice(0, -1).join(', ')} and ${list.at(-1)}`;
    expect(readme.replace(/\s+/g, ' ')).toContain(
      `\`sigv4 presign\` ${words(codes(presign))}, \`sigv4 emulate\` ${words(codes(emulate))}.`,
    );
  });
});
