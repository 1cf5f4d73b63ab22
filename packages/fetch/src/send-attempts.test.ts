import { describe, expect, it } from 'vitest';
import { API, CREDENTIALS, recordingFetch, verifySent } from '../test/helpers.js';
import { createSignedFetch } from './create-signed-fetch.js';

const base = { credentials: CREDENTIALS };
const amzDate = (init: RequestInit) => new Headers(init.headers).get('x-amz-date');

/** A clock that moves one second per reading, so each signing has its own x-amz-date. */
function tickingClock(start = Date.parse('2024-05-01T12:00:00Z')) {
  let now = start;
  return () => {
    now += 1000;
    return new Date(now);
  };
}

describe('retries', () => {
  it('retries an idempotent method on 503, signing every attempt again', async () => {
    const rec = recordingFetch(
      (_s, i) => new Response(i < 2 ? 'busy' : 'ok', { status: i < 2 ? 503 : 200 }),
    );
    const clock = tickingClock();
    const response = await createSignedFetch({
      ...base,
      clock,
      fetch: rec.fetch,
      retry: { limit: 3, delay: () => 0 },
    })(`${API}/prod/r`);
    expect(response.status).toBe(200);
    expect(rec.sent).toHaveLength(3);
    const dates = rec.sent.map((s) => amzDate(s.init));
    expect(new Set(dates).size).toBe(3);
    const last = rec.sent[2]!;
    const verifierClock = () => new Date(Date.parse('2024-05-01T12:00:10Z'));
    expect((await verifySent(last, 'apigateway-rest', verifierClock)).ok).toBe(true);
  });

  it('stops at the limit and returns the last response', async () => {
    const rec = recordingFetch(() => new Response('busy', { status: 503 }));
    const response = await createSignedFetch({
      ...base,
      fetch: rec.fetch,
      retry: { limit: 2, delay: () => 0 },
    })(`${API}/prod/r`);
    expect(response.status).toBe(503);
    expect(rec.sent).toHaveLength(3);
  });

  it('never retries POST unless asked', async () => {
    const rec = recordingFetch(() => new Response('busy', { status: 503 }));
    const response = await createSignedFetch({
      ...base,
      fetch: rec.fetch,
      retry: { limit: 2, delay: () => 0 },
    })(`${API}/prod/r`, {
      method: 'POST',
      body: 'once',
    });
    expect(response.status).toBe(503);
    expect(rec.sent).toHaveLength(1);
  });

  it('retries POST when methods lists it, with the same body each time', async () => {
    const rec = recordingFetch((_s, i) => new Response('', { status: i === 0 ? 500 : 201 }));
    const response = await createSignedFetch({
      ...base,
      fetch: rec.fetch,
      retry: { limit: 1, methods: ['POST'], delay: () => 0 },
    })(`${API}/prod/r`, {
      method: 'POST',
      body: new Response('streamed').body,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(201);
    expect(rec.sent.map((s) => new TextDecoder().decode(s.init.body as Uint8Array))).toEqual([
      'streamed',
      'streamed',
    ]);
  });

  it('retries network errors but not aborts', async () => {
    let calls = 0;
    const flaky = (async () => {
      calls++;
      if (calls === 1) throw new TypeError('fetch failed');
      return new Response('ok');
    }) as typeof fetch;
    expect(
      (await createSignedFetch({ ...base, fetch: flaky, retry: { delay: () => 0 } })(`${API}/p`))
        .status,
    ).toBe(200);
    expect(calls).toBe(2);

    const controller = new AbortController();
    let aborted = 0;
    const aborting = (async () => {
      aborted++;
      controller.abort();
      throw new DOMException('aborted', 'AbortError');
    }) as typeof fetch;
    await expect(
      createSignedFetch({ ...base, fetch: aborting, retry: { delay: () => 0 } })(`${API}/p`, {
        signal: controller.signal,
      }),
    ).rejects.toThrow();
    expect(aborted).toBe(1);
  });

  it('no retries by default', async () => {
    const rec = recordingFetch(() => new Response('', { status: 503 }));
    await createSignedFetch({ ...base, fetch: rec.fetch })(`${API}/p`);
    expect(rec.sent).toHaveLength(1);
  });
});

describe('clock skew', () => {
  const expired = (now: string) =>
    new Response(
      JSON.stringify({
        message: `Signature expired: 20240501T120000Z is now earlier than 20240501T121500Z (${now} - 5 min.)`,
      }),
      { status: 403, headers: { 'x-amzn-ErrorType': 'InvalidSignatureException' } },
    );

  it('corrects the clock from the refusal, re-signs, retries once, and keeps the offset', async () => {
    const rec = recordingFetch((_s, i) =>
      i === 0 ? expired('20240501T122000Z') : new Response('ok'),
    );
    const clock = () => new Date('2024-05-01T12:00:00Z');
    const signedFetch = createSignedFetch({ ...base, clock, fetch: rec.fetch });
    expect((await signedFetch(`${API}/prod/s`)).status).toBe(200);
    expect(rec.sent.map((s) => amzDate(s.init))).toEqual(['20240501T120000Z', '20240501T122000Z']);
    const serverClock = () => new Date('2024-05-01T12:20:00Z');
    expect((await verifySent(rec.sent[1]!, 'apigateway-rest', serverClock)).ok).toBe(true);
    await signedFetch(`${API}/prod/later`);
    expect(amzDate(rec.sent[2]!.init)).toBe('20240501T122000Z');
  });

  it('uses the Date header when there is one, and retries only once', async () => {
    const rec = recordingFetch(() => {
      const r = expired('20240501T122000Z');
      r.headers.set('date', 'Wed, 01 May 2024 12:30:00 GMT');
      return r;
    });
    const clock = () => new Date('2024-05-01T12:00:00Z');
    const response = await createSignedFetch({ ...base, clock, fetch: rec.fetch })(`${API}/prod/s`);
    expect(response.status).toBe(403);
    expect(await response.text()).toMatch(/Signature expired/);
    expect(rec.sent.map((s) => amzDate(s.init))).toEqual(['20240501T120000Z', '20240501T123000Z']);
  });

  it('can be turned off', async () => {
    const rec = recordingFetch(() => expired('20240501T122000Z'));
    await createSignedFetch({ ...base, correctClockSkew: false, fetch: rec.fetch })(`${API}/p`);
    expect(rec.sent).toHaveLength(1);
  });
});
