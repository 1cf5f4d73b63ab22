import { createHash } from 'node:crypto';
import { isSigV4Error } from '@sigv4/core';
import { describe, expect, it, vi } from 'vitest';
import { stubNoAwsCredentials } from '../../../test-fixtures/no-aws-credentials.js';
import { API, CREDENTIALS, LAMBDA, recordingFetch, verifySent } from '../test/helpers.js';
import { createSignedFetch } from './create-signed-fetch.js';
import { presignUrl } from './presign-url.js';

const base = { credentials: CREDENTIALS };

describe('createSignedFetch: inputs', () => {
  it('signs a string URL with no init, verifiably', async () => {
    const rec = recordingFetch();
    await createSignedFetch({ ...base, fetch: rec.fetch })(`${API}/prod/items`);
    expect(rec.sent).toHaveLength(1);
    expect((await verifySent(rec.sent[0]!)).ok).toBe(true);
  });

  it('leaves the caller init, its headers and a Request untouched', async () => {
    const rec = recordingFetch();
    const signedFetch = createSignedFetch({ ...base, fetch: rec.fetch });
    const headers = new Headers({ 'x-custom': 'a' });
    const init = Object.freeze({ method: 'post', headers, body: 'hi' });
    await signedFetch(`${API}/prod/a`, init);
    expect([...headers]).toEqual([['x-custom', 'a']]);
    expect(init.method).toBe('post');

    const request = new Request(`${API}/prod/b`, {
      method: 'PUT',
      body: 'payload',
      headers: { 'x-a': '1' },
    });
    await signedFetch(request);
    // As fetch: the Request's body is used up by the call; its headers are not touched.
    expect(request.bodyUsed).toBe(true);
    expect([...request.headers]).toEqual([
      ['content-type', 'text/plain;charset=UTF-8'],
      ['x-a', '1'],
    ]);
    for (const sent of rec.sent) expect((await verifySent(sent)).ok).toBe(true);
  });

  it('carries signal, cache, credentials, mode, keepalive, referrerPolicy, integrity and unknown init keys over', async () => {
    const rec = recordingFetch();
    const signedFetch = createSignedFetch({ ...base, fetch: rec.fetch });
    const controller = new AbortController();
    const init = {
      signal: controller.signal,
      cache: 'no-store',
      credentials: 'include',
      mode: 'cors',
      keepalive: true,
      referrerPolicy: 'no-referrer',
      integrity: '',
      dispatcher: 'custom-dispatcher',
    } as RequestInit;
    await signedFetch(`${API}/prod/x`, init);
    expect(rec.sent[0]?.init).toMatchObject({ ...init, redirect: 'manual', method: 'GET' });

    const request = new Request(`${API}/prod/y`, {
      signal: controller.signal,
      cache: 'no-cache',
      credentials: 'omit',
      mode: 'same-origin',
      keepalive: true,
      referrerPolicy: 'origin',
    });
    await signedFetch(request);
    const carried = rec.sent[1]?.init;
    expect(carried).toMatchObject({
      cache: 'no-cache',
      credentials: 'omit',
      mode: 'same-origin',
      keepalive: true,
      referrerPolicy: 'origin',
    });
    controller.abort();
    expect(carried?.signal?.aborted).toBe(true);
  });

  it('passes on only the Request fields that were set (runtimes lacking one are not handed it)', async () => {
    const rec = recordingFetch();
    await createSignedFetch({ ...base, fetch: rec.fetch })(new Request(`${API}/prod/plain`));
    expect(Object.keys(rec.sent[0]?.init ?? {}).sort()).toEqual([
      'body',
      'headers',
      'method',
      'redirect',
      'signal',
    ]);
  });

  it('init wins over the Request (method, headers, body), as in new Request(input, init)', async () => {
    const rec = recordingFetch();
    const request = new Request(`${API}/prod/z`, {
      method: 'PUT',
      body: 'old',
      headers: { 'x-old': '1' },
    });
    await createSignedFetch({ ...base, fetch: rec.fetch })(request, {
      method: 'POST',
      body: 'new',
      headers: { 'x-new': '2' },
    });
    const sent = rec.sent[0]!;
    const headers = new Headers(sent.init.headers);
    expect(sent.init.method).toBe('POST');
    expect(sent.init.body).toBe('new');
    expect(headers.has('x-old')).toBe(false);
    expect(headers.get('x-new')).toBe('2');
    expect((await verifySent(sent)).ok).toBe(true);
  });

  it('sends and signs the method as fetch normalises it: post becomes POST, patch stays patch', async () => {
    const rec = recordingFetch();
    const signedFetch = createSignedFetch({ ...base, fetch: rec.fetch });
    await signedFetch(`${API}/prod/p`, { method: 'patch', body: '{}' });
    await signedFetch(`${API}/prod/p`, { method: 'post', body: '{}' });
    await signedFetch(new Request(`${API}/prod/p`, { method: 'delete' }));
    expect(rec.sent.map((s) => s.init.method)).toEqual(['patch', 'POST', 'DELETE']);
    for (const sent of rec.sent) expect((await verifySent(sent)).ok).toBe(true);
  });

  it('sends an already-signed request (Authorization, presigned URL) untouched: nesting never signs twice', async () => {
    const rec = recordingFetch();
    const inner = createSignedFetch({ ...base, fetch: rec.fetch });
    const outer = createSignedFetch({ ...base, fetch: inner });
    await outer(`${API}/prod/nested`, { method: 'POST', body: 'x' });
    expect(rec.sent).toHaveLength(1);
    expect((await verifySent(rec.sent[0]!)).ok).toBe(true);
    const presigned = await presignUrl(`${API}/prod/p`, base);
    await inner(presigned);
    expect(rec.sent[1]?.url).toBe(presigned);
    expect(rec.sent[1]?.init).toEqual({});
  });
});

