/**
 * Signers we did not write, each turned into the request it puts on the wire (`RawRequest`):
 * aws4 (mhart), aws4fetch (mhart), @smithy/signature-v4 used directly, and aws-crt (aws-c-auth,
 * AWS's C signer). They run in-process, so the requests are made fresh on every run.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import aws4 from 'aws4';
import { AwsClient } from 'aws4fetch';
import type { RawRequest } from '../src/contract.js';

const require = createRequire(import.meta.url);
const crt = require('aws-crt') as typeof import('aws-crt');

export interface Creds {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

/** What to sign: the wire form of path and query (as a client would send them). */
export interface SignInput {
  readonly method: string;
  readonly host: string;
  /** Path as sent, e.g. `/prod/items`. */
  readonly path: string;
  /** Query as sent, without `?`, in RFC 3986 form (`%20`, never `+`), or ''. */
  readonly query: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly service: string;
  readonly region: string;
  readonly creds: Creds;
  /** Presign (query-string SigV4) instead of an Authorization header. */
  readonly presign?: boolean;
  /** Presigned URLs: X-Amz-Expires, when the signer takes one. */
  readonly expiresIn?: number;
  readonly date: Date;
}

export type SignerName = 'aws4' | 'aws4fetch' | 'smithy' | 'aws-crt';

const encoder = new TextEncoder();
const bytes = (body: string | undefined): Uint8Array => encoder.encode(body ?? '');
const target = (path: string, query: string): string => (query === '' ? path : `${path}?${query}`);

function queryObject(query: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  if (query === '') return out;
  for (const part of query.split('&')) {
    const eq = part.indexOf('=');
    const name = decodeURIComponent(eq === -1 ? part : part.slice(0, eq));
    const value = decodeURIComponent(eq === -1 ? '' : part.slice(eq + 1));
    const previous = out[name];
    if (previous === undefined) out[name] = value;
    else out[name] = Array.isArray(previous) ? [...previous, value] : [previous, value];
  }
  return out;
}

function signAws4(input: SignInput): RawRequest {
  // aws4 takes the date from X-Amz-Date when it is already there (query or header).
  const query = input.presign
    ? [input.query, `X-Amz-Date=${amzDate(input.date)}`].filter((q) => q !== '').join('&')
    : input.query;
  const signed = aws4.sign(
    {
      host: input.host,
      path: target(input.path, query),
      method: input.method,
      service: input.service,
      region: input.region,
      signQuery: input.presign === true,
      headers: {
        ...input.headers,
        ...(input.presign ? {} : { 'X-Amz-Date': amzDate(input.date) }),
      },
      ...(input.presign ? {} : input.body === undefined ? {} : { body: input.body }),
    },
    input.creds,
  );
  const headers: Array<[string, string]> = [];
  for (const [name, value] of Object.entries(signed.headers ?? {})) {
    headers.push([name, String(value)]);
  }
  if (!headers.some(([name]) => name.toLowerCase() === 'host')) headers.push(['Host', input.host]);
  return {
    method: input.method,
    host: input.host,
    target: signed.path ?? '/',
    headers,
    body: bytes(input.body),
  };
}

async function signAws4fetch(input: SignInput): Promise<RawRequest> {
  const client = new AwsClient({ ...input.creds, service: input.service, region: input.region });
  const url = `https://${input.host}${target(input.path, input.query)}`;
  const signed = await client.sign(url, {
    method: input.method,
    headers: { ...input.headers },
    ...(input.body === undefined ? {} : { body: input.body }),
    // aws4fetch adds no X-Amz-Expires outside S3.
    aws: { signQuery: input.presign === true, datetime: amzDate(input.date) },
  });
  const u = new URL(signed.url);
  const headers: Array<[string, string]> = [['Host', input.host]];
  for (const [name, value] of signed.headers) headers.push([name, value]);
  return {
    method: input.method,
    host: input.host,
    target: `${u.pathname}${u.search}`,
    headers,
    body: bytes(input.body),
  };
}

