/**
 * The official SigV4 conformance vectors, replayed through the verifier as raw requests (several
 * have raw spaces or UTF-8 in the request-target, which no `Request` can carry). Every signed
 * request must be accepted with the vector's own canonical request and string to sign, and refused
 * once any signed part changes. Expected values come from the vector files, never from our code.
 */
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadVectors, parseRawRequest, type VectorCase } from '../../../test-fixtures/vectors.js';
import type { RawRequest, VerifierOptions } from './contract.js';
import { verifySigV4 } from './verify-sigv4.js';

const SUITE = join(import.meta.dirname, '../../../test-fixtures/sigv4-test-suite');
const vectors = loadVectors();

function signedRequestFile(v: VectorCase, mode: 'header' | 'query'): string {
  if (v.suite === 'legacy') {
    return join(SUITE, 'legacy-aws-sig-v4-test-suite', v.name, `${basename(v.name)}.sreq`);
  }
  return join(SUITE, 'aws-c-auth-v4', v.name, `${mode}-signed-request.txt`);
}

function loadSigned(v: VectorCase, mode: 'header' | 'query'): RawRequest {
  const parsed = parseRawRequest(readFileSync(signedRequestFile(v, mode), 'utf8'));
  return {
    method: parsed.method,
    host: parsed.host,
    target: parsed.target,
    headers: parsed.headers,
    body: new TextEncoder().encode(parsed.body),
  };
}

function optionsFor(v: VectorCase): VerifierOptions {
  return {
    credentials: [
      {
        accessKeyId: v.accessKeyId,
        secretAccessKey: v.secretAccessKey,
        sessionToken: v.sessionToken,
      },
    ],
    emulate: 'apigateway-rest',
    region: v.region,
    service: v.service,
    clock: () => v.date,
    normalizePath: v.normalize,
  };
}

const withHeader = (raw: RawRequest, name: string, value: (old: string) => string): RawRequest => ({
  ...raw,
  headers: raw.headers.map(([n, old]) =>
    n.toLowerCase() === name ? ([n, value(old)] as const) : ([n, old] as const),
  ),
});

/** Every way to change one signed part of a request, each named for the failure message. */
function tamperings(raw: RawRequest, signed: readonly string[]): Array<[string, RawRequest]> {
  const q = raw.target.indexOf('?');
  const path = q === -1 ? raw.target : raw.target.slice(0, q);
  const query = q === -1 ? '' : raw.target.slice(q);
  const out: Array<[string, RawRequest]> = [
    ['method', { ...raw, method: raw.method === 'GET' ? 'POST' : 'GET' }],
    ['path', { ...raw, target: `/tampered${path}${query}` }],
    ['query', { ...raw, target: `${path}${query === '' ? '?' : `${query}&`}tampered=1` }],
    ['body', { ...raw, body: new Uint8Array([...raw.body, 0x78]) }],
  ];
  for (const name of signed) {
    const changed =
      name === 'x-amz-date'
        ? withHeader(raw, name, () => '20150830T123601Z')
        : withHeader(raw, name, (old) => `${old.trim()}x`);
    out.push([`header ${name}`, changed]);
  }
  const withQuery = (from: RegExp, to: string): RawRequest => ({
    ...raw,
    target: raw.target.replace(from, to),
  });
  if (query.includes('X-Amz-Date=')) {
    out.push(['X-Amz-Date', withQuery(/X-Amz-Date=\d{8}T\d{6}Z/, 'X-Amz-Date=20150830T123601Z')]);
    out.push(['scope region', withQuery(/%2Fus-east-1%2F/, '%2Fus-west-2%2F')]);
    out.push(['scope service', withQuery(/%2Fservice%2F/, '%2Fservicf%2F')]);
    out.push([
      'signature',
      {
        ...raw,
        target: raw.target.replace(
          /X-Amz-Signature=([0-9a-f]{63})([0-9a-f])/,
          (_m, head: string, last: string) => `X-Amz-Signature=${head}${last === '0' ? '1' : '0'}`,
        ),
      },
    ]);
  } else {
    out.push([
      'scope region',
      withHeader(raw, 'authorization', (a) => a.replace('/us-east-1/', '/us-west-2/')),
    ]);
    out.push([
      'scope service',
      withHeader(raw, 'authorization', (a) => a.replace('/service/', '/servicf/')),
    ]);
    out.push([
      'signature',
      withHeader(raw, 'authorization', (a) =>
        a.replace(
          /Signature=([0-9a-f]{63})([0-9a-f])/,
          (_m, head: string, last: string) => `Signature=${head}${last === '0' ? '1' : '0'}`,
        ),
      ),
    ]);
  }
  return out;
}

const cases = vectors.flatMap((v) =>
  (['header', 'query'] as const)
    .filter((mode) => mode === 'header' || v.query !== undefined)
    .map((mode) => ({ v, mode, label: `${v.suite}/${v.name} (${mode})` })),
);

describe('official SigV4 vectors through the verifier', () => {
  it('covers both suites and both modes', () => {
    expect(cases).toHaveLength(107);
  });

  for (const { v, mode, label } of cases) {
    const expectation = mode === 'header' ? v.header : v.query;
    if (expectation === undefined) throw new Error(`no ${mode} expectation for ${label}`);

    if (v.conflict !== undefined) {
      it(`${label}: refused, as documented (suites disagree on folded headers)`, async () => {
        // The 2015 suite joins obs-folded lines with ","; AWS signers (and the aws-c-auth suite)
        // fold them to " ". The verifier follows aws-c-auth, so it must refuse the legacy
        // signature and show the aws-c-auth canonical form.
        expect(expectation.canonicalRequest).toContain('my-header1:value1,value2,value3');
        const result = await verifySigV4(loadSigned(v, mode), optionsFor(v));
        expect(result.ok).toBe(false);
        if (result.ok) return;
        expect(result.reason).toBe('signature-mismatch');
        const message: string = JSON.parse(result.refusal.body).message;
        expect(message).toContain(
          "'GET\n/\n\nhost:example.amazonaws.com\nmy-header1:value1 value2 value3\n",
        );
      });
      continue;
    }

    it(`${label}: accepted, with the vector's canonical request`, async () => {
      const result = await verifySigV4(loadSigned(v, mode), optionsFor(v));
      if (!result.ok) expect.fail(`${result.reason}: ${result.refusal.body}`);
      expect(result.identity.mode).toBe(mode);
      expect(result.identity.canonicalRequest).toBe(expectation.canonicalRequest);
      expect(result.identity.stringToSign).toBe(expectation.stringToSign);
    });

    it(`${label}: refused once any signed part changes`, async () => {
      const raw = loadSigned(v, mode);
      const signed = /SignedHeaders=([^,&\s]+)/.exec(
        decodeURIComponent(
          raw.headers.find(([n]) => n.toLowerCase() === 'authorization')?.[1] ?? raw.target,
        ),
      )?.[1];
      expect(signed).toBeDefined();
      const list = (signed ?? '').split(';');
      const variants = tamperings(raw, list);
      expect(variants.length).toBeGreaterThanOrEqual(8);
      for (const [what, changed] of variants) {
        const result = await verifySigV4(changed, optionsFor(v));
        expect(result.ok, `${what} changed but still accepted`).toBe(false);
      }
    });
  }
});
