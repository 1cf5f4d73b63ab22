import type { IncomingHttpHeaders } from 'node:http';
import { describe, expect, it } from 'vitest';
import { rawServer, runBin, SCOPE_ARGS } from './bin-helpers.js';

// `-L` with the user's own `-H 'Cookie: ...'`: sent to the origin the user named, never to
// another one a redirect points at (curl 7.83 and later; the fetch standard drops Authorization,
// undici Cookie too). The other headers the user gave follow, as in curl and fetch.

const SIGV4_HEADERS = [
  'authorization',
  'x-amz-date',
  'x-amz-security-token',
  'x-amz-content-sha256',
];

describe('-L and the user-given Cookie', () => {
  it('a redirect to another origin drops Cookie (and every SigV4 header); the same origin keeps it', async () => {
    const seen: Array<{ server: string; url: string; headers: IncomingHttpHeaders }> = [];
    const other = await rawServer((req, res) => {
      seen.push({ server: 'other', url: req.url ?? '', headers: req.headers });
      // Back to where the user started: the Cookie stays dropped (the fetch standard's rule).
      if (req.url === '/bounce') {
        res.writeHead(302, { location: `${origin.url}/prod/back` }).end();
        return;
      }
      res.end('landed on the other origin');
    });
    const origin = await rawServer((req, res) => {
      seen.push({ server: 'origin', url: req.url ?? '', headers: req.headers });
      if (req.url === '/prod/start') res.writeHead(302, { location: '/prod/same' }).end();
      else if (req.url === '/prod/same')
        res.writeHead(307, { location: `${other.url}/land` }).end();
      else if (req.url === '/prod/away')
        res.writeHead(302, { location: `${other.url}/bounce` }).end();
      else res.end('back on the origin');
    });
    try {
      const headers = ['-H', 'Cookie: session=user-secret-cookie', '-H', 'X-Trace: 42'];
      const first = await runBin([...SCOPE_ARGS, ...headers, '-L', `${origin.url}/prod/start`]);
      expect(first.code).toBe(0);
      expect(first.stdout.toString()).toBe('landed on the other origin');
      expect(seen.map(({ server, url }) => `${server} ${url}`)).toEqual([
        'origin /prod/start',
        'origin /prod/same',
        'other /land',
      ]);
      const [start, same, land] = seen;
      expect(start?.headers.cookie).toBe('session=user-secret-cookie');
      expect(same?.headers.cookie).toBe('session=user-secret-cookie');
      expect(same?.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 /);
      expect(land?.headers.cookie).toBeUndefined();
      for (const name of SIGV4_HEADERS) expect(land?.headers[name], name).toBeUndefined();
      expect(land?.headers['x-trace']).toBe('42');

      seen.length = 0;
      const bounced = await runBin([...SCOPE_ARGS, ...headers, '-L', `${origin.url}/prod/away`]);
      expect(bounced.code).toBe(0);
      expect(seen.map(({ server, url }) => `${server} ${url}`)).toEqual([
        'origin /prod/away',
        'other /bounce',
        'origin /prod/back',
      ]);
      expect(seen[0]?.headers.cookie).toBe('session=user-secret-cookie');
      expect(seen[1]?.headers.cookie).toBeUndefined();
      expect(seen[2]?.headers.cookie).toBeUndefined();
      expect(seen[2]?.headers.authorization).toBeUndefined();
    } finally {
      await Promise.all([origin.close(), other.close()]);
    }
  });
});
