/**
 * The third-party signer corpus: requests signed by aws4, aws4fetch, @smithy/signature-v4,
 * aws-crt, curl --aws-sigv4, botocore (SigV4Auth, SigV4QueryAuth) and awscrt (header, query), for
 * an API Gateway REST API, an HTTP API and a Lambda function URL. Each valid request must get 200
 * and each tampered one AWS's status, error type and text (test/corpus/expected.ts), through the
 * loopback server and through the msw handler. Tampers whose AWS answer is not known for a front
 * door are left out and counted, never guessed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmulatedService, IamEmulator, RawRequest } from '../src/contract.js';
import { startIamEmulator } from '../src/server.js';
import { sigv4Handler } from '../src/sigv4-handler.js';
import { buildCorpus, FRONT_DOORS, type Kind, type SignedCase } from './corpus/build.js';
import { clockExpected, EXPECTED, type Expected, type Tamper } from './corpus/expected.js';
import { KEY, TEMP } from './helpers.js';
import { amzDate } from './signers.js';
import { type Answer, fetchable, sendMsw, sendRaw } from './wire.js';

const corpus = await buildCorpus();
let now = new Date();
const clock = () => now;
const credentials = [KEY, TEMP];

const servers = new Map<EmulatedService, IamEmulator>();
beforeAll(async () => {
  for (const { door } of FRONT_DOORS) {
    servers.set(door, await startIamEmulator({ emulate: door, credentials, clock }));
  }
});
afterAll(async () => {
  for (const server of servers.values()) await server.close();
});
const handlers = new Map(
  FRONT_DOORS.map(({ door, host }) => [
    door,
    sigv4Handler({ hosts: host, emulate: door, credentials, clock }),
  ]),
);

const MINUTE = 60_000;
const VALID: readonly Kind[] = ['get', 'post', 'path', 'temp', 'presign'];

/** When the request says it was signed (X-Amz-Date, header or query). */
function signedAt(raw: RawRequest): Date {
  const header = raw.headers.find(([n]) => n.toLowerCase() === 'x-amz-date')?.[1];
  const fromQuery = /[?&]X-Amz-Date=(\d{8}T\d{6}Z)/.exec(raw.target)?.[1];
  const text = header ?? fromQuery ?? '';
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (m === null) throw new Error(`no X-Amz-Date in ${raw.target}`);
  const [, y, mo, d, h, mi, s] = m.map(Number) as number[];
  return new Date(Date.UTC(y ?? 0, (mo ?? 1) - 1, d, h, mi, s));
}

const isQuery = (raw: RawRequest) => /[?&]X-Amz-Signature=/.test(raw.target);
const drop = (raw: RawRequest, name: string): RawRequest => ({
  ...raw,
  headers: raw.headers.filter(([n]) => n.toLowerCase() !== name),
});

/** Applies a tamper; the clock offset is for the two clock tampers. */
function tampered(raw: RawRequest, tamper: Tamper): { raw: RawRequest; clockOffset: number } {
  const same = { raw, clockOffset: 0 };
  switch (tamper) {
    case 'body':
      return {
        ...same,
        raw: {
          ...drop(raw, 'content-length'),
          body: new TextEncoder().encode('{"amount":1000000}'),
        },
      };
    case 'path':
      return { ...same, raw: { ...raw, target: raw.target.replace('/items', '/itemz') } };
    case 'query':
      return { ...same, raw: { ...raw, target: raw.target.replace(/([?&])a=1(?=&|$)/, '$1a=2') } };
    case 'signed-header-value':
      return {
        ...same,
        raw: {
          ...raw,
          headers: raw.headers.map(
            ([n, v]) => [n, n.toLowerCase() === 'x-tenant' ? 't2' : v] as const,
          ),
        },
      };
    case 'signature-removed': {
      if (!isQuery(raw)) return { ...same, raw: drop(raw, 'authorization') };
      const [path, q = ''] = raw.target.split('?') as [string, string?];
      const kept = q.split('&').filter((p) => !p.startsWith('X-Amz-'));
      return { ...same, raw: { ...raw, target: kept.length ? `${path}?${kept.join('&')}` : path } };
    }
    case 'expired':
      return { raw, clockOffset: 6 * MINUTE };
    case 'not-yet-current':
      return { raw, clockOffset: -6 * MINUTE };
    case 'signed-header-dropped':
      return { ...same, raw: drop(raw, 'x-tenant') };
    case 'token-dropped':
      return { ...same, raw: drop(raw, 'x-amz-security-token') };
    default:
      return same;
  }
}

