import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { type AddressInfo, createServer, type Server } from 'node:net';
import { Sha256 } from '@aws-crypto/sha256-js';
import { verifySigV4 } from '@sigv4/msw';
import { SignatureV4 } from '@smithy/signature-v4';
import axios from 'axios';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSigner, presignUrl } from '../src/index.node.js';

// Proof that the signature on the wire is the one @smithy/signature-v4's SignatureV4 produces:
// requests signed by createSigner (sent with fetch and with axios) and URLs from presignUrl go to
// a loopback server; for each request as it arrived there, the test calls smithy's SignatureV4
// itself (same credentials and date, the method, path, query, signed headers and payload hash
// that arrived) and expects the very same signature. Independent verifiers then check that AWS
// would accept it: @sigv4/msw's canonicaliser (non-S3), aws-crt with S3's canonical path (S3).

const credentials = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  sessionToken: 'session/token+example==',
};
const NOW = new Date('2026-11-23T10:00:00Z');
const REGION = 'eu-west-1';

interface Arrival {
  method: string;
  /** The request-target exactly as received. */
  target: string;
  host: string;
  headers: Array<[string, string]>;
  body: Uint8Array;
}

let server: Server;
let origin = '';
const arrivals: Arrival[] = [];

/**
 * Parses one HTTP/1.1 request off the socket (request line, raw header lines, a
 * content-length body). A raw TCP server, because Node's HTTP parser refuses a lower-case
 * method such as `patch`, which fetch sends as it is.
 */
function parseRequest(data: Buffer): { arrival: Arrival; complete: boolean } | undefined {
  const end = data.indexOf('\r\n\r\n');
  if (end === -1) return undefined;
  const [line = '', ...lines] = data.subarray(0, end).toString('latin1').split('\r\n');
  const [method = '', target = ''] = line.split(' ');
  const headers = lines.map((l) => {
    const colon = l.indexOf(':');
    return [l.slice(0, colon), l.slice(colon + 1).trim()] as [string, string];
  });
  const length = Number(headers.find(([n]) => n.toLowerCase() === 'content-length')?.[1] ?? 0);
  const body = data.subarray(end + 4);
  const host = headers.find(([n]) => n.toLowerCase() === 'host')?.[1] ?? '';
  return {
    arrival: { method, target, host, headers, body: new Uint8Array(body.subarray(0, length)) },
    complete: body.length >= length,
  };
}

