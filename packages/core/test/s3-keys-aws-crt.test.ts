import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import * as core from '../src/index.node.js';
import { rng } from './seeded-random.js';

// S3 keys as S3 reads them: S3 decodes each path segment and encodes it once, unreserved
// characters bare, before it signs. 500 seeded random keys (unicode, reserved characters, escapes
// of reserved and of unreserved characters, lower-case hex, a lone %) go through createSigner's
// sign(): the URL it returns must carry that form of each segment (computed here, independently
// of core), and its signature must be the one aws-crt (aws-c-auth, AWS's C signer) computes for
// that path with S3's rules.
const require = createRequire(import.meta.url);
const { auth, http } = require('aws-crt') as typeof import('aws-crt');

const PIECES = [
  // unreserved
  'a',
  'Z',
  '7',
  '-',
  '_',
  '.',
  '~',
  // reserved and other ASCII, raw
  ' ',
  '+',
  '*',
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
  '[',
  ']',
  '%',
  // unicode
  'é',
  'ü',
  '€',
  'ሴ',
  '😀',
  // escapes of unreserved characters (S3 reads %41 as A)
  '%41',
  '%61',
  '%7E',
  '%7e',
  '%2D',
  '%5F',
  '%30',
  // escapes of reserved characters and of UTF-8, upper and lower case
  '%20',
  '%2B',
  '%2b',
  '%21',
  '%28',
  '%3D',
  '%25',
  '%3F',
  '%23',
  '%C3%BC',
  '%c3%a9',
  '%E2%82%AC',
  '%2F',
];

const UNRESERVED = /^[A-Za-z0-9\-_.~]$/;

/** The bytes S3 decodes from a segment as sent: %XX is byte XX, anything else its UTF-8. */
function s3Bytes(segment: string): Buffer {
  const parts: Buffer[] = [];
  for (let i = 0; i < segment.length; ) {
    const hex = segment.slice(i + 1, i + 3);
    if (segment[i] === '%' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      parts.push(Buffer.from([Number.parseInt(hex, 16)]));
      i += 3;
    } else {
      const char = String.fromCodePoint(segment.codePointAt(i) ?? 0);
      parts.push(Buffer.from(char, 'utf8'));
      i += char.length;
    }
  }
  return Buffer.concat(parts);
}

/** The segment as S3 computes it: every byte escaped once, unreserved characters bare. */
function s3Segment(segment: string): string {
  let out = '';
  for (const byte of s3Bytes(segment)) {
    const char = String.fromCharCode(byte);
    out += UNRESERVED.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

function randomKey(seed: number): string {
  const r = rng(seed);
  const segments = Array.from({ length: 1 + r.int(4) }, () => {
    let s = '';
    for (let i = 0, n = 1 + r.int(8); i < n; i++) s += r.pick(PIECES);
    return s;
  });
  // `?` and `#` would end the path of a URL; the escapes above stand for them.
  return segments.join('/');
}

const HOST = 'my.bucket.s3.eu-west-1.amazonaws.com';
const CREDENTIALS = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
};
const DATE = new Date('2026-03-04T05:06:07Z');
const EMPTY_SHA256 = createHash('sha256').update('').digest('hex');

async function crtAuthorization(path: string): Promise<string | undefined> {
  const request = new http.HttpRequest('GET', path, new http.HttpHeaders([['host', HOST]]));
  const signed = await auth.aws_sign_request(request, {
    algorithm: auth.AwsSigningAlgorithm.SigV4,
    signature_type: auth.AwsSignatureType.HttpRequestViaHeaders,
    provider: auth.AwsCredentialsProvider.newStatic(
      CREDENTIALS.accessKeyId,
      CREDENTIALS.secretAccessKey,
    ),
    region: 'eu-west-1',
    service: 's3',
    date: DATE,
    use_double_uri_encode: false,
    should_normalize_uri_path: false,
    signed_body_header: auth.AwsSignedBodyHeaderType.XAmzContentSha256,
    signed_body_value: EMPTY_SHA256,
  });
  return signed.headers.get('Authorization');
}

const signer = core.createSigner({ credentials: CREDENTIALS, clock: () => DATE });
const SEEDS = Array.from({ length: 500 }, (_, i) => i + 1);

describe('S3 keys: sent and signed as S3 decodes them, in agreement with aws-crt', () => {
  it.each(SEEDS)('random key, seed %i', async (seed) => {
    const url = new URL(`https://${HOST}/${randomKey(seed)}`);
    // What fetch would send without us: the WHATWG path. S3 reads each segment of it.
    const expectedPath = url.pathname.split('/').map(s3Segment).join('/');
    const signed = await signer.sign({ method: 'GET', url });
    expect(new URL(signed.url).pathname).toBe(expectedPath);
    expect(signed.headers.authorization).toBe(await crtAuthorization(expectedPath));
  });

  it('GET https://s3.amazonaws.com/%41 goes out and is signed as /A', async () => {
    const signed = await signer.sign({ method: 'GET', url: 'https://s3.amazonaws.com/b/%41' });
    expect(signed.url).toBe('https://s3.amazonaws.com/b/A');
    expect(signed.canonicalRequest.split('\n')[1]).toBe('/b/A');
  });
});
