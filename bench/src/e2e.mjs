// Scenario 2: end to end on loopback. Sequential requests to a node:http server on 127.0.0.1,
// interleaved in rounds. Each signed client is compared, per round, with the glue a user would
// write on the same client (`glue`: smithy's SignatureV4.sign with node:crypto, then fetch, or an
// axios interceptor made by hand), in wall time and in CPU time (process.cpuUsage over the batch:
// the server runs in the same process, alike for both); those ratios are issue #23's targets.
// signed/unsigned (throughput) is kept as information: the smithy signer alone sets it near 0.7.
// A second baseline per client sends, unsigned, the four SigV4 header names with dummy values of
// the same length as a real signature's: signed / unsigned-with-headers leaves out the cost of
// those ~450 extra bytes on the wire, so it isolates what the signing library itself costs.
import { createServer } from 'node:http';
import { loadavg } from 'node:os';
import { addSigV4Interceptor } from '@sigv4/axios';
import { createSigner } from '@sigv4/core';
import { createSignedFetch } from '@sigv4/fetch';
import { SignatureV4 } from '@smithy/signature-v4';
import { createSignedFetcher } from 'aws-sigv4-fetch';
import { aws4Interceptor } from 'aws4-axios';
import { AwsClient } from 'aws4fetch';
import axios from 'axios';
import { BODY_1K, CREDENTIALS, loadRange, median, nowNs, REGION } from './common.mjs';
import { NodeSha256 } from './signers.mjs';
import { verifySigned } from './verify.mjs';

const gc = /** @type {(() => void) | undefined} */ (globalThis.gc);

const SERVICE = 'execute-api';
const PATH = '/prod/items?limit=10&start=a';
const POST_PATH = '/prod/orders';
const HEADERS = { accept: 'application/json' };
const POST_HEADERS = { 'content-type': 'application/json' };
const REPLY = JSON.stringify({ items: [{ id: 1, name: 'Ada Lovelace' }] });

/** A loopback server that drains each request and answers a small JSON; keeps the last request. */
async function startServer() {
  /** @type {{ method: string, host: string, target: string, headers: [string, string][], body: Uint8Array } | undefined} */
  let last;
  const server = createServer((req, res) => {
    /** @type {Buffer[]} */ const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      /** @type {[string, string][]} */ const headers = [];
      for (let i = 0; i < req.rawHeaders.length; i += 2)
        headers.push([req.rawHeaders[i] ?? '', req.rawHeaders[i + 1] ?? '']);
      last = {
        method: req.method ?? 'GET',
        host: req.headers.host ?? '',
        target: req.url ?? '/',
        headers,
        body: Buffer.concat(chunks),
      };
      res.writeHead(200, { 'content-type': 'application/json' }).end(REPLY);
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    takeLast: () => last,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve(undefined));
      }),
  };
}

/**
 * `HEADERS` plus the four SigV4 headers with dummy values exactly as long as the real ones for
 * this request (a real signature is made once, for the lengths only).
 * @param {string} url
 * @returns {Promise<Record<string, string>>}
 */
export async function headersLikeSigned(url) {
  const signer = createSigner({ credentials: CREDENTIALS, service: SERVICE, region: REGION });
  const signed = await signer.sign({ method: 'GET', url, headers: HEADERS });
  /** @type {Record<string, string>} */ const out = { ...HEADERS };
  for (const [name, value] of Object.entries(signed.headers)) out[name] = '0'.repeat(value.length);
  return out;
}

/**
 * The clients. `baseline` names the unsigned client each signed one is compared with;
 * `headersBaseline` the unsigned client that sends the same extra header bytes.
 * @param {string} base
 * @returns {Promise<{ id: string, name: string, baseline?: string, headersBaseline?: string,
 *   glue?: string, group: 'ours' | 'peer' | 'baseline', send: () => Promise<unknown> }[]>}
 */
