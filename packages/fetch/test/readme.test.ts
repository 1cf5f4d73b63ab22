import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sigv4Handler } from '@sigv4/msw';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CREDENTIALS, KNOWN } from './helpers.js';

// The README's snippets, run as they are written, against handlers that verify SigV4.
const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const snippets = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');

const verified: string[] = [];
const plain: Request[] = [];
const record = (info: { request: Request }) => {
  verified.push(info.request.url);
  return HttpResponse.json({ ok: true });
};
const server = setupServer(
  sigv4Handler({
    hosts: ['*.execute-api.eu-west-1.amazonaws.com', '*.lambda-url.eu-west-1.on.aws'],
    credentials: KNOWN,
    resolver: record,
  }),
  sigv4Handler({
    hosts: 'api.example.com',
    emulate: 'apigateway-rest',
    region: 'eu-west-1',
    credentials: KNOWN,
    resolver: record,
  }),
  http.all('https://example.org/*', ({ request }) => {
    plain.push(request);
    return HttpResponse.text('plain');
  }),
  http.post('https://d111111abcdef8.cloudfront.net/api/save', async ({ request }) => {
    const body = new Uint8Array(await request.arrayBuffer());
    const expected = createHash('sha256').update(body).digest('hex');
    const ok =
      request.headers.get('x-amz-content-sha256') === expected &&
      !request.headers.has('authorization');
    return new HttpResponse(null, { status: ok ? 200 : 400 });
  }),
);
const dir = mkdtempSync(join(tmpdir(), 'sigv4-fetch-readme-'));
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => {
  server.close();
  rmSync(dir, { recursive: true, force: true });
});

async function run(index: number): Promise<unknown[][]> {
  const file = join(dir, `snippet-${index}.ts`);
  writeFileSync(file, snippets[index] ?? '');
  const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
  vi.stubEnv('AWS_ACCESS_KEY_ID', CREDENTIALS.accessKeyId);
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', CREDENTIALS.secretAccessKey);
  vi.stubEnv('AWS_SESSION_TOKEN', CREDENTIALS.sessionToken);
  await import(/* @vite-ignore */ file);
  return log.mock.calls;
}

describe('README snippets', () => {
  it('has the five snippets', () => {
    expect(snippets).toHaveLength(5);
  });

  it('signed fetch', async () => {
    expect(await run(0)).toEqual([[200, { ok: true }]]);
    expect(verified.at(-1)).toBe(
      'https://abc123defg.execute-api.eu-west-1.amazonaws.com/prod/items?q=a%20b',
    );
  });

  it('global fetch', async () => {
    const original = globalThis.fetch;
    const before = verified.length;
    await run(1);
    expect(verified.slice(before)).toEqual([
      'https://abcdefghijklmnopqrstuvwxyz012345.lambda-url.eu-west-1.on.aws/report',
      'https://api.example.com/items',
    ]);
    expect(plain).toHaveLength(1);
    expect(plain[0]?.headers.has('authorization')).toBe(false);
    expect(globalThis.fetch).toBe(original);
  });

  it('presigned URL', async () => {
    expect(await run(2)).toEqual([[200]]);
    expect(verified.at(-1)).toContain('user=Bjarne%20Stroustrup');
  });

  it('CloudFront OAC', async () => {
    expect(await run(3)).toEqual([[200]]);
  });

  it("a request's own scope", async () => {
    expect(await run(4)).toEqual([[200]]);
    expect(verified.at(-1)).toBe('https://api.example.com/items');
  });
});
