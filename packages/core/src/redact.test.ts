import { describe, expect, it } from 'vitest';
import { createSigner, presignUrl } from './index.node.js';
import { redactCanonicalRequest } from './redact.js';

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
