// A loop of signed requests through one client against a loopback server, to profile:
//   node --cpu-prof --cpu-prof-dir=/tmp/prof src/profile-e2e.mjs sigv4-fetch 3000
//   node src/profile-e2e.mjs --summary /tmp/prof/<file>.cpuprofile
//   node src/profile-e2e.mjs --diff a.cpuprofile 3000 b.cpuprofile 3000
// Clients: sigv4-fetch, sigv4-axios, fetch, axios (the last two unsigned, for comparison), and
// smithy-fetch (the glue: SignatureV4.sign with node:crypto, then fetch); sigv4-fetch-post,
// smithy-fetch-post and fetch-post send e2e.mjs's 1 KB JSON POST instead.
// --diff prints self time per request by function in two profiles (of `count` requests each),
// largest differences first: where one client spends more than the other.
// The summary prints self time by function and by file, so the share of our own code stands out.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const args = process.argv.slice(2);
if (args[0] === '--summary') summarise(args[1] ?? '');
else if (args[0] === '--diff') diff(args.slice(1));
else await loop(args[0] ?? 'sigv4-fetch', Number(args[1] ?? 3000));

/** @param {string} id @param {number} count */
async function loop(id, count) {
  const { addSigV4Interceptor } = await import('@sigv4/axios');
  const { createSignedFetch } = await import('@sigv4/fetch');
  const { default: axios } = await import('axios');
  const { BODY_1K, CREDENTIALS, REGION } = await import('./common.mjs');
  const { SignatureV4 } = await import('@smithy/signature-v4');
  const { NodeSha256, smithyGlue } = await import('./signers.mjs');
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{"a":1}'));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/prod/items?limit=10&start=a`;
  const scope = { credentials: CREDENTIALS, service: 'execute-api', region: REGION };
  const headers = { accept: 'application/json' };
  const signedFetch = createSignedFetch(scope);
  const smithy = new SignatureV4({ ...scope, sha256: NodeSha256 });
  const postUrl = url.replace(/\/prod\/.*$/, '/prod/orders');
  const post = { method: 'POST', headers: { 'content-type': 'application/json' }, body: BODY_1K };
  const signedAxios = axios.create();
  addSigV4Interceptor(signedAxios, scope);
  /** @param {string} target @param {RequestInit} init */
  const glue = (target, init) => smithyGlue(smithy, target, init, fetch).then((r) => r.text());
  /** @type {Record<string, () => Promise<unknown>>} */
  const sends = {
    'sigv4-fetch': () => signedFetch(url, { headers }).then((r) => r.text()),
    fetch: () => fetch(url, { headers }).then((r) => r.text()),
    'smithy-fetch': () => glue(url, { headers }),
    'sigv4-fetch-post': () => signedFetch(postUrl, post).then((r) => r.text()),
    'fetch-post': () => fetch(postUrl, post).then((r) => r.text()),
    'smithy-fetch-post': () => glue(postUrl, post),
    'sigv4-axios': () => signedAxios.get(url, { headers }),
    axios: () => axios.get(url, { headers }),
  };
  const send = sends[id];
  if (!send) throw new Error(`profile-e2e: unknown client ${id}; one of ${Object.keys(sends)}`);
  const start = performance.now();
  for (let i = 0; i < count; i++) await send();
  const ms = performance.now() - start;
  process.stderr.write(`${id}: ${count} requests, ${((ms * 1000) / count).toFixed(1)} us each\n`);
  server.closeAllConnections();
  server.close();
}