beforeAll(async () => {
  server = createServer((socket) => {
    let data = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      data = Buffer.concat([data, chunk]);
      const parsed = parseRequest(data);
      if (parsed === undefined || !parsed.complete) return;
      arrivals.push(parsed.arrival);
      socket.end('HTTP/1.1 200 OK\r\ncontent-length: 2\r\nconnection: close\r\n\r\nok');
    });
    socket.on('error', () => socket.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** The one request that arrived while `send` ran. */
async function arrive(send: () => Promise<unknown>): Promise<Arrival> {
  arrivals.length = 0;
  await send();
  expect(arrivals).toHaveLength(1);
  return arrivals[0] as Arrival;
}

const header = (a: Arrival, name: string): string | undefined =>
  a.headers
    .filter(([n]) => n.toLowerCase() === name)
    .map(([, v]) => v)
    .join(',') || undefined;

/** Query parameters as arrived, decoded (the test's own parsing: RFC 3986, no `+` rule). */
function arrivedQuery(target: string, drop: (name: string) => boolean = () => false) {
  const query: Record<string, string | string[]> = {};
  const raw = target.includes('?') ? target.slice(target.indexOf('?') + 1) : '';
  for (const part of raw.split('&').filter(Boolean)) {
    const [name = '', value = ''] = part.split(/=(.*)/s).map(decodeURIComponent);
    if (drop(name)) continue;
    const seen = query[name];
    query[name] = seen === undefined ? value : [...(Array.isArray(seen) ? seen : [seen]), value];
  }
  return query;
}

const pathOf = (target: string) => target.split('?')[0] as string;
const amzDate = (text: string) =>
  new Date(text.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z'));

/** smithy's SignatureV4, called directly on the request as it arrived (header mode). */
async function smithySignatureFor(a: Arrival, service: string): Promise<string> {
  const authorization = header(a, 'authorization') ?? '';
  const signed = /SignedHeaders=([^,]+)/.exec(authorization)?.[1]?.split(';') ?? [];
  const headers: Record<string, string> = {};
  for (const name of signed) headers[name] = header(a, name) ?? '';
  const smithy = new SignatureV4({
    credentials,
    region: REGION,
    service,
    sha256: Sha256,
    uriEscapePath: service !== 's3',
  });
  const request = {
    method: a.method,
    protocol: 'http:',
    hostname: '127.0.0.1',
    path: pathOf(a.target),
    query: arrivedQuery(a.target),
    headers,
  };
  const result = await smithy.sign(request, {
    signingDate: amzDate(header(a, 'x-amz-date') ?? ''),
  });
  return result.headers.authorization ?? 'smithy produced no authorization';
}

/** @sigv4/msw's verifier, written independently of core and smithy, on the arrival. */
function independentlyVerify(a: Arrival, service: string) {
  return verifySigV4(
    { method: a.method, host: a.host, target: a.target, headers: a.headers, body: a.body },
    {
      credentials: [credentials],
      emulate: 'apigateway-rest',
      region: REGION,
      service,
      clock: () => NOW,
    },
  );
}

const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

const CASES = [
  {
    name: 'GET with an awkward query (+, *, é, repeated names, an escaped %)',
    method: 'GET',
    path: '/prod/search',
    query: '?q=Bjarne+Stroustrup&tag=c%2B%2B&tag=a&star=*&name=caf%C3%A9&pct=100%25',
    body: undefined,
  },
  {
    name: 'POST with a JSON body and a path with a space and parentheses',
    method: 'POST',
    path: '/prod/items/my item (1)',
    query: '',
    body: '{"name":"Ada"}',
  },
  {
    name: 'lower-case patch, sent and signed as patch (fetch does not upper-case it)',
    method: 'patch',
    path: '/prod/items/1',
    query: '',
    body: '{"n":2}',
  },
  {
    name: 'lower-case post, sent and signed as POST',
    method: 'post',
    path: '/prod/items',
    query: '?x=1',
    body: 'x',
  },
] as const;

describe('header mode, createSigner + fetch: the signature that arrives is smithy’s', () => {
  it.each(CASES)('$name', async ({ method, path, query, body }) => {
    const signer = createSigner({
      credentials,
      region: REGION,
      service: 'execute-api',
      clock: () => NOW,
    });
    const signed = await signer.sign({
      method,
      url: `${origin}${path}${query}`,
      headers: { 'content-type': 'application/json', 'x-custom': ' two  spaces ' },
      body,
    });
    const a = await arrive(() =>
      fetch(signed.url, {
        method,
        headers: {
          'content-type': 'application/json',
          'x-custom': ' two  spaces ',
          ...signed.headers,
        },
        ...(body === undefined ? {} : { body }),
      }),
    );
    expect(a.method).toBe(method === 'patch' ? 'patch' : method.toUpperCase());
    expect(header(a, 'authorization')).toBe(await smithySignatureFor(a, 'execute-api'));
    expect(header(a, 'x-amz-content-sha256')).toBe(sha256Hex(a.body));
    const verdict = await independentlyVerify(a, 'execute-api');
    expect(verdict.ok).toBe(true);
    // The canonical request reported is the one the independent verifier computed.
    expect(verdict.ok && verdict.identity.canonicalRequest).toBe(signed.canonicalRequest);
  });
});

describe('header mode, createSigner + axios (http adapter): the signature that arrives is smithy’s', () => {
  it.each(CASES)('$name', async ({ method, path, query, body }) => {
    // axios upper-cases every method in its adapters, so a caller signs the method upper-cased.
    const sent = method.toUpperCase();
    const signer = createSigner({
      credentials,
      region: REGION,
      service: 'execute-api',
      clock: () => NOW,
    });
    const signed = await signer.sign({
      method: sent,
      url: `${origin}${path}${query}`,
      headers: { 'content-type': 'application/json' },
      body,
    });
    const a = await arrive(() =>
      axios.request({
        url: signed.url,
        method,
        headers: { 'content-type': 'application/json', ...signed.headers },
        data: body,
        adapter: 'http',
        transformRequest: [(data: unknown) => data],
      }),
    );
    expect(a.method).toBe(sent);
    expect(header(a, 'authorization')).toBe(await smithySignatureFor(a, 'execute-api'));
    expect((await independentlyVerify(a, 'execute-api')).ok).toBe(true);
  });
});

describe('query mode, presignUrl + fetch: the X-Amz-Signature that arrives is smithy’s', () => {
  it.each([
    ['/prod/report', { user: 'Bjarne Stroustrup', tag: ['c++', '*'] }],
    ['/prod/a b/(x)', {}],
  ] as const)('%s', async (path, extra) => {
    const url = await presignUrl(`${origin}${path}?keep=1`, {
      credentials,
      region: REGION,
      service: 'execute-api',
      clock: () => NOW,
      expiresIn: 600,
      query: extra,
    });
    const a = await arrive(() => fetch(url));
    const query = arrivedQuery(a.target);
    const smithy = new SignatureV4({
      credentials,
      region: REGION,
      service: 'execute-api',
      sha256: Sha256,
    });
    const direct = await smithy.presign(
      {
        method: 'GET',
        protocol: 'http:',
        hostname: '127.0.0.1',
        path: pathOf(a.target),
        query: arrivedQuery(a.target, (name) => name.startsWith('X-Amz-')),
        headers: { host: a.host },
      },
      { signingDate: amzDate(String(query['X-Amz-Date'])), expiresIn: 600 },
    );
    expect(query['X-Amz-Signature']).toMatch(/^[0-9a-f]{64}$/);
    expect(query['X-Amz-Signature']).toBe(direct.query?.['X-Amz-Signature']);
    expect((await independentlyVerify(a, 'execute-api')).ok).toBe(true);
  });
});

// aws-crt binds aws-c-auth, AWS's own C signer. Given S3's canonical path (each segment decoded
// and encoded once: what S3 computes from the path it receives), it must sign as we did.
const require = createRequire(import.meta.url);
const crt = require('aws-crt') as typeof import('aws-crt');
const s3Segment = (segment: string) =>
  encodeURIComponent(decodeURIComponent(segment)).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );

describe('S3 rules: a key like "summer (1).jpg" is sent in strict form and verifies', () => {
  it.each([
    ['fetch', 'summer (1).jpg'],
    ['fetch', "it's *big*!.png"],
    ['axios', 'summer (1).jpg'],
  ] as const)('%s, key %s', async (client, key) => {
    const signer = createSigner({ credentials, region: REGION, service: 's3', clock: () => NOW });
    const body = 'image bytes';
    const signed = await signer.sign({ method: 'PUT', url: `${origin}/bucket/${key}`, body });
    const send =
      client === 'fetch'
        ? () => fetch(signed.url, { method: 'PUT', headers: signed.headers, body })
        : () =>
            axios.request({
              url: signed.url,
              method: 'PUT',
              headers: signed.headers,
              data: body,
              adapter: 'http',
            });
    const a = await arrive(send);
    const path = pathOf(a.target);
    expect(path).toBe(`/bucket/${s3Segment(key)}`);
    expect(header(a, 'authorization')).toBe(await smithySignatureFor(a, 's3'));

    const canonicalPath = path
      .split('/')
      .map((s) => (s === '' ? s : s3Segment(s)))
      .join('/');
    const crtSigned = await crt.auth.aws_sign_request(
      new crt.http.HttpRequest('PUT', canonicalPath, new crt.http.HttpHeaders([['host', a.host]])),
      {
        algorithm: crt.auth.AwsSigningAlgorithm.SigV4,
        signature_type: crt.auth.AwsSignatureType.HttpRequestViaHeaders,
        provider: crt.auth.AwsCredentialsProvider.newStatic(
          credentials.accessKeyId,
          credentials.secretAccessKey,
          credentials.sessionToken,
        ),
        region: REGION,
        service: 's3',
        date: NOW,
        use_double_uri_encode: false,
        should_normalize_uri_path: false,
        signed_body_header: crt.auth.AwsSignedBodyHeaderType.XAmzContentSha256,
        signed_body_value: sha256Hex(a.body),
      },
    );
    expect(header(a, 'authorization')).toBe(crtSigned.headers.get('Authorization'));
  });
});