/** Which tampers apply to a signed request of a kind. */
function tampersFor(c: SignedCase): Tamper[] {
  switch (c.kind) {
    case 'get':
      return [
        'path',
        'query',
        'signed-header-value',
        'signature-removed',
        'expired',
        'not-yet-current',
        'signed-header-dropped',
      ];
    case 'post':
      return ['body'];
    case 'temp':
      return ['token-dropped'];
    case 'presign':
      return ['path', 'query', 'signature-removed'];
    case 'unknown':
      return ['unknown-key'];
    case 'region':
      return ['wrong-region'];
    case 'service':
      return ['wrong-service'];
    case 'path':
      return [];
  }
}

interface Row {
  readonly name: string;
  readonly door: EmulatedService;
  readonly raw: RawRequest;
  readonly clockOffset: number;
  /** undefined: a valid request (200). */
  readonly expected: Expected | undefined;
  readonly tamper: Tamper | undefined;
  /** When the untampered request was signed (the emulator's clock is set from it). */
  readonly signedAt: Date;
}

const rows: Row[] = [];
const leftOut: string[] = [];
for (const c of corpus.cases) {
  const label = `${c.signer} ${c.door.door} ${c.kind}`;
  const at0 = signedAt(c.raw);
  if (VALID.includes(c.kind)) {
    rows.push({
      signedAt: at0,
      name: `${label}: valid -> 200`,
      door: c.door.door,
      raw: c.raw,
      clockOffset: 0,
      expected: undefined,
      tamper: undefined,
    });
  }
  for (const tamper of tampersFor(c)) {
    const { raw, clockOffset } = tampered(c.raw, tamper);
    const date = at0;
    const at = new Date(date.getTime() + clockOffset);
    const expected =
      tamper === 'expired' || tamper === 'not-yet-current'
        ? clockExpected(
            c.door.door,
            tamper,
            amzDate(date),
            amzDate(new Date(at.getTime() + (tamper === 'expired' ? -5 : 5) * MINUTE)),
            amzDate(at),
          )
        : EXPECTED[tamper][c.door.door];
    if (expected === undefined) {
      leftOut.push(`${label} ${tamper}`);
      continue;
    }
    rows.push({
      signedAt: at0,
      name: `${label}: ${tamper} -> ${expected.status} ${expected.errorType ?? ''}`,
      door: c.door.door,
      raw,
      clockOffset,
      expected,
      tamper,
    });
  }
}

function check(answer: Answer, row: Row, via: string): void {
  const what = `${row.name} (${via})`;
  if (row.expected === undefined) {
    expect(answer.status, `${what}: ${answer.body}`).toBe(200);
    return;
  }
  const e = row.expected;
  expect(answer.status, `${what}: ${answer.body}`).toBe(e.status);
  if (e.errorType !== undefined) expect(answer.errorType, what).toBe(e.errorType);
  const body = JSON.parse(answer.body) as Record<string, string>;
  if (e.body !== undefined) expect(body, what).toEqual(e.body);
  if (e.messageStartsWith !== undefined) {
    expect(body.message?.startsWith(e.messageStartsWith), `${what}: ${body.message}`).toBe(true);
  }
}

describe('third-party signer corpus', () => {
  it('covers the signers, front doors and both outcomes', () => {
    const signers = new Set(corpus.cases.map((c) => c.signer));
    expect([...signers].sort()).toEqual([
      'aws-crt',
      'aws4',
      'aws4fetch',
      'awscrt',
      'awscrt-query',
      'botocore',
      'botocore-query',
      'curl',
      'smithy',
    ]);
    const valid = rows.filter((r) => r.expected === undefined).length;
    console.log(
      `[corpus] ${corpus.cases.length} signed requests (Python signers ${corpus.pythonLive ? 'live' : 'replayed from python-signed.json'}); ${valid} valid and ${rows.length - valid} tampered cases, each through the server and msw; ${leftOut.length} tampered cases left out (AWS's answer not known for that front door)`,
    );
    expect(valid).toBeGreaterThanOrEqual(90);
    expect(rows.length - valid).toBeGreaterThan(200);
  });

  it.each(rows.map((r) => [r.name, r] as const))('%s', async (_name, row) => {
    now = new Date(row.signedAt.getTime() + row.clockOffset);
    const server = servers.get(row.door);
    const handler = handlers.get(row.door);
    if (server === undefined || handler === undefined) throw new Error('no emulator');
    check(await sendRaw(server.port, row.raw), row, 'server');
    if (fetchable(row.raw)) check(await sendMsw(handler, row.raw), row, 'msw');
    else throw new Error(`${row.name}: not sendable by fetch`);
  });
});
