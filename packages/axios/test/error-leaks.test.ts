// Every axios error path and every SigV4Error code reachable through the interceptor, on both
// axios versions and every Node adapter: what a user would log (message, stack, JSON.stringify,
// util.inspect, console.error) must not hold the secret key, the session token or a signature.
// The signatures looked for are the ones that really went on the wire (read at the servers).
import { Console } from 'node:console';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PassThrough, Readable } from 'node:stream';
import { inspect } from 'node:util';
import type { IamEmulator } from '@sigv4/msw/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { stubNoAwsCredentials } from '../../../test-fixtures/no-aws-credentials.js';
import { AXIOS_VERSIONS, loadAxios, nodeAdapters } from './axios-versions.ts';
import {
  arrivedHeader,
  type CaptureServer,
  SESSION_CREDENTIALS,
  startCaptureServer,
  startEmulator,
} from './helpers.ts';

const WRONG_SECRET = 'not-the-secret-EXAMPLEKEY-but-a-wrong-one';
const SECRETS = [SESSION_CREDENTIALS.secretAccessKey, WRONG_SECRET];
const TOKEN = SESSION_CREDENTIALS.sessionToken;

let emulator: IamEmulator;
let other: CaptureServer;
let hangup: Server;
let hangupUrl = '';
/** Every signature and body hash that reached a server (raw headers). */
const signatures = new Set<string>();
const payloadHashes = new Set<string>();

function noteArrived(headers: Iterable<readonly [string, string]>): void {
  for (const [name, value] of headers) {
    const lower = name.toLowerCase();
    if (lower === 'authorization') {
      const signature = /Signature=([0-9a-f]{64})/.exec(value)?.[1];
      if (signature) signatures.add(signature);
    }
    if (lower === 'x-amz-content-sha256') payloadHashes.add(value);
  }
}

