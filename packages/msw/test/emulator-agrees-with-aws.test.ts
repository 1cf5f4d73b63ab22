/**
 * Thirteen cases where the emulator answered differently from AWS, each replayed with
 * a request made by a signer we did not write (aws4, aws4fetch, @smithy/signature-v4), through the
 * loopback server and, where the runtime matters, the msw handler.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IamEmulator, RawRequest } from '../src/contract.js';
import { startIamEmulator } from '../src/server.js';
import { sigv4Handler } from '../src/sigv4-handler.js';
import { KEY, MISMATCH, sha256, TEMP } from './helpers.js';
import { sign } from './signers.js';
import { sendMsw, sendRaw } from './wire.js';

const NOW = new Date('2026-11-29T23:12:51Z');
const clock = () => NOW;
const credentials = [KEY, TEMP];
const API_HOST = 'abc123defg.execute-api.us-east-1.amazonaws.com';
const LAMBDA_HOST = 'abcdefghijklmnopqrstuvwxyz012345.lambda-url.us-east-1.on.aws';

let rest: IamEmulator;
let lambda: IamEmulator;
beforeAll(async () => {
  rest = await startIamEmulator({ emulate: 'apigateway-rest', credentials, clock });
  lambda = await startIamEmulator({ emulate: 'lambda-url', credentials, clock });
});
afterAll(async () => {
  await rest.close();
  await lambda.close();
});

const restHandler = sigv4Handler({ hosts: API_HOST, credentials, clock });
const lambdaHandler = sigv4Handler({ hosts: LAMBDA_HOST, credentials, clock });

const api = { host: API_HOST, service: 'execute-api', region: 'us-east-1', date: NOW } as const;
const fn = { host: LAMBDA_HOST, service: 'lambda', region: 'us-east-1', date: NOW } as const;

const withHeader = (raw: RawRequest, name: string, value: string): RawRequest => ({
  ...raw,
  headers: [...raw.headers, [name, value]],
});
const withoutHeader = (raw: RawRequest, name: string): RawRequest => ({
  ...raw,
  headers: raw.headers.filter(([n]) => n.toLowerCase() !== name),
});
const withBody = (raw: RawRequest, body: string): RawRequest => ({
  ...withoutHeader(raw, 'content-length'),
  body: new TextEncoder().encode(body),
});
const header = (raw: RawRequest, name: string): string =>
  raw.headers.find(([n]) => n.toLowerCase() === name)?.[1] ?? '';

describe('false accepts', () => {
  it.each(['STREAMING-UNSIGNED-PAYLOAD-TRAILER', 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD'])(
    '1. x-amz-content-sha256: %s does not switch the body check off',
    async (streaming) => {
      for (const [emulator, door] of [
        [rest, api],
        [lambda, fn],
      ] as const) {
        const signed = await sign('aws4', {
          ...door,
          method: 'POST',
          path: '/prod/pay',
          query: '',
          headers: { 'content-type': 'application/json', 'x-amz-content-sha256': streaming },
          body: '{"amount":1}',
          creds: KEY,
        });
        const answer = await sendRaw(emulator.port, withBody(signed, '{"amount":1000000}'));
        expect(answer.status).toBe(403);
        expect(answer.errorType).toBe('InvalidSignatureException');
        expect(JSON.parse(answer.body).message.startsWith(MISMATCH)).toBe(true);
      }
    },
  );

  it('2. two Authorization headers (bad, good) are refused, on the socket and under msw', async () => {
    const good = await sign('aws4', {
      ...api,
      method: 'GET',
      path: '/prod/a',
      query: '',
      creds: KEY,
    });
    const bad = header(good, 'authorization').replace(
      /Signature=[0-9a-f]+/,
      `Signature=${'0'.repeat(64)}`,
    );
    const twice: RawRequest = {
      ...good,
      headers: [
        ...withoutHeader(good, 'authorization').headers,
        ['Authorization', bad],
        ['Authorization', header(good, 'authorization')],
      ],
    };
    for (const answer of [await sendRaw(rest.port, twice), await sendMsw(restHandler, twice)]) {
      expect(answer.status).toBe(403);
      expect(answer.errorType).toBe('InvalidSignatureException');
      expect(JSON.parse(answer.body).message).toBe(MISMATCH);
    }
    // The good one alone passes.
    expect((await sendRaw(rest.port, good)).status).toBe(200);
  });

  it('3. a second X-Amz-Signature appended to a valid presigned URL is refused', async () => {
    const signed = await sign('aws4', {
      ...api,
      method: 'GET',
      path: '/prod/a',
      query: 'x=1',
      creds: KEY,
      presign: true,
    });
    expect((await sendRaw(rest.port, signed)).status).toBe(200);
    const extra = { ...signed, target: `${signed.target}&X-Amz-Signature=junk` };
    for (const answer of [await sendRaw(rest.port, extra), await sendMsw(restHandler, extra)]) {
      expect(answer.status).toBe(403);
      expect(answer.errorType).toBe('InvalidSignatureException');
      // The extra parameter is part of what AWS canonicalises (REST APIs print it back).
      expect(JSON.parse(answer.body).message).toContain('&X-Amz-Signature=junk');
    }
  });

  it('4. X-Amz-Date must be ISO 8601 basic: the extended form is refused', async () => {
    // Signed by @smithy/signature-v4 with x-amz-date left unsigned, so only its form differs.
    const signed = await sign('smithy', {
      ...api,
      method: 'GET',
      path: '/prod/a',
      query: '',
      creds: KEY,
    });
    expect((await sendRaw(rest.port, signed)).status).toBe(200);
    const { SignatureV4 } = await import('@smithy/signature-v4');
    const { Sha256 } = await import('@aws-crypto/sha256-js');
    const signer = new SignatureV4({
      credentials: KEY,
      region: 'us-east-1',
      service: 'execute-api',
      sha256: Sha256,
    });
    const unsignedDate = await signer.sign(
      {
        method: 'GET',
        protocol: 'https:',
        hostname: API_HOST,
        path: '/prod/a',
        headers: { host: API_HOST },
      },
      { signingDate: NOW, unsignableHeaders: new Set(['x-amz-date']) },
    );
    const basic: RawRequest = {
      method: 'GET',
      host: API_HOST,
      target: '/prod/a',
      headers: Object.entries(unsignedDate.headers).map(([n, v]) => [n, String(v)] as const),
      body: new Uint8Array(),
    };
    expect((await sendRaw(rest.port, basic)).status).toBe(200);
    const extended = {
      ...withoutHeader(basic, 'x-amz-date'),
      headers: [
        ...withoutHeader(basic, 'x-amz-date').headers,
        ['X-Amz-Date', '2026-11-29T23:12:51Z'] as const,
      ],
    };
    const answer = await sendRaw(rest.port, extended);
    expect(answer.status).toBe(403);
    expect(answer.errorType).toBe('IncompleteSignatureException');
    expect(JSON.parse(answer.body).message).toBe(
      "Date must be in ISO-8601 'basic format'. Got '2026-11-29T23:12:51Z'. See http://en.wikipedia.org/wiki/ISO_8601",
    );
  });

  it('5. a raw + in the query is a space: signing it as %2B fails as on AWS', async () => {
    // @smithy/signature-v4 given the value "a+b" signs q=a%2Bb; the wire carries q=a+b.
    const signed = await sign('smithy', {
      ...api,
      method: 'GET',
      path: '/prod/a',
      query: 'q=a%2Bb',
      creds: KEY,
    });
    expect((await sendRaw(rest.port, signed)).status).toBe(200);
    const plus = { ...signed, target: '/prod/a?q=a+b' };
    const answer = await sendRaw(rest.port, plus);
    expect(answer.status).toBe(403);
    expect(answer.errorType).toBe('InvalidSignatureException');
    expect(JSON.parse(answer.body).message).toContain('\nq=a%20b\n');
  });

  it('6. Lambda URLs refuse bodies over 6 MB (6291456 bytes) with a 413 and no x-amzn-ErrorType', async () => {
    const big = 'x'.repeat(6_291_457);
    const signed = await sign('aws4', {
      ...fn,
      method: 'POST',
      path: '/',
      query: '',
      headers: { 'content-type': 'text/plain', 'x-amz-content-sha256': sha256(big) },
      body: big,
      creds: KEY,
    });
    for (const answer of [
      await sendRaw(lambda.port, signed),
      await sendMsw(lambdaHandler, signed),
    ]) {
      expect(answer.status).toBe(413);
      expect(answer.errorType).toBeNull();
    }
    const fits = 'y'.repeat(6_291_456);
    const ok = await sign('aws4', {
      ...fn,
      method: 'POST',
      path: '/',
      query: '',
      headers: { 'content-type': 'text/plain', 'x-amz-content-sha256': sha256(fits) },
      body: fits,
      creds: KEY,
    });
    expect((await sendRaw(lambda.port, ok)).status).toBe(200);
  });
});

describe('false rejects', () => {
  it("7. q=hello+world signed as %20 (botocore's form) is accepted", async () => {
    const signed = await sign('smithy', {
      ...api,
      method: 'GET',
      path: '/prod/a',
      query: 'q=hello%20world',
      creds: KEY,
    });
    const plus = { ...signed, target: '/prod/a?q=hello+world' };
    expect((await sendRaw(rest.port, plus)).status).toBe(200);
    expect((await sendMsw(restHandler, plus)).status).toBe(200);
  });

  it('8. presigned URLs without X-Amz-Expires (aws4, aws4fetch outside S3) are accepted', async () => {
    for (const signer of ['aws4', 'aws4fetch'] as const) {
      const onApi = await sign(signer, {
        ...api,
        method: 'GET',
        path: '/prod/connect',
        query: '',
        creds: KEY,
        presign: true,
      });
      expect(onApi.target).not.toContain('X-Amz-Expires');
      expect((await sendRaw(rest.port, onApi)).status).toBe(200);
      expect((await sendMsw(restHandler, onApi)).status).toBe(200);
      const onLambda = await sign(signer, {
        ...fn,
        method: 'GET',
        path: '/',
        query: '',
        creds: KEY,
        presign: true,
      });
      expect((await sendRaw(lambda.port, onLambda)).status).toBe(200);
    }
  });

  it('9. a Lambda URL POST signed over its body without x-amz-content-sha256 is accepted; UNSIGNED-PAYLOAD is not', async () => {
    const direct = await sign('aws4', {
      ...fn,
      method: 'POST',
      path: '/orders',
      query: '',
      headers: { 'content-type': 'application/json' },
      body: '{"qty":2}',
      creds: KEY,
    });
    expect(header(direct, 'x-amz-content-sha256')).toBe('');
    expect((await sendRaw(lambda.port, direct)).status).toBe(200);
    expect((await sendMsw(lambdaHandler, direct)).status).toBe(200);
    // A tampered body still fails.
    const tampered = await sendRaw(lambda.port, withBody(direct, '{"qty":200}'));
    expect(tampered.status).toBe(403);
    // What CloudFront OAC signs when the viewer sent no hash: refused.
    const unsigned = await sign('aws4', {
      ...fn,
      method: 'POST',
      path: '/orders',
      query: '',
      headers: { 'content-type': 'application/json', 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
      body: '{"qty":2}',
      creds: KEY,
    });
    expect((await sendRaw(lambda.port, unsigned)).status).toBe(403);
  });

  it('10. msw: a signed content-length that the runtime puts on the wire is not "missing"', async () => {
    // aws4 signs content-length; fetch cannot set it, the runtime adds it on the wire.
    const signed = await sign('aws4', {
      ...api,
      method: 'POST',
      path: '/prod/items',
      query: '',
      headers: { 'content-type': 'application/json' },
      body: '{"a":1}',
      creds: KEY,
    });
    expect(header(signed, 'authorization')).toContain('content-length');
    expect((await sendRaw(rest.port, signed)).status).toBe(200);
    expect((await sendMsw(restHandler, signed)).status).toBe(200);
    // ...and a wrong signed length still fails.
    const wrong = withHeader(withoutHeader(signed, 'content-length'), 'Content-Length', '6');
    expect(
      (await sendRaw(rest.port, { ...wrong, body: new TextEncoder().encode('{"a":1') })).status,
    ).toBe(403);
  });
});

describe("answers that differed from AWS's", () => {
  it('11. a signed x-amz-security-token that is absent: IncompleteSignatureException first', async () => {
    const signed = await sign('aws4', {
      ...api,
      method: 'GET',
      path: '/prod/a',
      query: '',
      creds: TEMP,
    });
    expect(header(signed, 'x-amz-security-token')).toBe(TEMP.sessionToken);
    const answer = await sendRaw(rest.port, withoutHeader(signed, 'x-amz-security-token'));
    expect(answer).toMatchObject({ status: 403, errorType: 'IncompleteSignatureException' });
    expect(JSON.parse(answer.body)).toEqual({
      message:
        "'x-amz-security-token' is named as a SignedHeader, but it does not exist in the HTTP request.",
    });
  });

  it("12. scope messages keep AWS's trailing space", async () => {
    const region = await sign('aws4', {
      ...api,
      region: 'us-west-2',
      method: 'GET',
      path: '/prod/a',
      query: '',
      creds: KEY,
    });
    const r = await sendRaw(rest.port, region);
    expect(JSON.parse(r.body)).toEqual({
      message: "Credential should be scoped to a valid region, not 'us-west-2'. ",
    });
    const service = await sign('aws4', {
      ...api,
      service: 'lambda',
      method: 'GET',
      path: '/prod/a',
      query: '',
      creds: KEY,
    });
    const s = await sendRaw(rest.port, service);
    expect(JSON.parse(s.body)).toEqual({
      message: "Credential should be scoped to correct service: 'execute-api'. ",
    });
  });
});

describe('X-Amz-Expires, when present', () => {
  it.each([
    ['soon', 'X-Amz-Expires should be a number'],
    ['0', 'X-Amz-Expires must be at least 1 (second)'],
    ['604801', 'X-Amz-Expires must be less than a week (in seconds) that is 604800'],
  ])('X-Amz-Expires=%s: %s', async (value, message) => {
    const signed = await sign('aws4', {
      ...api,
      method: 'GET',
      path: '/prod/a',
      query: `X-Amz-Expires=${value}`,
      creds: KEY,
      presign: true,
    });
    const answer = await sendRaw(rest.port, signed);
    expect(answer).toMatchObject({ status: 403, errorType: 'IncompleteSignatureException' });
    expect(JSON.parse(answer.body)).toEqual({ message });
  });
});
