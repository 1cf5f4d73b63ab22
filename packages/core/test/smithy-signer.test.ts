import { execFile } from 'node:child_process';
import { createHash, createHmac } from 'node:crypto';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { SignatureV4 } from '@smithy/signature-v4';
import { describe, expect, it, vi } from 'vitest';
import * as portable from '../src/index.js';
import { createSigner, presignUrl } from '../src/index.node.js';
import { normalizeMethod } from '../src/method.js';

const credentials = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  sessionToken: 'example-session-token',
};
const NOW = new Date('2026-11-23T10:00:00Z');
const run = promisify(execFile);
const API = 'https://abc123.execute-api.eu-west-1.amazonaws.com';
const signer = () => createSigner({ credentials, clock: () => NOW });

const hex = (data: string) => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string) =>
  createHmac('sha256', key).update(data).digest();

describe('what smithy cannot express is refused with ERR_SIGV4_UNSIGNABLE_REQUEST', () => {
  it.each([
    ['a query escape that is not UTF-8', `${API}/prod/?name=caf%E9`, {}],
    ['bytes that are not UTF-8', `${API}/prod/?a=%FF%FE`, {}],
    ['a query parameter named __proto__', `${API}/prod/?__proto__=1`, {}],
    ['an X-Amz-Signature parameter (already presigned)', `${API}/prod/?X-Amz-Signature=abc`, {}],
    ['a header value ending in \\v', `${API}/prod/`, { 'x-note': 'value\v' }],
    ['a header value ending in \\f', `${API}/prod/`, { 'x-note': 'value\f ' }],
    ['a header value starting with \\v', `${API}/prod/`, { 'x-note': '\vvalue' }],
  ])('%s', async (_, url, headers) => {
    await expect(signer().sign({ method: 'GET', url, headers })).rejects.toMatchObject({
      name: 'SigV4Error',
      code: 'ERR_SIGV4_UNSIGNABLE_REQUEST',
    });
  });

  it('presign refuses a URL that carries the parameters presigning adds', async () => {
    await expect(
      presignUrl(`${API}/prod/?X-Amz-Date=20260101T000000Z`, { credentials, clock: () => NOW }),
    ).rejects.toMatchObject({ code: 'ERR_SIGV4_UNSIGNABLE_REQUEST' });
  });

  it('the message says what to do and never quotes the query value of an escape it refuses in full', async () => {
    const error = await signer()
      .sign({ method: 'GET', url: `${API}/prod/?name=caf%E9` })
      .catch((e: unknown) => e);
    expect(String((error as Error).message)).toMatch(/UTF-8.*%C3%A9/);
  });

  it('a non-UTF-8 escape is kept byte for byte on the wire (never %25E9): toStrictQuery', () => {
    expect(portable.toStrictQuery('name=caf%e9&b=%FF%FE')).toBe('name=caf%E9&b=%FF%FE');
  });
});

describe('the canonical request and string to sign are the ones smithy signed', () => {
  it('string to sign = algorithm, date, scope, hash of the canonical request; its HMAC is the signature', async () => {
    const signed = await signer().sign({
      method: 'POST',
      url: `${API}/prod/items?b=2&a=1`,
      headers: [
        ['content-type', 'application/json'],
        ['x-multi', ' one '],
        ['x-multi', 'two  three'],
      ],
      body: '{}',
    });
    expect(signed.canonicalRequest).toContain('\nx-multi:one,two three\n');
    const lines = signed.stringToSign.split('\n');
    expect(lines[0]).toBe('AWS4-HMAC-SHA256');
    expect(lines[1]).toBe('20261123T100000Z');
    expect(lines[2]).toBe('20261123/eu-west-1/execute-api/aws4_request');
    expect(lines[3]).toBe(hex(signed.canonicalRequest));
    let key = hmac(`AWS4${credentials.secretAccessKey}`, '20261123');
    for (const part of ['eu-west-1', 'execute-api', 'aws4_request']) key = hmac(key, part);
    const signature = createHmac('sha256', key).update(signed.stringToSign).digest('hex');
    expect(signed.headers.authorization).toContain(`Signature=${signature}`);
  });

  it('concurrent signatures on one signer each get their own record', async () => {
    const s = signer();
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        s.sign({ method: 'PUT', url: `${API}/prod/item-${i}`, body: `body ${i}` }),
      ),
    );
    results.forEach((signed, i) => {
      expect(signed.canonicalRequest).toContain(`\n/prod/item-${i}\n`);
      expect(signed.canonicalRequest.endsWith(hex(`body ${i}`))).toBe(true);
      expect(signed.stringToSign.split('\n')[3]).toBe(hex(signed.canonicalRequest));
    });
  });
});

