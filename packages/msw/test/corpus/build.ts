/**
 * Builds the third-party signer corpus: the same requests signed by every signer we did not
 * write, for each front door. The Node signers and curl run live on every test run; the Python
 * signers (Debian's python3-botocore and python3-awscrt) run live when `/usr/bin/python3` has
 * them, else their requests are replayed from python-signed.json, recorded by the same script.
 */
import { execFile, execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { EmulatedService, RawRequest } from '../../src/contract.js';
import { KEY, TEMP, UNKNOWN } from '../helpers.js';
import { type Creds, rfc3986, type SignerName, sign } from '../signers.js';

/** The date every signer that takes one signs with (curl signs with the current time). */
export const SIGNED_AT = new Date('2026-11-29T23:12:51Z');

export interface FrontDoor {
  readonly door: EmulatedService;
  readonly host: string;
  readonly service: string;
  readonly prefix: string;
}

export const FRONT_DOORS: readonly FrontDoor[] = [
  {
    door: 'apigateway-rest',
    host: 'restapi123.execute-api.us-east-1.amazonaws.com',
    service: 'execute-api',
    prefix: '/prod',
  },
  {
    door: 'apigateway-http',
    host: 'httpapi456.execute-api.us-east-1.amazonaws.com',
    service: 'execute-api',
    prefix: '',
  },
  {
    door: 'lambda-url',
    host: 'abcdefghijklmnopqrstuvwxyz012345.lambda-url.us-east-1.on.aws',
    service: 'lambda',
    prefix: '',
  },
];

/**
 * What is signed. `get`, `post`, `path`, `temp` and `presign` are valid requests; `unknown`,
 * `region` and `service` are signed wrongly on purpose (unknown key, other region, other service).
 */
export type Kind = 'get' | 'post' | 'path' | 'temp' | 'presign' | 'unknown' | 'region' | 'service';

export type CorpusSigner =
  | SignerName
  | 'curl'
  | 'botocore'
  | 'botocore-query'
  | 'awscrt'
  | 'awscrt-query';

export interface SignedCase {
  readonly signer: CorpusSigner;
  readonly door: FrontDoor;
  readonly kind: Kind;
  readonly raw: RawRequest;
}

interface Spec {
  readonly method: string;
  readonly path: string;
  /** Decoded name/value pairs. */
  readonly params: ReadonlyArray<readonly [string, string]>;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly creds: Creds;
  readonly region: string;
  readonly service: string;
  readonly presign: boolean;
}

function spec(kind: Kind, door: FrontDoor): Spec {
  const base: Spec = {
    method: 'GET',
    path: `${door.prefix}/items`,
    params: [
      ['a', '1'],
      ['b', 'x y'],
    ],
    headers: { 'x-tenant': 't1' },
    creds: KEY,
    region: 'us-east-1',
    service: door.service,
    presign: false,
  };
  switch (kind) {
    case 'get':
      return base;
    case 'post':
      return {
        ...base,
        method: 'POST',
        params: [],
        headers: { 'content-type': 'application/json', 'x-tenant': 't1' },
        body: '{"amount":1}',
      };
    case 'path':
      return { ...base, path: `${door.prefix}/a%20b/%C3%A9`, params: [], headers: {} };
    case 'temp':
      return { ...base, creds: TEMP };
    case 'presign':
      return { ...base, params: [['a', '1']], headers: {}, presign: true };
    case 'unknown':
      return { ...base, creds: UNKNOWN };
    case 'region':
      return { ...base, region: 'eu-west-1' };
    case 'service':
      return { ...base, service: door.service === 'lambda' ? 'execute-api' : 'lambda' };
  }
}

const HEADER_KINDS: readonly Kind[] = [
  'get',
  'post',
  'path',
  'temp',
  'unknown',
  'region',
  'service',
];

/** Which kinds each signer makes. curl and the header-mode Python signers do not presign. */
export const KINDS: Record<CorpusSigner, readonly Kind[]> = {
  aws4: [...HEADER_KINDS, 'presign'],
  aws4fetch: [...HEADER_KINDS, 'presign'],
  smithy: [...HEADER_KINDS, 'presign'],
  'aws-crt': [...HEADER_KINDS, 'presign'],
  // curl 7.88 encodes the path once where AWS (non-S3) encodes it twice, so its `path` request
  // would be refused by AWS too: not a valid request, left out.
  curl: HEADER_KINDS.filter((k) => k !== 'path'),
  botocore: HEADER_KINDS,
  'botocore-query': ['presign'],
  awscrt: HEADER_KINDS,
  'awscrt-query': ['presign'],
};

const query = (params: Spec['params']): string =>
  params.map(([n, v]) => `${rfc3986(n)}=${rfc3986(v)}`).join('&');

async function signNode(signer: SignerName, door: FrontDoor, kind: Kind): Promise<SignedCase> {
  const s = spec(kind, door);
  const raw = await sign(signer, {
    method: s.method,
    host: door.host,
    path: s.path,
    query: query(s.params),
    headers: s.headers,
    ...(s.body === undefined ? {} : { body: s.body }),
    service: s.service,
    region: s.region,
    creds: s.creds,
    presign: s.presign,
    expiresIn: 300,
    date: SIGNED_AT,
  });
  return { signer, door, kind, raw };
}

/** Runs curl --aws-sigv4 against a loopback capture server and returns what arrived. */
async function signCurl(door: FrontDoor, kinds: readonly Kind[]): Promise<SignedCase[]> {
  const captured: RawRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const headers: Array<readonly [string, string]> = [];
      for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
        headers.push([req.rawHeaders[i] ?? '', req.rawHeaders[i + 1] ?? '']);
      }
      captured.push({
        method: req.method ?? 'GET',
        host: req.headers.host ?? '',
        target: req.url ?? '/',
        headers,
        body: new Uint8Array(Buffer.concat(chunks)),
      });
      res.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const out: SignedCase[] = [];
  try {
    for (const kind of kinds) {
      const s = spec(kind, door);
      const q = query(s.params);
      const url = `http://${door.host}:${port}${s.path}${q === '' ? '' : `?${q}`}`;
      const args = [
        '-sS',
        '--max-time',
        '10',
        '--resolve',
        `${door.host}:${port}:127.0.0.1`,
        '--aws-sigv4',
        `aws:amz:${s.region}:${s.service}`,
        '--user',
        `${s.creds.accessKeyId}:${s.creds.secretAccessKey}`,
        '-X',
        s.method,
        ...Object.entries(s.headers).flatMap(([n, v]) => ['-H', `${n}: ${v}`]),
        ...(s.creds.sessionToken === undefined
          ? []
          : ['-H', `x-amz-security-token: ${s.creds.sessionToken}`]),
        ...(s.body === undefined ? [] : ['--data-binary', s.body]),
        url,
      ];
      const before = captured.length;
      await new Promise<void>((resolve, reject) =>
        execFile('curl', args, { timeout: 15_000 }, (error) => (error ? reject(error) : resolve())),
      );
      const raw = captured[before];
      if (raw === undefined) throw new Error(`curl sent nothing for ${kind}`);
      out.push({ signer: 'curl', door, kind, raw });
    }
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
  return out;
}

const PYTHON = process.env.SIGV4_PYTHON ?? '/usr/bin/python3';
const SCRIPT = fileURLToPath(new URL('./python-signers.py', import.meta.url));
const RECORDED = fileURLToPath(new URL('./python-signed.json', import.meta.url));
const PYTHON_SIGNERS = ['botocore', 'botocore-query', 'awscrt', 'awscrt-query'] as const;

function pythonAvailable(): boolean {
  try {
    execFileSync(PYTHON, ['-c', 'import botocore.auth, awscrt.auth'], {
      stdio: 'ignore',
      timeout: 15_000,
    });
    return true;
  } catch {
    return false;
  }
}

interface PythonOut {
  readonly id: string;
  readonly raw: {
    method: string;
    host: string;
    target: string;
    headers: Array<[string, string]>;
    body: string;
  };
}

/** The Python signers' requests: live when possible, else the recorded file. */
function signPython(): { cases: SignedCase[]; live: boolean } {
  const input = {
    date: SIGNED_AT.toISOString(),
    cases: FRONT_DOORS.flatMap((door) =>
      PYTHON_SIGNERS.flatMap((signer) =>
        KINDS[signer].map((kind) => {
          const s = spec(kind, door);
          return {
            id: `${signer}|${door.door}|${kind}`,
            signer,
            method: s.method,
            host: door.host,
            path: s.path,
            params: s.params,
            headers: s.headers,
            body: s.body ?? '',
            service: s.service,
            region: s.region,
            creds: s.creds,
            expires: 300,
          };
        }),
      ),
    ),
  };
  const live = pythonAvailable();
  const text = live
    ? execFileSync(PYTHON, [SCRIPT], { input: JSON.stringify(input), timeout: 60_000 }).toString()
    : readFileSync(RECORDED, 'utf8');
  if (live && process.env.SIGV4_RECORD_PYTHON === '1') writeFileSync(RECORDED, text);
  const out = JSON.parse(text) as PythonOut[];
  const cases = out.map(({ id, raw }) => {
    const [signer, doorName, kind] = id.split('|') as [CorpusSigner, EmulatedService, Kind];
    const door = FRONT_DOORS.find((d) => d.door === doorName);
    if (door === undefined) throw new Error(`unknown front door in ${id}`);
    return {
      signer,
      door,
      kind,
      raw: { ...raw, body: new TextEncoder().encode(raw.body) },
    };
  });
  return { cases, live };
}

/** Every signed request of the corpus. */
export async function buildCorpus(): Promise<{ cases: SignedCase[]; pythonLive: boolean }> {
  const cases: SignedCase[] = [];
  for (const door of FRONT_DOORS) {
    for (const signer of ['aws4', 'aws4fetch', 'smithy', 'aws-crt'] as const) {
      for (const kind of KINDS[signer]) cases.push(await signNode(signer, door, kind));
    }
    cases.push(...(await signCurl(door, KINDS.curl)));
  }
  const python = signPython();
  cases.push(...python.cases);
  return { cases, pythonLive: python.live };
}
