import { describe, expect, it } from 'vitest';
import { SigV4Error } from './errors.js';
import { createSigner, presignUrl } from './index.node.js';
import { redactCanonicalRequest, redactHeaders, redactText, redactUrl } from './redact.js';

const TOKEN = 'IQoJb3JpZ2luX2VjEXAMPLE/token+part==';
const credentials = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  sessionToken: TOKEN,
};

describe('redactCanonicalRequest', () => {
  it('hides the session token of a header-mode canonical request and keeps the rest', async () => {
    const signed = await createSigner({ credentials }).sign({
      method: 'GET',
      url: 'https://abc.execute-api.eu-west-1.amazonaws.com/prod/items?a=1',
    });
    expect(signed.canonicalRequest).toContain(`x-amz-security-token:${TOKEN}`);
    const redacted = redactCanonicalRequest(signed.canonicalRequest);
    expect(redacted).not.toContain(TOKEN);
    expect(redacted).toContain('x-amz-security-token:[redacted]');
    expect(redacted.split('\n')).toHaveLength(signed.canonicalRequest.split('\n').length);
    expect(signed.stringToSign).not.toContain(TOKEN);
  });

  it('hides the token of a presigned canonical query', async () => {
    const url = await presignUrl('https://abc.lambda-url.eu-west-1.on.aws/r', { credentials });
    const canonical = `GET\n/r\nX-Amz-Security-Token=${encodeURIComponent(TOKEN)}&X-Amz-SignedHeaders=host\nhost:x\n\nhost\nUNSIGNED-PAYLOAD`;
    expect(url).toContain('X-Amz-Security-Token=');
    expect(redactCanonicalRequest(canonical)).toContain(
      'X-Amz-Security-Token=[redacted]&X-Amz-SignedHeaders=host',
    );
  });
});

const SIG = 'c'.repeat(64);

describe('redaction', () => {
  it('redactUrl keeps origin and path only', () => {
    expect(redactUrl('https://h.example/a/b?X-Amz-Signature=1')).toBe('https://h.example/a/b?…');
    expect(redactUrl('nonsense')).toBe('(invalid URL)');
  });

  it('redactText removes queries, signatures and tokens, keeps prose', () => {
    const text = `"http://[x?X-Amz-Security-Token=TOK" failed. Why? Signature=${SIG}, x-amz-security-token: TOK2`;
    const out = redactText(text);
    expect(out).not.toContain('TOK');
    expect(out).not.toContain(SIG);
    expect(out).toContain('Why? ');
  });

  it('redactHeaders hides authorization and the token', () => {
    expect(
      redactHeaders(
        new Headers({ authorization: 'AWS4-HMAC-SHA256 x', 'x-amz-security-token': 't', a: '1' }),
      ),
    ).toEqual({ authorization: '[redacted]', 'x-amz-security-token': '[redacted]', a: '1' });
  });

  it('SigV4Error redacts its message and a cause that holds a URL', () => {
    const cause = Object.assign(new TypeError(`Invalid URL http://x/?X-Amz-Signature=${SIG}`), {
      input: `http://x/?X-Amz-Signature=${SIG}`,
    });
    const error = new SigV4Error('ERR_SIGV4_INVALID_URL', `"http://x/?a=${SIG}" is not valid`, {
      cause,
    });
    expect(error.message).not.toContain(SIG);
    expect(error.stack).not.toContain(SIG);
    const kept = error.cause as TypeError & { input: string };
    expect(kept).toBeInstanceOf(TypeError);
    expect(kept.input).not.toContain(SIG);
    expect(kept.message).not.toContain(SIG);
  });
});