async function clients(base) {
  const url = `${base}${PATH}`;
  const padded = await headersLikeSigned(url);
  /** @param {Response} r */
  const drain = async (r) => {
    if (r.status !== 200) throw new Error(`bench: the loopback server answered ${r.status}`);
    return r.text();
  };
  const scope = { service: SERVICE, region: REGION };
  const ours = createSignedFetch({ credentials: CREDENTIALS, ...scope });
  const a4f = new AwsClient({ ...CREDENTIALS, ...scope });
  const asf = createSignedFetcher({ ...scope, credentials: CREDENTIALS });
  const smithy = new SignatureV4({ credentials: CREDENTIALS, ...scope, sha256: NodeSha256 });
  const parsed = new URL(url);
  const postUrl = `${base}${POST_PATH}`;
  const postParsed = new URL(postUrl);
  /** smithy's signature of one request given as parts, the `host` header left off for fetch. */
  const smithySign = async (
    /** @type {string} */ method,
    /** @type {URL} */ u,
    /** @type {Record<string, string>} */ headers,
    /** @type {string | undefined} */ body,
  ) => {
    const signed = await smithy.sign({
      method,
      protocol: u.protocol,
      hostname: u.host,
      path: u.pathname,
      query: Object.fromEntries(u.searchParams),
      headers: { ...headers, host: u.host },
      ...(body === undefined ? {} : { body }),
    });
    const { host, ...rest } = signed.headers;
    return rest;
  };
  // The hand-made axios interceptor: smithy signs the URL, method, headers and body axios holds.
  const smithyAxios = axios.create();
  smithyAxios.interceptors.request.use(async (config) => {
    const u = new URL(/** @type {string} */ (config.url));
    /** @type {Record<string, string>} */ const headers = {};
    for (const [name, value] of Object.entries(config.headers.toJSON()))
      if (typeof value === 'string') headers[name.toLowerCase()] = value;
    const method = (config.method ?? 'get').toUpperCase();
    const body = typeof config.data === 'string' ? config.data : undefined;
    const signed = await smithySign(method, u, headers, body);
    for (const [name, value] of Object.entries(signed)) config.headers.set(name, value);
    return config;
  });
  const plainAxios = axios.create();
  const oursAxios = axios.create();
  addSigV4Interceptor(oursAxios, { credentials: CREDENTIALS, ...scope });
  const a4Axios = axios.create();
  a4Axios.interceptors.request.use(
    aws4Interceptor({ instance: a4Axios, credentials: CREDENTIALS, options: scope }),
  );
  return [
    {
      id: 'fetch',
      name: 'global fetch (unsigned)',
      group: 'baseline',
      send: () => fetch(url, { headers: HEADERS }).then(drain),
    },
    {
      id: 'fetch-headers',
      name: 'global fetch (unsigned, same extra headers)',
      group: 'baseline',
      send: () => fetch(url, { headers: padded }).then(drain),
    },
    {
      id: 'sigv4-fetch',
      name: '@sigv4/fetch createSignedFetch',
      group: 'ours',
      baseline: 'fetch',
      headersBaseline: 'fetch-headers',
      glue: 'smithy-fetch',
      send: () => ours(url, { headers: HEADERS }).then(drain),
    },
    {
      id: 'aws4fetch',
      name: 'aws4fetch AwsClient.fetch',
      group: 'peer',
      baseline: 'fetch',
      headersBaseline: 'fetch-headers',
      send: () => a4f.fetch(url, { headers: HEADERS }).then(drain),
    },
    {
      id: 'aws-sigv4-fetch',
      name: 'aws-sigv4-fetch createSignedFetcher',
      group: 'peer',
      baseline: 'fetch',
      headersBaseline: 'fetch-headers',
      send: () => asf(url, { headers: HEADERS }).then(drain),
    },
    {
      id: 'smithy-fetch',
      name: 'smithy glue: SignatureV4.sign (node:crypto) + fetch',
      group: 'peer',
      baseline: 'fetch',
      headersBaseline: 'fetch-headers',
      async send() {
        const headers = await smithySign('GET', parsed, HEADERS, undefined);
        return fetch(url, { headers }).then(drain);
      },
    },
    {
      id: 'fetch-post',
      name: 'global fetch, 1 KB JSON POST (unsigned)',
      group: 'baseline',
      send: () =>
        fetch(postUrl, { method: 'POST', headers: POST_HEADERS, body: BODY_1K }).then(drain),
    },
    {
      id: 'sigv4-fetch-post',
      name: '@sigv4/fetch createSignedFetch, 1 KB JSON POST',
      group: 'ours',
      baseline: 'fetch-post',
      glue: 'smithy-fetch-post',
      send: () =>
        ours(postUrl, { method: 'POST', headers: POST_HEADERS, body: BODY_1K }).then(drain),
    },
    {
      id: 'smithy-fetch-post',
      name: 'smithy glue + fetch, 1 KB JSON POST',
      group: 'peer',
      baseline: 'fetch-post',
      async send() {
        const headers = await smithySign('POST', postParsed, POST_HEADERS, BODY_1K);
        return fetch(postUrl, { method: 'POST', headers, body: BODY_1K }).then(drain);
      },
    },
    {
      id: 'axios',
      name: 'axios (unsigned)',
      group: 'baseline',
      send: () => plainAxios.get(url, { headers: HEADERS }),
    },
    {
      id: 'axios-headers',
      name: 'axios (unsigned, same extra headers)',
      group: 'baseline',
      send: () => plainAxios.get(url, { headers: padded }),
    },
    {
      id: 'sigv4-axios',
      name: '@sigv4/axios interceptor',
      group: 'ours',
      baseline: 'axios',
      headersBaseline: 'axios-headers',
      glue: 'smithy-axios',
      send: () => oursAxios.get(url, { headers: HEADERS }),
    },
    {
      id: 'smithy-axios',
      name: 'axios + a hand-made smithy interceptor',
      group: 'peer',
      baseline: 'axios',
      headersBaseline: 'axios-headers',
      send: () => smithyAxios.get(url, { headers: HEADERS }),
    },
    {
      id: 'aws4-axios',
      name: 'aws4-axios interceptor',
      group: 'peer',
      baseline: 'axios',
      headersBaseline: 'axios-headers',
      send: () => a4Axios.get(url, { headers: HEADERS }),
    },
  ];
}

