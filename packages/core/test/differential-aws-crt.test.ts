import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import * as core from '../src/index.node.js';
import { rng } from './seeded-random.js';

// Differential test: seeded random requests signed by us and by aws-crt, which binds
// aws-c-auth (AWS's own C signer, which passes every conformance vector). They must agree.
const require = createRequire(import.meta.url);
const crt = require('aws-crt') as typeof import('aws-crt');
const { auth, http } = crt;

const PIECES = [
  'a',
  'Z',
  '9',
  '-',
  '_',
  '.',
  '~',
  ' ',
  '+',
  '*',
  '%2F',
  '%20',
  '%2B',
  'é',
  'ሴ',
  '!',
  '$',
  "'",
  '(',
  ')',
  ',',
  ';',
  '=',
  ':',
  '@',
  '&',
  '%',
  '😀',
];
const SEGMENTS = ['', '.', '..', 'prod', 'items'];
const HOSTS = [
  ['abc123.execute-api.us-east-1.amazonaws.com', 'execute-api', 'us-east-1'],
  ['abcdefghijklmnop.lambda-url.eu-west-1.on.aws', 'lambda', 'eu-west-1'],
  ['sqs.ap-southeast-2.amazonaws.com', 'sqs', 'ap-southeast-2'],
] as const;

function randomString(r: ReturnType<typeof rng>, max: number, pieces = PIECES): string {
  let s = '';
  for (let i = 0, n = r.int(max); i < n; i++) s += r.pick(pieces);
  return s;
}

function randomRequest(seed: number) {
  const r = rng(seed);
  const [host, service, region] = r.pick(HOSTS);
  const method = r.pick(['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS']);
  const segments = Array.from({ length: 1 + r.int(5) }, () =>
    r.next() < 0.2 ? r.pick(SEGMENTS) : randomString(r, 6),
  );
  // aws-crt parses the request path as a URI: `x:/` reads as a scheme and a leading `//` as an
  // authority (AWS_ERROR_MALFORMED_INPUT_STRING, or another path), so `:` stays out of paths here.
  const rawPath = `/${segments.join('/')}`.replaceAll(':', '');
  const rawQuery = Array.from({ length: r.int(5) }, () => {
    const name = randomString(
      r,
      5,
      PIECES.filter((p) => p !== '&' && p !== '='),
    );
    return r.next() < 0.15
      ? name
      : `${name}=${randomString(
          r,
          6,
          PIECES.filter((p) => p !== '&'),
        )}`;
  }).join('&');
  // What fetch or Node's http would send: the WHATWG path, and our strict query.
  const url = new URL(`https://${host}${rawPath.replaceAll('?', '%3F').replaceAll('#', '%23')}`);
  const path = url.pathname;
  const query = core.toStrictQuery(rawQuery);
  const headers: [string, string][] = [];
  for (let i = 0, n = r.int(4); i < n; i++) {
    const name = r.pick(['x-custom', 'X-Other', 'content-type', 'x-apigw-api-id', 'accept']);
    const value = `${r.pick(['', ' ', '  '])}${randomString(r, 6, ['a', 'b', ' ', '  ', '/', ';', '=', ','])}x${r.pick(['', ' ', '   '])}`;
    headers.push([name, value]);
  }
  const hasBody = !['GET', 'HEAD'].includes(method) && r.next() < 0.8;
  const body = hasBody
    ? new Uint8Array(Array.from({ length: r.int(3000) }, () => r.int(256)))
    : new Uint8Array();
  const withToken = r.next() < 0.5;
  const credentials = {
    accessKeyId: 'AKIDEXAMPLE',
    secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
    ...(withToken ? { sessionToken: `token/${seed}+example==` } : {}),
  };
  const signingDate = new Date(
    Date.UTC(2026, r.int(12), 1 + r.int(28), r.int(24), r.int(60), r.int(60)),
  );
  const expiresIn = 1 + r.int(604_800);
  return {
    host,
    service,
    region,
    method,
    path,
    query,
    headers,
    body,
    credentials,
    signingDate,
    expiresIn,
  };
}

type Case = ReturnType<typeof randomRequest>;

async function crtSign(c: Case, mode: 'header' | 'query') {
  const provider = c.credentials.sessionToken
    ? auth.AwsCredentialsProvider.newStatic(
        c.credentials.accessKeyId,
        c.credentials.secretAccessKey,
        c.credentials.sessionToken,
      )
    : auth.AwsCredentialsProvider.newStatic(
        c.credentials.accessKeyId,
        c.credentials.secretAccessKey,
      );
  const target = c.query ? `${c.path}?${c.query}` : c.path;
  const headers = mode === 'header' ? [['host', c.host], ...c.headers] : [['host', c.host]];
  // aws-crt's body streams hang under Node, so it gets the body's hash, computed here with node:crypto.
  const bodyHash = createHash('sha256')
    .update(mode === 'header' ? c.body : new Uint8Array())
    .digest('hex');
  const request = new http.HttpRequest(
    c.method,
    target,
    new http.HttpHeaders(headers as [string, string][]),
  );
  const signed = await auth.aws_sign_request(request, {
    algorithm: auth.AwsSigningAlgorithm.SigV4,
    signature_type:
      mode === 'header'
        ? auth.AwsSignatureType.HttpRequestViaHeaders
        : auth.AwsSignatureType.HttpRequestViaQueryParams,
    provider,
    region: c.region,
    service: c.service,
    date: c.signingDate,
    use_double_uri_encode: true,
    should_normalize_uri_path: true,
    signed_body_header:
      mode === 'header'
        ? auth.AwsSignedBodyHeaderType.XAmzContentSha256
        : auth.AwsSignedBodyHeaderType.None,
    signed_body_value: bodyHash,
    ...(mode === 'query' ? { expiration_in_seconds: c.expiresIn } : {}),
  });
  return signed;
}

