import { createHash } from 'node:crypto';
import { type IamEmulator, startIamEmulator } from '@sigv4/msw/server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { addItem, listItems } from '../src/items.mjs';
import { signGlobalFetch } from '../src/sign-global-fetch.mjs';

const credentials = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
};

let emulator: IamEmulator;
let restore: (() => void) | undefined;
beforeAll(async () => {
  emulator = await startIamEmulator({
    emulate: 'apigateway-rest',
    region: 'eu-west-1',
    credentials: [{ ...credentials, principalArn: 'arn:aws:iam::123456789012:user/example' }],
  });
});
afterEach(() => restore?.());
afterAll(() => emulator.close());

const lastRequest = () => emulator.requests.at(-1);

describe('global-fetch example against a REST API emulator', () => {
  it("signs the existing code's GET and POST: the emulator verifies both", async () => {
    const apiUrl = `${emulator.url}/prod`;
    restore = signGlobalFetch({ apiUrl, service: 'execute-api', region: 'eu-west-1', credentials });

    await listItems(apiUrl);
    const get = lastRequest();
    expect(get?.raw.method).toBe('GET');
    expect(get?.raw.target).toBe('/prod/items?limit=10&q=ada%20lovelace');
    expect(get?.result).toMatchObject({
      ok: true,
      identity: {
        accessKeyId: 'AKIDEXAMPLE',
        principalArn: 'arn:aws:iam::123456789012:user/example',
        region: 'eu-west-1',
        service: 'execute-api',
        mode: 'header',
      },
    });

    const echoed = await addItem(apiUrl, { name: 'Ada Lovelace' });
    const post = lastRequest();
    expect(post?.raw.method).toBe('POST');
    expect(new TextDecoder().decode(post?.raw.body)).toBe('{"name":"Ada Lovelace"}');
    expect(post?.result.ok && post.result.identity.signedHeaders).toEqual(
      expect.arrayContaining(['content-type', 'host', 'x-amz-date']),
    );
    expect(echoed).toMatchObject({ method: 'POST', path: '/prod/items' });
    // The body hash that was signed is the hash of the bytes that arrived.
    const sha = createHash('sha256').update('{"name":"Ada Lovelace"}').digest('hex');
    expect(post?.result.ok && post.result.identity.canonicalRequest.endsWith(sha)).toBe(true);
  });

  it('gets the 403 AWS gives once the global fetch is restored (unsigned)', async () => {
    const apiUrl = `${emulator.url}/prod`;
    restore = signGlobalFetch({ apiUrl, service: 'execute-api', region: 'eu-west-1', credentials });
    restore();
    const response = await fetch(`${apiUrl}/items`);
    expect(response.status).toBe(403);
    expect(response.headers.get('x-amzn-errortype')).toBe('MissingAuthenticationTokenException');
    expect(await response.json()).toEqual({ message: 'Missing Authentication Token' });
    await expect(listItems(apiUrl)).rejects.toThrow(/GET \/items: 403/);
  });

  it('a replayed request with a tampered query gets the signature mismatch', async () => {
    const apiUrl = `${emulator.url}/prod`;
    restore = signGlobalFetch({ apiUrl, service: 'execute-api', region: 'eu-west-1', credentials });
    await listItems(apiUrl);
    const signed = lastRequest();
    restore();
    if (!signed?.result.ok) throw new Error('the signed request was refused');
    // Replay exactly the signature headers that were sent (fetch sets host itself).
    const keep = new Set(['authorization', ...signed.result.identity.signedHeaders]);
    keep.delete('host');
    const headers = signed.raw.headers
      .filter(([name]) => keep.has(name.toLowerCase()))
      .map(([name, value]): [string, string] => [name, value]);
    expect(headers.map(([name]) => name.toLowerCase())).toContain('x-amz-date');
    const response = await fetch(`${apiUrl}/items?limit=1000&q=ada%20lovelace`, { headers });
    expect(response.status).toBe(403);
    expect(response.headers.get('x-amzn-errortype')).toBe('InvalidSignatureException');
    const { message } = (await response.json()) as { message: string };
    expect(message).toMatch(/^The request signature we calculated does not match/);
  });

  it('leaves requests to other hosts unsigned', async () => {
    const other = await startIamEmulator({
      emulate: 'apigateway-rest',
      credentials: [credentials],
    });
    try {
      const apiUrl = `${emulator.url}/prod`;
      restore = signGlobalFetch({
        apiUrl,
        service: 'execute-api',
        region: 'eu-west-1',
        credentials,
      });
      const response = await fetch(`${other.url}/prod/items`);
      expect(response.status).toBe(403);
      expect(other.requests.at(-1)?.raw.headers.map(([name]) => name.toLowerCase())).not.toContain(
        'x-amz-date',
      );
    } finally {
      await other.close();
    }
  });
});
