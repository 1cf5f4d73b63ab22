import { verifySigV4 } from '@sigv4/msw';
import { describe, expect, it } from 'vitest';
import { createSigner, presignUrl } from '../src/index.node.js';

// The high-level signer, checked by @sigv4/msw's verifier: an independent canonicaliser that
// reads the request the way API Gateway and Lambda function URLs do.
const credentials = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  sessionToken: 'example-session-token',
};
const NOW = new Date('2026-11-23T10:00:00Z');
const emulator = (emulate: 'apigateway-rest' | 'lambda-url', clock = NOW) => ({
  credentials: [credentials],
  emulate,
  clock: () => clock,
});

function rawFrom(
  url: string,
  method: string,
  headers: Record<string, string>,
  body = new Uint8Array(),
) {
  const u = new URL(url);
  return {
    method,
    host: u.host,
    target: `${u.pathname}${u.search}`,
    headers: Object.entries(headers),
    body,
  };
}

describe('createSigner().sign', () => {
  it('rewrites a URLSearchParams-style query (+ for a space) to %20 and signs what it returns', async () => {
    const params = new URLSearchParams({ q: 'Bjarne Stroustrup', tag: 'c++', star: '*' });
    const url = `https://abc123.execute-api.eu-west-1.amazonaws.com/prod/search?${params}`;
    expect(url).toContain('q=Bjarne+Stroustrup');
    const signed = await createSigner({ credentials, clock: () => NOW }).sign({
      method: 'GET',
      url,
    });
    expect(new URL(signed.url).search).toBe('?q=Bjarne%20Stroustrup&tag=c%2B%2B&star=%2A');
    const result = await verifySigV4(
      rawFrom(signed.url, 'GET', signed.headers),
      emulator('apigateway-rest'),
    );
    expect(result.ok && result.identity.canonicalRequest).toContain(
      'q=Bjarne%20Stroustrup&star=%2A&tag=c%2B%2B',
    );
  });

  it('signs a Lambda URL POST with the body hash, and the verifier checks the body that arrives', async () => {
    const url = 'https://abcdefghijklmnop.lambda-url.eu-west-1.on.aws/orders';
    const body = new TextEncoder().encode('{"id":1}');
    const signed = await createSigner({ credentials, clock: () => NOW }).sign({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(signed.signedHeaders).toEqual([
      'content-type',
      'host',
      'x-amz-content-sha256',
      'x-amz-date',
      'x-amz-security-token',
    ]);
    const headers = { ...signed.headers, 'content-type': 'application/json' };
    const ok = await verifySigV4(
      rawFrom(signed.url, 'POST', headers, body),
      emulator('lambda-url'),
    );
    expect(ok.ok).toBe(true);
    const tampered = await verifySigV4(
      rawFrom(signed.url, 'POST', headers, new TextEncoder().encode('{"id":2}')),
      emulator('lambda-url'),
    );
    expect(tampered.ok).toBe(false);
  });

  it('signs the Host actually sent when it differs from the URL (a private API through a VPC endpoint)', async () => {
    const signed = await createSigner({ credentials, clock: () => NOW }).sign({
      method: 'GET',
      url: 'https://vpce-0123456789abcdef0-abcdefgh.execute-api.eu-west-1.vpce.amazonaws.com/prod/items',
      host: 'abc123.execute-api.eu-west-1.amazonaws.com',
    });
    expect(signed.scope).toEqual({ service: 'execute-api', region: 'eu-west-1' });
    const raw = {
      ...rawFrom(signed.url, 'GET', signed.headers),
      host: 'abc123.execute-api.eu-west-1.amazonaws.com',
    };
    expect((await verifySigV4(raw, emulator('apigateway-rest'))).ok).toBe(true);
    const asUrlHost = rawFrom(signed.url, 'GET', signed.headers);
    expect((await verifySigV4(asUrlHost, emulator('apigateway-rest'))).ok).toBe(false);
  });

  it('adjustClock makes later signatures use the server time', async () => {
    const signer = createSigner({ credentials, clock: () => NOW });
    const server = new Date(NOW.getTime() + 12 * 60_000);
    expect(signer.adjustClock(server)).toBe(12 * 60_000);
    const signed = await signer.sign({
      method: 'GET',
      url: 'https://abc.execute-api.eu-west-1.amazonaws.com/prod/',
    });
    expect(signed.headers['x-amz-date']).toBe('20261123T101200Z');
    const atServer = await verifySigV4(
      rawFrom(signed.url, 'GET', signed.headers),
      emulator('apigateway-rest', server),
    );
    expect(atServer.ok).toBe(true);
  });
});

describe('presignUrl', () => {
  it('puts query parameters given as an object into the signed URL, and the default expiry is 300 s', async () => {
    const url = await presignUrl('https://abcdefghijklmnop.lambda-url.eu-west-1.on.aws/report', {
      credentials,
      clock: () => NOW,
      query: { user: 'Bjarne Stroustrup', tags: ['a', 'b'] },
    });
    const parsed = new URL(url);
    expect(parsed.search).toMatch(/^\?user=Bjarne%20Stroustrup&tags=a&tags=b&X-Amz-Algorithm=/);
    expect(parsed.searchParams.get('X-Amz-Expires')).toBe('300');
    expect(parsed.searchParams.get('X-Amz-Security-Token')).toBe(credentials.sessionToken);
    const ok = await verifySigV4(rawFrom(url, 'GET', {}), emulator('lambda-url'));
    expect(ok.ok).toBe(true);
    const changed = url.replace('Bjarne', 'Linus');
    expect((await verifySigV4(rawFrom(changed, 'GET', {}), emulator('lambda-url'))).ok).toBe(false);
  });

  it('presigns a wss:// WebSocket $connect URL', async () => {
    const url = await presignUrl('wss://abc123.execute-api.eu-west-1.amazonaws.com/prod', {
      credentials,
      clock: () => NOW,
      expiresIn: 60,
    });
    expect(url).toMatch(
      /^wss:\/\/abc123\.execute-api\.eu-west-1\.amazonaws\.com\/prod\?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDEXAMPLE%2F20261123%2Feu-west-1%2Fexecute-api%2Faws4_request&/,
    );
    const ok = await verifySigV4(
      rawFrom(url.replace('wss:', 'https:'), 'GET', {}),
      emulator('apigateway-rest'),
    );
    expect(ok.ok).toBe(true);
  });
});