const SEEDS = Array.from({ length: 250 }, (_, i) => i + 1);

describe('agreement with aws-crt (aws-c-auth) on random requests', () => {
  it.each(SEEDS)('header mode, seed %i', async (seed) => {
    const c = randomRequest(seed);
    const ours = await core.signWireRequest(
      {
        method: c.method,
        host: c.host,
        path: c.path,
        query: c.query,
        headers: c.headers,
        body: c.body,
      },
      {
        credentials: c.credentials,
        service: c.service,
        region: c.region,
        signingDate: c.signingDate,
      },
    );
    const theirs = await crtSign(c, 'header');
    expect(ours.headers.authorization).toBe(theirs.headers.get('Authorization'));
    expect(ours.headers['x-amz-content-sha256']).toBe(theirs.headers.get('x-amz-content-sha256'));
  });

  it.each(SEEDS.slice(0, 100))('query mode (presign), seed %i', async (seed) => {
    const c = randomRequest(seed);
    const ours = await core.presignWireRequest(
      { method: c.method, host: c.host, path: c.path, query: c.query },
      {
        credentials: c.credentials,
        service: c.service,
        region: c.region,
        signingDate: c.signingDate,
        expiresIn: c.expiresIn,
      },
    );
    const theirs = await crtSign(c, 'query');
    const theirUrl = new URL(`https://${c.host}${theirs.path}`);
    expect(new URL(ours.url).searchParams.get('X-Amz-Signature')).toBe(
      theirUrl.searchParams.get('X-Amz-Signature'),
    );
  });
});

/** RFC 3986 encoding written here independently of core: what S3 expects in a path segment. */
const strictSegment = (segment: string): string =>
  encodeURIComponent(segment).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );

/** An S3 object request: bucket host, a key with awkward characters, already strictly encoded. */
function randomS3Request(seed: number) {
  const base = randomRequest(seed);
  const r = rng(seed * 7919);
  const key = Array.from({ length: 1 + r.int(4) }, () =>
    r.next() < 0.2 ? r.pick(['', '.', '..']) : randomString(r, 6),
  );
  return {
    ...base,
    host: 'my.bucket.s3.eu-west-1.amazonaws.com',
    service: 's3',
    region: 'eu-west-1',
    // S3 keys are not normalised: `//`, `.` and `..` are part of the key.
    path: `/${key.map(strictSegment).join('/')}`,
  };
}

async function crtSignS3(c: ReturnType<typeof randomS3Request>, mode: 'header' | 'query') {
  const provider = auth.AwsCredentialsProvider.newStatic(
    c.credentials.accessKeyId,
    c.credentials.secretAccessKey,
    ...(c.credentials.sessionToken ? [c.credentials.sessionToken] : []),
  );
  const target = c.query ? `${c.path}?${c.query}` : c.path;
  const headers = mode === 'header' ? [['host', c.host], ...c.headers] : [['host', c.host]];
  const request = new http.HttpRequest(
    c.method,
    target,
    new http.HttpHeaders(headers as [string, string][]),
  );
  return auth.aws_sign_request(request, {
    algorithm: auth.AwsSigningAlgorithm.SigV4,
    signature_type:
      mode === 'header'
        ? auth.AwsSignatureType.HttpRequestViaHeaders
        : auth.AwsSignatureType.HttpRequestViaQueryParams,
    provider,
    region: c.region,
    service: c.service,
    date: c.signingDate,
    use_double_uri_encode: false,
    should_normalize_uri_path: false,
    signed_body_header:
      mode === 'header'
        ? auth.AwsSignedBodyHeaderType.XAmzContentSha256
        : auth.AwsSignedBodyHeaderType.None,
    signed_body_value:
      mode === 'header' ? createHash('sha256').update(c.body).digest('hex') : 'UNSIGNED-PAYLOAD',
    ...(mode === 'query' ? { expiration_in_seconds: c.expiresIn } : {}),
  });
}

describe('agreement with aws-crt on random S3 requests (S3 rules: encode once, no normalising)', () => {
  it.each(SEEDS.slice(0, 100))('header mode, seed %i', async (seed) => {
    const c = randomS3Request(seed);
    const ours = await core.signWireRequest(
      {
        method: c.method,
        host: c.host,
        path: c.path,
        query: c.query,
        headers: c.headers,
        body: c.body,
      },
      {
        credentials: c.credentials,
        service: c.service,
        region: c.region,
        signingDate: c.signingDate,
      },
    );
    const theirs = await crtSignS3(c, 'header');
    expect(ours.headers.authorization).toBe(theirs.headers.get('Authorization'));
  });

  it.each(SEEDS.slice(0, 50))('query mode (presign, UNSIGNED-PAYLOAD), seed %i', async (seed) => {
    const c = randomS3Request(seed);
    const ours = await core.presignWireRequest(
      { method: c.method, host: c.host, path: c.path, query: c.query },
      {
        credentials: c.credentials,
        service: c.service,
        region: c.region,
        signingDate: c.signingDate,
        expiresIn: c.expiresIn,
      },
    );
    const theirs = await crtSignS3(c, 'query');
    const theirUrl = new URL(`https://${c.host}${theirs.path}`);
    expect(new URL(ours.url).searchParams.get('X-Amz-Signature')).toBe(
      theirUrl.searchParams.get('X-Amz-Signature'),
    );
  });
});