describe('signingDate', () => {
  it('sign() uses it instead of the clock and its offset', async () => {
    const s = signer();
    s.adjustClock(new Date('2026-11-23T11:00:00Z'));
    const at = new Date('2027-02-03T04:05:06Z');
    const signed = await s.sign({ method: 'GET', url: `${API}/prod/`, signingDate: at });
    expect(signed.headers['x-amz-date']).toBe('20270203T040506Z');
    const shifted = await s.sign({ method: 'GET', url: `${API}/prod/` });
    expect(shifted.headers['x-amz-date']).toBe('20261123T110000Z');
  });

  it('presign() uses it too', async () => {
    const url = await signer().presign(`${API}/prod/`, {
      signingDate: new Date('2027-02-03T04:05:06Z'),
    });
    expect(new URL(url).searchParams.get('X-Amz-Date')).toBe('20270203T040506Z');
  });
});

describe('the method is signed as fetch sends it', () => {
  it.each([
    ['get', 'GET'],
    ['post', 'POST'],
    ['Delete', 'DELETE'],
    ['options', 'OPTIONS'],
    ['put', 'PUT'],
    ['head', 'HEAD'],
    ['patch', 'patch'],
    ['PATCH', 'PATCH'],
    ['propfind', 'propfind'],
  ])('%s -> %s', async (given, sent) => {
    expect(normalizeMethod(given)).toBe(sent);
    const signed = await signer().sign({ method: given, url: `${API}/prod/` });
    expect(signed.canonicalRequest.split('\n')[0]).toBe(sent);
  });
});

describe('one SignatureV4 instance per credentials identity', () => {
  it('is reused while the credentials stay, and rebuilt when the cache refreshes them', async () => {
    const instances: unknown[] = [];
    const sign = SignatureV4.prototype.sign;
    vi.spyOn(SignatureV4.prototype, 'sign').mockImplementation(function (
      this: SignatureV4,
      ...args: Parameters<typeof sign>
    ) {
      instances.push(this);
      return sign.apply(this, args);
    } as typeof sign);
    let now = NOW.getTime();
    let calls = 0;
    const provider = () => {
      calls += 1;
      return {
        accessKeyId: `AKID${calls}`,
        secretAccessKey: `secret-${calls}`,
        expiration: new Date(now + 10 * 60_000),
      };
    };
    // The portable entry imports smithy's ES module, the one this test spies on.
    const s = portable.createSigner({ credentials: provider, clock: () => new Date(now) });
    await s.sign({ method: 'GET', url: `${API}/prod/1` });
    await s.sign({ method: 'GET', url: `${API}/prod/2` });
    now += 6 * 60_000; // inside the 5-minute refresh window: the cache asks the provider again
    const third = await s.sign({ method: 'GET', url: `${API}/prod/3` });
    await s.sign({ method: 'GET', url: `${API}/prod/4` });
    expect(calls).toBe(2);
    expect(third.headers.authorization).toContain('Credential=AKID2/');
    expect(instances).toHaveLength(4);
    expect(instances[1]).toBe(instances[0]);
    expect(instances[2]).not.toBe(instances[0]);
    expect(instances[3]).toBe(instances[2]);
    // Two signers never share an instance.
    await portable
      .createSigner({ credentials, clock: () => NOW })
      .sign({ method: 'GET', url: `${API}/` });
    expect(instances[4]).not.toBe(instances[2]);
  });
});