/** @param {string} file */
function summarise(file) {
  /** @type {{ nodes: { id: number, callFrame: { functionName: string, url: string, lineNumber: number } }[], samples: number[] }} */
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  /** @type {Map<string, number>} */ const fns = new Map();
  /** @type {Map<string, number>} */ const files = new Map();
  for (const id of profile.samples) {
    const frame = byId.get(id)?.callFrame;
    if (!frame) continue;
    const where = frame.url
      .replace(/^.*\/node_modules\//, '')
      .replace(/^file:\/\/\/work\/main\//, '');
    const fn = `${frame.functionName || '(anonymous)'} ${where}:${frame.lineNumber + 1}`;
    fns.set(fn, (fns.get(fn) ?? 0) + 1);
    const group = where === '' ? frame.functionName : where.replace(/\/dist\/.*$/, '/dist');
    files.set(group, (files.get(group) ?? 0) + 1);
  }
  // Inclusive: each sample goes to the nearest caller that is ours (@sigv4 dist) or the
  // transport (undici, node:http, axios), walking up from the leaf; GC and idle stay apart.
  /** @type {Map<number, number>} */ const parent = new Map();
  for (const n of /** @type {any[]} */ (profile.nodes))
    for (const child of n.children ?? []) parent.set(child, n.id);
  /** @type {Map<string, number>} */ const owners = new Map();
  for (const id of profile.samples) {
    let owner = 'other (GC, idle, microtasks, timers, the loop)';
    for (let at = /** @type {number | undefined} */ (id); at !== undefined; at = parent.get(at)) {
      const url = byId.get(at)?.callFrame.url ?? '';
      const ours = /packages\/(core|fetch|axios)\/dist/.exec(url);
      if (ours) {
        owner = `ours: @sigv4/${ours[1]}`;
        break;
      }
      if (/undici|node:_http|node:net|\/axios\/|bench\/src/.test(url)) {
        owner = `transport: ${/undici/.test(url) ? 'undici (fetch)' : /\/axios\//.test(url) ? 'axios' : /bench/.test(url) ? 'bench loop' : 'node:http/net'}`;
        break;
      }
    }
    owners.set(owner, (owners.get(owner) ?? 0) + 1);
  }
  const total = profile.samples.length;
  const top = (/** @type {Map<string, number>} */ m, n) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, v]) => `${((100 * v) / total).toFixed(1).padStart(5)}%  ${k}`)
      .join('\n');
  process.stdout.write(
    `${total} samples\n\nby owner (inclusive):\n${top(owners, 10)}\n\nby file:\n${top(files, 25)}\n\nby function:\n${top(fns, 40)}\n`,
  );
}

/** Self time (us) per request by function. @param {string} file @param {number} count */
function selfPerRequest(file, count) {
  /** @type {{ nodes: { id: number, callFrame: { functionName: string, url: string, lineNumber: number } }[], samples: number[], timeDeltas: number[] }} */
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  /** @type {Map<string, number>} */ const out = new Map();
  profile.samples.forEach((id, i) => {
    const frame = byId.get(id)?.callFrame;
    if (!frame) return;
    const where = frame.url
      .replace(/^.*\/node_modules\//, '')
      .replace(/^file:\/\/\/.*?\/packages\//, '');
    const fn = `${frame.functionName || '(anonymous)'} ${where}:${frame.lineNumber + 1}`;
    out.set(fn, (out.get(fn) ?? 0) + (profile.timeDeltas[i] ?? 0) / count);
  });
  return out;
}

/** @param {string[]} args */
function diff(args) {
  const [fileA = '', countA = '1', fileB = '', countB = '1'] = args;
  const a = selfPerRequest(fileA, Number(countA));
  const b = selfPerRequest(fileB, Number(countB));
  const sum = (/** @type {Map<string, number>} */ m) => [...m.values()].reduce((x, y) => x + y, 0);
  const rows = [...new Set([...a.keys(), ...b.keys()])]
    .map((fn) => [fn, (a.get(fn) ?? 0) - (b.get(fn) ?? 0)])
    .sort((x, y) => Math.abs(Number(y[1])) - Math.abs(Number(x[1])))
    .slice(0, 40);
  process.stdout.write(
    `per request: ${sum(a).toFixed(1)} us (first) vs ${sum(b).toFixed(1)} us (second) of samples\n${rows
      .map(([fn, d]) => `${Number(d) >= 0 ? '+' : ''}${Number(d).toFixed(2).padStart(7)} us  ${fn}`)
      .join('\n')}\n`,
  );
}