/**
 * @param {{ warmup: number, rounds: number, batch: number }} budget
 * @param {(line: string) => void} log
 * @param {string[]} [only] run only these clients (a target pair, in a process of its own)
 */
export async function runE2e(budget, log, only) {
  const server = await startServer();
  try {
    const all = await clients(server.url);
    // A pair: the clients asked for and the glue each is compared with.
    const wanted = new Set(only ?? all.map((c) => c.id));
    for (const c of all) if (wanted.has(c.id) && c.glue !== undefined) wanted.add(c.glue);
    const list = all.filter((c) => wanted.has(c.id));
    /** @type {Map<string, { ok: boolean, note: string }>} */ const validity = new Map();
    for (const c of list) {
      await c.send();
      const raw = server.takeLast();
      if (c.baseline !== undefined && raw !== undefined) {
        validity.set(
          c.id,
          await verifySigned({
            ...raw,
            headers: Object.fromEntries(raw.headers),
            service: SERVICE,
            emulate: 'apigateway-rest',
          }),
        );
      }
      for (let i = 0; i < budget.warmup; i++) await c.send();
    }
    /** @type {Map<string, number[]>} */ const perReq = new Map(list.map((c) => [c.id, []]));
    /** @type {Map<string, number[]>} */ const ratios = new Map(list.map((c) => [c.id, []]));
    /** @type {Map<string, number[]>} */ const padRatios = new Map(list.map((c) => [c.id, []]));
    /** @type {Map<string, number[]>} */ const cpuPerReq = new Map(list.map((c) => [c.id, []]));
    /** @type {Map<string, number[]>} */ const glueWall = new Map(list.map((c) => [c.id, []]));
    /** @type {Map<string, number[]>} */ const glueCpu = new Map(list.map((c) => [c.id, []]));
    const load = [loadavg()[0]];
    // One forced GC before the rounds, none between batches: a full GC throws away optimised
    // code (V8's weak-object deopts), so a forced GC before each batch or round charges every
    // client a re-optimisation a server never pays between two requests, and charges it by the
    // amount of code (measured: our stub GET 1.3-1.4x the glue with one a round, 1.07x without).
    gc?.();
    for (let round = 0; round < budget.rounds; round++) {
      /** @type {Map<string, number>} */ const times = new Map();
      /** @type {Map<string, number>} */ const cpu = new Map();
      for (let k = 0; k < list.length; k++) {
        const c = list[(round + k) % list.length];
        const cpuStart = process.cpuUsage();
        const start = nowNs();
        for (let i = 0; i < budget.batch; i++) await c.send();
        times.set(c.id, (nowNs() - start) / budget.batch / 1000);
        const used = process.cpuUsage(cpuStart);
        cpu.set(c.id, (used.user + used.system) / budget.batch);
      }
      load.push(loadavg()[0]);
      for (const c of list) {
        cpuPerReq.get(c.id)?.push(cpu.get(c.id) ?? Number.NaN);
        if (c.glue !== undefined) {
          glueWall
            .get(c.id)
            ?.push((times.get(c.id) ?? Number.NaN) / (times.get(c.glue) ?? Number.NaN));
          glueCpu.get(c.id)?.push((cpu.get(c.id) ?? Number.NaN) / (cpu.get(c.glue) ?? Number.NaN));
        }
        const us = times.get(c.id) ?? Number.NaN;
        perReq.get(c.id)?.push(us);
        const base = c.baseline === undefined ? us : (times.get(c.baseline) ?? Number.NaN);
        ratios.get(c.id)?.push(base / us);
        const padded = c.headersBaseline === undefined ? us : times.get(c.headersBaseline);
        padRatios.get(c.id)?.push((padded ?? Number.NaN) / us);
      }
    }
    log(`e2e: ${budget.rounds} rounds x ${budget.batch} sequential requests per client`);
    const clientsOut = list.map((c) => ({
      id: c.id,
      name: c.name,
      group: c.group,
      baseline: c.baseline,
      headersBaseline: c.headersBaseline,
      perRequestUs: median(perReq.get(c.id) ?? []),
      signedOverUnsigned: median(ratios.get(c.id) ?? []),
      signedOverUnsignedWithHeaders: median(padRatios.get(c.id) ?? []),
      cpuPerRequestUs: median(cpuPerReq.get(c.id) ?? []),
      glue: c.glue,
      wallVsGlue: median(glueWall.get(c.id) ?? []),
      cpuVsGlue: median(glueCpu.get(c.id) ?? []),
      validity: validity.get(c.id),
    }));
    return Object.assign(clientsOut, { load: loadRange(load) });
  } finally {
    await server.close();
  }
}