describe('signing keys are reused per date, region and service, never across them', () => {
  it.each(['index.node.js', 'index.node.cjs'])(
    'the built %s (the smithy copy it ships) derives a signing key once per date, region and service',
    async (entry) => {
      // The memo wraps smithy's private getSigningKey and is worth ~18% of a small GET's CPU; if
      // the bundled smithy renames or reshapes it, signing stays right but uncached: this fails.
      // Counted on the published build in a fresh process: smithy's HMACs (a hash of the
      // credentials and four key derivation steps per uncached key, one for the signature) go
      // through node:crypto's createHmac on the Node entries. The ES module and CommonJS builds
      // each hold one copy of smithy, shared by all their entries (tsup.config.ts).
      const file = fileURLToPath(new URL(`../dist/${entry}`, import.meta.url));
      const script = [
        "import { createRequire, syncBuiltinESMExports } from 'node:module';",
        'const require = createRequire(import.meta.url);',
        'let hmacs = 0;',
        "const crypto = require('node:crypto');",
        'const createHmac = crypto.createHmac;',
        'crypto.createHmac = (...args) => { hmacs++; return createHmac(...args); };',
        'syncBuiltinESMExports();',
        entry.endsWith('.cjs')
          ? `const { createSigner } = require(${JSON.stringify(file)});`
          : `const { createSigner } = await import(${JSON.stringify(pathToFileURL(file).href)});`,
        `const signer = createSigner({ credentials: ${JSON.stringify(credentials)} });`,
        'const counts = [];',
        'for (const [url, date] of [',
        `  ['${API}/prod/a', '2026-11-23T10:00:00Z'],`,
        `  ['${API}/prod/b', '2026-11-23T11:00:00Z'],`,
        "  ['https://abc123.execute-api.us-east-1.amazonaws.com/prod/a', '2026-11-23T11:00:00Z'],",
        `  ['${API}/prod/c', '2026-11-24T00:00:00Z'],`,
        `  ['${API}/prod/d', '2026-11-24T01:00:00Z'],`,
        ']) {',
        '  const before = hmacs;',
        "  await signer.sign({ method: 'GET', url, signingDate: new Date(date) });",
        '  counts.push(hmacs - before);',
        '}',
        'process.stdout.write(JSON.stringify(counts));',
      ].join('\n');
      const { stdout } = await run(process.execPath, ['--input-type=module', '--eval', script], {
        timeout: 30_000,
      });
      // New key: the credentials hash, four derivation steps, the signature. Memoised: the signature.
      expect(JSON.parse(stdout)).toEqual([6, 1, 6, 6, 1]);
    },
  );

  it('one signer alternating dates, regions and services signs each as a fresh SignatureV4 does', async () => {
    const { Sha256 } = await import('@aws-crypto/sha256-js');
    const one = createSigner({ credentials });
    const lambda = 'https://abcdefghijklmnopqrstuvwxyz012345.lambda-url.eu-west-1.on.aws/report';
    const cases: Array<[string, string, string, string]> = [
      [`${API}/prod/a`, 'execute-api', 'eu-west-1', '2026-11-23T23:59:59Z'],
      [
        'https://abc123.execute-api.us-east-1.amazonaws.com/prod/a',
        'execute-api',
        'us-east-1',
        '2026-11-23T23:59:59Z',
      ],
      [`${API}/prod/a`, 'execute-api', 'eu-west-1', '2026-11-24T00:00:00Z'],
      [lambda, 'lambda', 'eu-west-1', '2026-11-24T00:00:00Z'],
      [`${API}/prod/a`, 'execute-api', 'eu-west-1', '2026-11-23T23:59:59Z'],
      [lambda, 'lambda', 'eu-west-1', '2026-11-23T12:00:00Z'],
    ];
    for (const [url, service, region, date] of cases) {
      const signingDate = new Date(date);
      const ours = await one.sign({ method: 'GET', url, signingDate });
      const u = new URL(url);
      const fresh = new SignatureV4({ credentials, region, service, sha256: Sha256 });
      const bare = await fresh.sign(
        {
          method: 'GET',
          protocol: 'https:',
          hostname: u.host,
          path: u.pathname,
          query: {},
          headers: { host: u.host, 'x-amz-content-sha256': hex('') },
        },
        { signingDate },
      );
      expect(ours.headers.authorization, `${service} ${region} ${date}`).toBe(
        bare.headers.authorization,
      );
    }
  });
});