describe('createSignedFetch: refusals send nothing', () => {
  const cases: [
    string,
    import('@sigv4/core').SigV4ErrorCode,
    (f: typeof fetch) => Promise<unknown>,
  ][] = [
    [
      'unknown host without service/region',
      'ERR_SIGV4_SCOPE_UNRESOLVED',
      (f) => f('https://api.example.com/items'),
    ],
    ['an invalid URL', 'ERR_SIGV4_INVALID_URL', (f) => f('not a url')],
    [
      'a locked stream',
      'ERR_SIGV4_BODY_UNREADABLE',
      (f) => {
        const body = new Response('x').body!;
        body.getReader();
        return f(`${API}/prod`, { method: 'POST', body, duplex: 'half' } as RequestInit);
      },
    ],
    [
      'an already-read Request',
      'ERR_SIGV4_BODY_UNREADABLE',
      async (f) => {
        const request = new Request(`${API}/prod`, { method: 'POST', body: 'x' });
        await request.text();
        return f(request);
      },
    ],
    [
      'a body over the limit',
      'ERR_SIGV4_BODY_TOO_LARGE',
      (f) => f(`${API}/prod`, { method: 'POST', body: new Uint8Array(2048) }),
    ],
    [
      'a stream over the limit',
      'ERR_SIGV4_BODY_TOO_LARGE',
      (f) =>
        f(`${API}/prod`, {
          method: 'POST',
          body: new Response(new Uint8Array(4096)).body,
          duplex: 'half',
        } as RequestInit),
    ],
  ];
  it.each(cases)('%s: %s', async (_name, code, call) => {
    const rec = recordingFetch();
    const credentials = vi.fn(async () => CREDENTIALS);
    const error = await call(
      createSignedFetch({ credentials, fetch: rec.fetch, maxBodyBytes: 1024 }),
    ).catch((e: unknown) => e);
    // What fetch itself refuses is fetch's TypeError, our error its cause.
    const fetchRefuses = code === 'ERR_SIGV4_INVALID_URL' || code === 'ERR_SIGV4_BODY_UNREADABLE';
    expect(error instanceof TypeError).toBe(fetchRefuses);
    expect(isSigV4Error(fetchRefuses ? (error as Error).cause : error, code)).toBe(true);
    expect(rec.spy).not.toHaveBeenCalled();
    expect(String((error as Error).message)).not.toContain(CREDENTIALS.secretAccessKey);
  });

  it('missing credentials (no environment, no profile, no instance metadata): ERR_SIGV4_CREDENTIALS_MISSING', async () => {
    stubNoAwsCredentials(vi.stubEnv);
    const rec = recordingFetch();
    const error = await createSignedFetch({ fetch: rec.fetch })(`${API}/prod`).catch(
      (e: unknown) => e,
    );
    expect(isSigV4Error(error, 'ERR_SIGV4_CREDENTIALS_MISSING')).toBe(true);
    expect((error as { method?: string }).method).toBe('GET');
    expect(rec.spy).not.toHaveBeenCalled();
  });

  it('GET with a body: the TypeError fetch throws, nothing sent', async () => {
    const rec = recordingFetch();
    await expect(
      createSignedFetch({ ...base, fetch: rec.fetch })(`${API}/p`, { body: 'x' }),
    ).rejects.toThrow(TypeError);
    expect(rec.spy).not.toHaveBeenCalled();
  });

  it('an aborted signal: rejects with its reason, nothing sent', async () => {
    const rec = recordingFetch();
    const reason = new Error('stop');
    await expect(
      createSignedFetch({ ...base, fetch: rec.fetch })(`${API}/p`, {
        signal: AbortSignal.abort(reason),
      }),
    ).rejects.toBe(reason);
    expect(rec.spy).not.toHaveBeenCalled();
  });

  it('a presign expiry over 7 days: ERR_SIGV4_PRESIGN_EXPIRY_INVALID before credentials are resolved', async () => {
    const credentials = vi.fn(async () => CREDENTIALS);
    await expect(
      presignUrl(`${LAMBDA}/`, { credentials, expiresIn: 604_801 }),
    ).rejects.toMatchObject({
      code: 'ERR_SIGV4_PRESIGN_EXPIRY_INVALID',
    });
    expect(credentials).not.toHaveBeenCalled();
  });

  it('options with the wrong type: ERR_SIGV4_INVALID_OPTION naming the option', () => {
    expect(() => createSignedFetch({ maxBodyBytes: -1 })).toThrow(/maxBodyBytes/);
    expect(() => createSignedFetch({ retry: 99 })).toThrow(/retry/);
    expect(() => createSignedFetch({ mode: 'nope' as 'sign' })).toThrow(/mode/);
  });

  it.each([
    [{ servce: 'execute-api' }, 'servce', 'service'],
    [{ Region: 'eu-west-1' }, 'Region', 'region'],
    [{ crossOriginRedirects: 'error' }, 'crossOriginRedirects', 'crossOriginRedirect'],
    [{ fetchImpl: fetch }, 'fetchImpl', undefined],
  ])('an unknown option %o is refused, with the nearest one', (options, key, near) => {
    let error: unknown;
    try {
      createSignedFetch(options as never);
    } catch (e) {
      error = e;
    }
    expect(isSigV4Error(error, 'ERR_SIGV4_INVALID_OPTION')).toBe(true);
    const { message } = error as Error;
    expect(message).toContain(`\`${key}\``);
    if (near) expect(message).toContain(`did you mean \`${near}\``);
    else expect(message).not.toContain('did you mean');
  });
});

