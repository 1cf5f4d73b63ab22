import { describe, expect, it } from 'vitest';
import { API, CREDENTIALS, recordingFetch, verifySent } from '../test/helpers.js';
import { createSignedFetch } from './create-signed-fetch.js';

const base = { credentials: CREDENTIALS };
const redirect = (status: number, location: string) =>
  new Response(null, { status, headers: { location } });
const SIGNING = ['authorization', 'x-amz-date', 'x-amz-security-token', 'x-amz-content-sha256'];

describe('redirects of signed requests', () => {
  it('same origin: followed and signed again for the new path', async () => {
    const rec = recordingFetch((_s, i) =>
      i === 0 ? redirect(302, '/prod/moved?x=a b') : new Response('here'),
    );
    const response = await createSignedFetch({ ...base, fetch: rec.fetch })(`${API}/prod/old`);
    expect(await response.text()).toBe('here');
    expect(response.redirected).toBe(true);
    expect(rec.sent.map((s) => s.init.redirect)).toEqual(['manual', 'manual']);
    expect(rec.sent[1]?.url).toBe(`${API}/prod/moved?x=a%20b`);
    expect((await verifySent(rec.sent[1]!)).ok).toBe(true);
  });

  it('303 after POST: a signed GET without the body', async () => {
    const rec = recordingFetch((_s, i) =>
      i === 0 ? redirect(303, `${API}/prod/result`) : new Response('done'),
    );
    await createSignedFetch({ ...base, fetch: rec.fetch })(`${API}/prod/jobs`, {
      method: 'POST',
      body: '{"a":1}',
    });
    expect(rec.sent[1]?.init.method).toBe('GET');
    expect(rec.sent[1]?.init.body).toBeNull();
    expect(new Headers(rec.sent[1]?.init.headers).has('content-type')).toBe(false);
    expect((await verifySent(rec.sent[1]!)).ok).toBe(true);
  });

  it('another origin: followed without any SigV4 header (default)', async () => {
    const rec = recordingFetch((_s, i) =>
      i === 0
        ? redirect(307, 'https://bucket.s3.eu-west-1.amazonaws.com/file?X-Amz-Signature=abc')
        : new Response('file'),
    );
    const response = await createSignedFetch({ ...base, fetch: rec.fetch })(
      `${API}/prod/download`,
      {
        headers: { 'x-keep': '1' },
      },
    );
    expect(await response.text()).toBe('file');
    const headers = new Headers(rec.sent[1]?.init.headers);
    for (const name of SIGNING) expect(headers.has(name)).toBe(false);
    expect(headers.get('x-keep')).toBe('1');
    expect(JSON.stringify([...headers])).not.toContain(CREDENTIALS.sessionToken);
  });

  it("another origin with crossOriginRedirect: 'error': ERR_SIGV4_REDIRECT_BLOCKED, nothing sent there", async () => {
    const rec = recordingFetch(() => redirect(302, 'https://evil.example.com/steal'));
    await expect(
      createSignedFetch({ ...base, fetch: rec.fetch, crossOriginRedirect: 'error' })(
        `${API}/prod/x`,
      ),
    ).rejects.toMatchObject({ code: 'ERR_SIGV4_REDIRECT_BLOCKED' });
    expect(rec.sent).toHaveLength(1);
  });

  it("redirect: 'manual': the redirect is handed back", async () => {
    const rec = recordingFetch(() => redirect(302, '/prod/next'));
    const response = await createSignedFetch({ ...base, fetch: rec.fetch })(`${API}/prod/x`, {
      redirect: 'manual',
    });
    expect(response.status).toBe(302);
    expect(rec.sent).toHaveLength(1);
  });

  it("redirect: 'error': passed to fetch as is", async () => {
    const rec = recordingFetch();
    await createSignedFetch({ ...base, fetch: rec.fetch })(`${API}/prod/x`, { redirect: 'error' });
    expect(rec.sent[0]?.init.redirect).toBe('error');
  });

  it('a browser opaque redirect: ERR_SIGV4_REDIRECT_BLOCKED (the target is hidden, so it is not followed)', async () => {
    const opaque = new Response(null, { status: 200 });
    Object.defineProperty(opaque, 'type', { value: 'opaqueredirect' });
    const rec = recordingFetch(() => opaque);
    await expect(
      createSignedFetch({ ...base, fetch: rec.fetch })(`${API}/prod/x`),
    ).rejects.toMatchObject({
      code: 'ERR_SIGV4_REDIRECT_BLOCKED',
    });
  });

  it('a redirect loop ends after 20 hops with a TypeError', async () => {
    const rec = recordingFetch(() => redirect(302, '/prod/loop'));
    await expect(
      createSignedFetch({ ...base, fetch: rec.fetch })(`${API}/prod/loop`),
    ).rejects.toThrow(TypeError);
    expect(rec.sent).toHaveLength(21);
  });
});