async function signSmithy(input: SignInput): Promise<RawRequest> {
  const signer = new SignatureV4({
    credentials: input.creds,
    region: input.region,
    service: input.service,
    sha256: Sha256,
  });
  const request = {
    method: input.method,
    protocol: 'https:',
    hostname: input.host,
    path: input.path,
    query: queryObject(input.query),
    headers: { host: input.host, ...input.headers },
    ...(input.body === undefined ? {} : { body: input.body }),
  };
  if (input.presign) {
    const signed = await signer.presign(request, {
      signingDate: input.date,
      expiresIn: input.expiresIn ?? 300,
    });
    const query = Object.entries(signed.query ?? {})
      .flatMap(([name, value]) =>
        (Array.isArray(value) ? value : [value]).map(
          (v) => `${rfc3986(name)}=${rfc3986(String(v))}`,
        ),
      )
      .join('&');
    return {
      method: input.method,
      host: input.host,
      target: target(input.path, query),
      headers: Object.entries(signed.headers).map(([n, v]) => [n, String(v)] as const),
      body: bytes(input.body),
    };
  }
  const signed = await signer.sign(request, { signingDate: input.date });
  return {
    method: input.method,
    host: input.host,
    target: target(input.path, input.query),
    headers: Object.entries(signed.headers).map(([n, v]) => [n, String(v)] as const),
    body: bytes(input.body),
  };
}

async function signCrt(input: SignInput): Promise<RawRequest> {
  const { auth, http } = crt;
  const provider =
    input.creds.sessionToken === undefined
      ? auth.AwsCredentialsProvider.newStatic(input.creds.accessKeyId, input.creds.secretAccessKey)
      : auth.AwsCredentialsProvider.newStatic(
          input.creds.accessKeyId,
          input.creds.secretAccessKey,
          input.creds.sessionToken,
        );
  const headers: Array<[string, string]> = [
    ['host', input.host],
    ...Object.entries(input.headers ?? {}),
  ];
  const request = new http.HttpRequest(
    input.method,
    target(input.path, input.query),
    new http.HttpHeaders(headers),
  );
  // aws-crt's body streams hang under Node, so it is given the body's hash (node:crypto). A
  // presigned URL outside S3 signs the (empty) body's hash, as botocore's SigV4QueryAuth does.
  const bodyHash = createHash('sha256')
    .update(bytes(input.presign ? '' : input.body))
    .digest('hex');
  const signed = await auth.aws_sign_request(request, {
    algorithm: auth.AwsSigningAlgorithm.SigV4,
    signature_type: input.presign
      ? auth.AwsSignatureType.HttpRequestViaQueryParams
      : auth.AwsSignatureType.HttpRequestViaHeaders,
    provider,
    region: input.region,
    service: input.service,
    date: input.date,
    use_double_uri_encode: true,
    should_normalize_uri_path: true,
    signed_body_header: auth.AwsSignedBodyHeaderType.None,
    signed_body_value: bodyHash,
    ...(input.presign ? { expiration_in_seconds: input.expiresIn ?? 300 } : {}),
  });
  const out: Array<[string, string]> = [];
  for (const [name, value] of signed.headers) out.push([name, value]);
  return {
    method: input.method,
    host: input.host,
    target: signed.path,
    headers: out,
    body: bytes(input.body),
  };
}

/** RFC 3986 encoding (only `A-Za-z0-9-_.~` left as is). */
export function rfc3986(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** ISO 8601 basic: `20150830T123600Z`. */
export function amzDate(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** Signs with the named third-party signer. */
export function sign(signer: SignerName, input: SignInput): Promise<RawRequest> {
  switch (signer) {
    case 'aws4':
      return Promise.resolve(signAws4(input));
    case 'aws4fetch':
      return signAws4fetch(input);
    case 'smithy':
      return signSmithy(input);
    case 'aws-crt':
      return signCrt(input);
  }
}