describe('createSignedFetch: credentials', () => {
  it('a thousand concurrent requests cause one provider call', async () => {
    const rec = recordingFetch();
    const credentials = vi.fn(async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      return CREDENTIALS;
    });
    const signedFetch = createSignedFetch({ credentials, fetch: rec.fetch });
    await Promise.all(Array.from({ length: 1000 }, (_, i) => signedFetch(`${API}/prod/${i}`)));
    expect(credentials).toHaveBeenCalledTimes(1);
    expect(rec.sent).toHaveLength(1000);
    expect((await verifySent(rec.sent[999]!)).ok).toBe(true);
  });

  it('with no options, signs with the environment credentials as Lambda sets them', async () => {
    vi.stubEnv('AWS_ACCESS_KEY_ID', CREDENTIALS.accessKeyId);
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', CREDENTIALS.secretAccessKey);
    vi.stubEnv('AWS_SESSION_TOKEN', CREDENTIALS.sessionToken);
    const rec = recordingFetch();
    vi.stubGlobal('fetch', rec.fetch);
    await createSignedFetch()(`${LAMBDA}/hook`, { method: 'POST', body: '{"a":1}' });
    const sent = rec.sent[0]!;
    expect(new Headers(sent.init.headers).get('x-amz-security-token')).toBe(
      CREDENTIALS.sessionToken,
    );
    const result = await verifySent(sent, 'lambda-url');
    expect(result.ok && result.identity.service).toBe('lambda');
  });
});

describe("mode: 'content-sha256' (Lambda function URL behind CloudFront OAC)", () => {
  it('adds the body hash, signs nothing, resolves no credentials', async () => {
    const rec = recordingFetch();
    const credentials = vi.fn(async () => CREDENTIALS);
    const body = '{"name":"Ada"}';
    await createSignedFetch({ mode: 'content-sha256', credentials, fetch: rec.fetch })(
      'https://d111111abcdef8.cloudfront.net/api',
      {
        method: 'POST',
        body,
      },
    );
    const headers = new Headers(rec.sent[0]?.init.headers);
    expect(headers.get('x-amz-content-sha256')).toBe(
      createHash('sha256').update(body).digest('hex'),
    );
    expect(headers.has('authorization')).toBe(false);
    expect(headers.has('x-amz-date')).toBe(false);
    expect(credentials).not.toHaveBeenCalled();
  });
});
