// The Node side of the runtime conformance suite: the loopback servers every runtime talks to.
// - `emulator`: the IAM emulator (@sigv4/msw/server) as an API Gateway REST API, with CORS for the
//   page's origin; `/c/<id>/redirect?status=&location=` answers a verified request with a redirect.
// - `skew`: the same, with a clock one hour ahead (AWS's "Signature expired" refusal).
// - `other`: another origin that records what reaches it (a redirect target).
// - `router`: `/_route/<host>/<path>` forwards the raw request to `emulator` with `Host: <host>`,
//   as an /etc/hosts entry would: AWS hosts (`*.execute-api.*.amazonaws.com`) reach the emulator
//   with the Host they were signed for, from any runtime (fetch cannot set Host).
// - `control`: `/recorded?id=<case>` lists what each server recorded for one case, and serves the
//   Chromium page and its bundle.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const { startIamEmulator } = await import('../../packages/msw/dist/server.js');

export const REGION = 'eu-west-1';
export const SERVICE = 'execute-api';
/** AWS's documented example keys, as session credentials (the token must never leak). */
export const CREDENTIALS = {
  accessKeyId: 'ASIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  sessionToken: 'IQoJb3JpZ2luX2VjEXAMPLE-runtime-suite-session-token==',
};

function listen(server) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${server.address().port}`));
  });
}

function closeServer(server) {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

function pairs(raw) {
  const out = [];
  for (let i = 0; i + 1 < raw.length; i += 2) out.push([raw[i], raw[i + 1]]);
  return out;
}

async function readAll(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** The case id a request-target belongs to: `/c/<id>/...`. */
function caseOf(target) {
  return /^\/c\/([^/?]+)\//.exec(target)?.[1];
}

/** Answers verified requests: a redirect where asked, else a small JSON echo. */
function resolver({ raw }) {
  const url = new URL(raw.target, 'http://emulator.invalid');
  if (url.pathname.endsWith('/redirect')) {
    return {
      status: Number(url.searchParams.get('status') ?? '302'),
      headers: { location: url.searchParams.get('location') ?? '/' },
      body: '',
    };
  }
  return {
    status: 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ok: true, method: raw.method, target: raw.target }),
  };
}

function shown(recorded) {
  const { raw, result } = recorded;
  return {
    method: raw.method,
    host: raw.host,
    target: raw.target,
    headers: raw.headers,
    body: Buffer.from(raw.body).toString('base64'),
    ok: result.ok,
    mode: result.ok ? result.identity.mode : undefined,
    // The first line of AWS's refusal: a REST API appends the canonical request (token included).
    message: result.ok ? undefined : result.refusal.body.split('\\n')[0].slice(0, 200),
  };
}

/**
 * Starts every server. `page` is `{ html, bundle }` for Chromium (served by `control`).
 * @returns {Promise<{ config: object, pageUrl: string, setPage(page): void, close(): Promise<void> }>}
 */
export async function startServers() {
  const control = createServer();
  const controlUrl = await listen(control);
  const common = {
    emulate: 'apigateway-rest',
    region: REGION,
    credentials: [CREDENTIALS],
    cors: { origins: [controlUrl] },
    resolver,
  };
  const emulator = await startIamEmulator(common);
  const skewMs = 60 * 60 * 1000;
  const skew = await startIamEmulator({ ...common, clock: () => new Date(Date.now() + skewMs) });

  const otherRequests = [];
  const other = createServer(async (req, res) => {
    const body = await readAll(req);
    const cors = {
      'access-control-allow-origin': '*',
      'access-control-allow-methods': '*',
      'access-control-allow-headers': req.headers['access-control-request-headers'] ?? '*',
    };
    if (req.method === 'OPTIONS') {
      res.writeHead(204, cors).end();
      return;
    }
    otherRequests.push({
      raw: {
        method: req.method,
        host: req.headers.host ?? '',
        target: req.url ?? '/',
        headers: pairs(req.rawHeaders),
        body,
      },
      result: { ok: true, identity: { mode: undefined } },
    });
    res.writeHead(200, { ...cors, 'content-type': 'text/plain' }).end('other-origin');
  });
  const otherUrl = await listen(other);

  const emulatorPort = new URL(emulator.url).port;
  const router = createServer((req, res) => {
    const match = /^\/_route\/([^/]+)(\/.*)?$/.exec(req.url ?? '');
    if (!match) {
      res.writeHead(404).end('not routed');
      return;
    }
    const headers = pairs(req.rawHeaders).map(([name, value]) =>
      name.toLowerCase() === 'host' ? [name, match[1]] : [name, value],
    );
    const out = request(
      {
        host: '127.0.0.1',
        port: emulatorPort,
        method: req.method,
        path: match[2] ?? '/',
        headers: headers.flat(),
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.rawHeaders);
        answer.pipe(res);
      },
    );
    out.on('error', () => res.writeHead(502).end('router: emulator unreachable'));
    req.pipe(out);
  });
  const routerUrl = await listen(router);

  // A local file a `file:` redirect must never read back.
  const dir = mkdtempSync(join(tmpdir(), 'sigv4-runtimes-'));
  const marker = `SIGV4-LOCAL-FILE-${randomBytes(8).toString('hex')}`;
  const file = join(dir, 'secret.txt');
  writeFileSync(file, `${marker}\n`);

  let page = { html: '<!doctype html><title>sigv4 runtimes</title>', bundle: '' };
  control.on('request', (req, res) => {
    const url = new URL(req.url ?? '/', controlUrl);
    if (url.pathname === '/recorded') {
      const id = url.searchParams.get('id');
      const pick = (list) => list.filter((r) => caseOf(r.raw.target) === id).map(shown);
      const body = JSON.stringify({
        emulator: pick(emulator.requests),
        skew: pick(skew.requests),
        other: pick(otherRequests),
      });
      res
        .writeHead(200, {
          'content-type': 'application/json',
          'access-control-allow-origin': '*',
          'cache-control': 'no-store',
        })
        .end(body);
    } else if (url.pathname === '/bundle.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(page.bundle);
    } else if (url.pathname === '/') {
      res.writeHead(200, { 'content-type': 'text/html' }).end(page.html);
    } else {
      res.writeHead(404).end();
    }
  });

  return {
    config: {
      control: controlUrl,
      emulator: emulator.url,
      skew: skew.url,
      other: otherUrl,
      router: routerUrl,
      fileUrl: pathToFileURL(file).href,
      marker,
      region: REGION,
      service: SERVICE,
      credentials: CREDENTIALS,
    },
    pageUrl: `${controlUrl}/`,
    setPage(next) {
      page = next;
    },
    async close() {
      await Promise.all([
        emulator.close(),
        skew.close(),
        closeServer(other),
        closeServer(router),
        closeServer(control),
      ]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
