import { describe, expect, it } from 'vitest';
import { createClockSkewStore } from './clock-skew-store.js';
import { type RedirectStep, sendSigned, type TransportRequest } from './send-signed.js';
import { resolveSigningOptions } from './signing-options.js';

// The pipeline's beforeRedirect hook, with a scripted transport: every hop is recorded.
function scripted(answers: Array<{ status: number; location?: string }>) {
  const sent: TransportRequest[] = [];
  const transport = async (request: TransportRequest) => {
    sent.push(request);
    const answer = answers[sent.length - 1] ?? { status: 200 };
    return {
      status: answer.status,
      header: (name: string) => (name === 'location' ? (answer.location ?? null) : null),
      peekText: async () => ({ text: '', response: undefined as never }),
      discard: async () => undefined,
      value: `answer ${sent.length}`,
    };
  };
  return { sent, transport };
}

const sign = async (request: { url: URL }) => ({
  url: request.url.href,
  headers: { authorization: 'AWS4-HMAC-SHA256 test', 'x-amz-date': '20260101T000000Z' },
});

function send(
  answers: Array<{ status: number; location?: string }>,
  beforeRedirect: (step: RedirectStep<string>) => void | Promise<void>,
) {
  const { sent, transport } = scripted(answers);
  const result = sendSigned(
    {
      method: 'POST',
      url: new URL('https://a.example/start'),
      headers: new Headers({ 'x-keep': '1', cookie: 'c=1' }),
      body: 'payload',
    },
    {
      transport,
      sign,
      policy: resolveSigningOptions({}, 'test'),
      skew: createClockSkewStore(),
      beforeRedirect,
    },
  );
  return { sent, result };
}

describe('sendSigned: beforeRedirect', () => {
  it('is called for every hop with what is about to be sent, and can change its headers', async () => {
    const steps: Array<Omit<RedirectStep<string>, 'headers'> & { headers: string[][] }> = [];
    const { sent, result } = send(
      [
        { status: 302, location: '/second' },
        { status: 307, location: 'https://b.example/third' },
      ],
      (step) => {
        steps.push({ ...step, headers: [...step.headers] });
        step.headers.set('x-hop', step.url.pathname);
      },
    );
    expect((await result).value).toBe('answer 3');
    expect(steps.map((s) => [s.status, s.from.href, s.url.href, s.method, s.crossOrigin])).toEqual([
      [302, 'https://a.example/start', 'https://a.example/second', 'GET', false],
      [307, 'https://a.example/second', 'https://b.example/third', 'GET', true],
    ]);
    expect(steps[0]?.response).toBe('answer 1');
    // Another origin: the cookie is gone before the hook sees the hop.
    expect(steps[1]?.headers.some(([name]) => name === 'cookie')).toBe(false);
    expect(sent.map((r) => [r.signed, new Headers(r.headers).get('x-hop')])).toEqual([
      [true, null],
      [true, '/second'],
      [false, '/third'],
    ]);
  });

  it('a throw refuses the redirect: the call rejects with it and nothing more is sent', async () => {
    const refusal = new Error('internal host');
    const { sent, result } = send([{ status: 302, location: 'https://internal.example/' }], () => {
      throw refusal;
    });
    await expect(result).rejects.toBe(refusal);
    expect(sent).toHaveLength(1);
  });
});