beforeAll(async () => {
  other = await startCaptureServer();
  emulator = await startEmulator(async ({ raw }) => {
    const path = raw.target.split('?')[0] ?? '';
    if (path === '/500') return { status: 500, body: 'boom' };
    if (path.startsWith('/loop')) return { status: 302, headers: { location: `${path}x` } };
    if (path === '/file') return { status: 302, headers: { location: 'file:///etc/passwd' } };
    if (path === '/away') return { status: 302, headers: { location: `${other.url}/x` } };
    if (path === '/302') return { status: 302, headers: { location: '/elsewhere' } };
    if (path === '/big') return { status: 200, body: 'x'.repeat(5_000) };
    if (path === '/badjson')
      return { status: 200, headers: { 'content-type': 'application/json' }, body: '{nope' };
    if (path === '/slow') await new Promise((resolve) => setTimeout(resolve, 1_000));
    return { status: 200, body: 'ok' };
  });
  hangup = createServer((req) => {
    noteArrived(Object.entries(req.headers).map(([k, v]) => [k, String(v)] as const));
    req.socket.destroy();
  });
  await new Promise<void>((resolve) => hangup.listen(0, '127.0.0.1', resolve));
  hangupUrl = `http://127.0.0.1:${(hangup.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await emulator.close();
  await other.close();
  await new Promise((resolve) => hangup.close(resolve));
});

/** Everything a user could print of an error, as one text. */
function printed(error: unknown): string {
  const out = new PassThrough();
  let logged = '';
  out.on('data', (chunk: Buffer) => {
    logged += chunk.toString('utf8');
  });
  new Console({ stdout: out, stderr: out }).error(error);
  const e = error as { message?: unknown; stack?: unknown };
  let json: string;
  try {
    json = JSON.stringify(error);
  } catch (cause) {
    json = `unserialisable: ${String(cause)}`;
  }
  return [
    String(e.message),
    String(e.stack),
    json,
    inspect(error),
    inspect(error, { depth: 8 }),
    logged,
  ].join('\n');
}

/** The secrets, the token or a signature found in `text` (none is the expected answer). */
function leaks(text: string): string[] {
  const found: string[] = [];
  for (const secret of SECRETS) if (text.includes(secret)) found.push('secret key');
  if (text.includes(TOKEN)) found.push('session token');
  for (const signature of signatures) if (text.includes(signature)) found.push('signature');
  if (/Signature=[0-9a-f]{64}/i.test(text)) found.push('Signature=');
  // AWS's signature-mismatch 403 quotes the string to sign it expected: its last line is a hash
  // of the canonical request, not a signature (util.inspect splits the text in lines).
  const rest = text.replace(/aws4_request(\\n|\n)[\s'"+]{0,24}[0-9a-f]{64}/g, '');
  for (const hex of rest.match(/[0-9a-f]{64}/g) ?? []) {
    if (!payloadHashes.has(hex)) found.push(`64-hex ${hex.slice(0, 8)}...`);
  }
  return [...new Set(found)];
}

type Case = [name: string, run: (api: Api, lib: Lib, axios: AxiosModule) => Promise<unknown>];
type Loaded = Awaited<ReturnType<typeof loadAxios>>;
type Api = ReturnType<Loaded['axios']['create']>;
type Lib = Loaded['lib'];
type AxiosModule = Loaded['axios'];

const session = { credentials: SESSION_CREDENTIALS, service: 'execute-api', region: 'us-east-1' };

const CASES: Case[] = [
  [
    '403 from AWS (ERR_BAD_REQUEST)',
    (_a, lib, axios) => {
      const api = axios.create({ baseURL: emulator.url });
      lib.addSigV4Interceptor(api, {
        ...session,
        credentials: { ...SESSION_CREDENTIALS, secretAccessKey: WRONG_SECRET },
      });
      return api.get('/denied?q=1');
    },
  ],
  ['500 (ERR_BAD_RESPONSE)', (api) => api.post('/500', { a: 1 })],
  ['connection refused (ECONNREFUSED)', (api) => api.get('http://127.0.0.1:1/refused')],
  ['socket hang up (ECONNRESET)', (api) => api.put(`${hangupUrl}/hang`, 'body')],
  ['response timeout (ECONNABORTED)', (api) => api.get('/slow', { timeout: 150 })],
  [
    'cancelled in flight (ERR_CANCELED)',
    (api) => {
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 150);
      return api.get('/slow', { signal: controller.signal });
    },
  ],
  ['maxContentLength exceeded', (api) => api.get('/big', { maxContentLength: 100 })],
  [
    'unparsable JSON (ERR_BAD_RESPONSE)',
    (api) =>
      api.get('/badjson', { transitional: { silentJSONParsing: false }, responseType: 'json' }),
  ],
  [
    'too many redirects (ERR_FR_TOO_MANY_REDIRECTS)',
    (api) => api.get('/loop', { maxRedirects: 2 }),
  ],
  ['redirect to file: (ERR_FR_REDIRECTION_FAILURE)', (api) => api.get('/file')],
  ['3xx handed back (maxRedirects: 0)', (api) => api.get('/302', { maxRedirects: 0 })],
  [
    'ERR_SIGV4_REDIRECT_BLOCKED',
    (_a, lib, axios) => {
      const api = axios.create({ baseURL: emulator.url });
      lib.addSigV4Interceptor(api, { ...session, crossOriginRedirect: 'error' });
      return api.get('/away');
    },
  ],
  [
    'ERR_SIGV4_BODY_TOO_LARGE',
    (_a, lib, axios) => {
      const api = axios.create({ baseURL: emulator.url });
      lib.addSigV4Interceptor(api, { ...session, maxBodyBytes: 4 });
      return api.post('/x', 'too long');
    },
  ],
  [
    'ERR_SIGV4_BODY_UNREADABLE',
    (api) => api.post('/x', { a: 1 }, { transformRequest: [(data: unknown) => data] }),
  ],
  [
    'a body stream that fails (axios error)',
    (api) =>
      api.post(
        '/x',
        new Readable({
          read() {
            this.destroy(new Error('disk failure'));
          },
        }),
      ),
  ],
  [
    'ERR_SIGV4_SCOPE_UNRESOLVED',
    (_a, lib, axios) => {
      const api = axios.create({ baseURL: emulator.url });
      lib.addSigV4Interceptor(api, { credentials: SESSION_CREDENTIALS });
      return api.get(`/x?X-Amz-Security-Token=${TOKEN}`);
    },
  ],
  [
    'ERR_SIGV4_CREDENTIALS_INVALID',
    (_a, lib, axios) => {
      const api = axios.create({ baseURL: emulator.url });
      lib.addSigV4Interceptor(api, {
        ...session,
        credentials: { ...SESSION_CREDENTIALS, accessKeyId: '' },
      });
      return api.get('/x');
    },
  ],
  [
    'ERR_SIGV4_CREDENTIALS_EXPIRED',
    (_a, lib, axios) => {
      const api = axios.create({ baseURL: emulator.url });
      const expiration = new Date(Date.now() - 60_000);
      lib.addSigV4Interceptor(api, {
        ...session,
        credentials: { ...SESSION_CREDENTIALS, expiration },
      });
      return api.get('/x');
    },
  ],
  [
    'ERR_SIGV4_CREDENTIALS_PROVIDER_FAILED',
    (_a, lib, axios) => {
      const api = axios.create({ baseURL: emulator.url });
      lib.addSigV4Interceptor(api, {
        ...session,
        credentials: () => Promise.reject(new Error('the provider broke')),
      });
      return api.get('/x');
    },
  ],
  [
    'ERR_SIGV4_CREDENTIALS_MISSING (none given, none in the environment)',
    (_a, lib, axios) => {
      stubNoAwsCredentials(vi.stubEnv);
      const api = axios.create({ baseURL: emulator.url });
      lib.addSigV4Interceptor(api, { service: 'execute-api', region: 'us-east-1' });
      return api.get('/x');
    },
  ],
  [
    'ERR_SIGV4_CREDENTIALS_INVALID (a provider returning nothing)',
    (_a, lib, axios) => {
      const api = axios.create({ baseURL: emulator.url });
      lib.addSigV4Interceptor(api, {
        ...session,
        credentials: (() => Promise.resolve(undefined)) as unknown as typeof SESSION_CREDENTIALS,
      });
      return api.get('/x');
    },
  ],
  [
    'timeout while resolving credentials (ECONNABORTED)',
    (_a, lib, axios) => {
      const api = axios.create({ baseURL: emulator.url });
      lib.addSigV4Interceptor(api, {
        ...session,
        credentials: () => new Promise<never>(() => undefined),
      });
      return api.get('/x', { timeout: 100 });
    },
  ],
  [
    'ERR_SIGV4_INVALID_URL',
    (api) =>
      api.get(
        `${emulator.url.replace('//', '//user:pw@')}/x?X-Amz-Security-Token=${TOKEN}&sig=${'ab'.repeat(32)}`,
      ),
  ],
  [
    'ERR_SIGV4_UNSIGNABLE_REQUEST',
    (api) => api.get('/x', { auth: { username: 'u', password: 'p' } }),
  ],
  [
    'ERR_SIGV4_UNSIGNABLE_REQUEST (a __proto__ query parameter smithy cannot sign)',
    (api) => api.get(`/p?__proto__=1&X-Amz-Security-Token=${TOKEN}`),
  ],
  [
    'ERR_SIGV4_INVALID_OPTION',
    async (_a, lib) => lib.createSigV4Interceptor({ ...session, maxBodyBytes: -1 }),
  ],
];

describe.each(AXIOS_VERSIONS)('$module', (version) => {
  describe.each(nodeAdapters(version))('%s adapter', (adapter) => {
    it.each(CASES)('%s: nothing secret in what can be printed', async (name, run) => {
      const { axios, lib } = await loadAxios(version);
      axios.defaults.adapter = adapter;
      const api = axios.create({ baseURL: emulator.url, adapter });
      lib.addSigV4Interceptor(api, session);
      const before = emulator.requests.length;
      let outcome: unknown;
      try {
        await run(api, lib, axios);
        outcome = new Error('no error');
      } catch (error) {
        outcome = error;
      }
      for (const request of emulator.requests.slice(before)) noteArrived(request.raw.headers);
      for (const request of other.requests)
        noteArrived(Object.entries(request.headers).map(([k, v]) => [k, String(v)] as const));
      expect((outcome as Error).message).not.toBe('no error');
      const code = (outcome as { code?: unknown }).code;
      if (name.startsWith('ERR_SIGV4_')) expect(code).toBe(name.split(' ')[0]);
      expect(leaks(printed(outcome))).toEqual([]);
    });
  });
});

describe.each(AXIOS_VERSIONS)('$module, a successful response', (version) => {
  it.each(nodeAdapters(version))(
    '%s adapter: nothing secret in what can be printed',
    async (adapter) => {
      const { axios, lib } = await loadAxios(version);
      const api = axios.create({ baseURL: emulator.url, adapter });
      lib.addSigV4Interceptor(api, session);
      const before = emulator.requests.length;
      const response = await api.post('/fine', { a: 1 });
      for (const request of emulator.requests.slice(before)) noteArrived(request.raw.headers);
      expect(response.status).toBe(200);
      expect(leaks(printed(response))).toEqual([]);
    },
  );
});

it('the error paths above carried the token on the wire (so the grep above can fail)', () => {
  const arrivedWithToken = emulator.requests.filter(
    (request) => arrivedHeader(request, 'x-amz-security-token')[0] === TOKEN,
  );
  expect(arrivedWithToken.length).toBeGreaterThan(0);
  expect(signatures.size).toBeGreaterThan(0);
});
