import type { SignedRequestInfo } from '@sigv4/core';
import { describe, expect, it } from 'vitest';
import { createSignedFetch } from './create-signed-fetch.js';

const TOKEN = 'IQoJb3JpZ2luX2VjEXAMPLE/session+token==';
const credentials = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  sessionToken: TOKEN,
};

describe('onSigned', () => {
  it('gets what was signed, with the session token redacted and no secret, while the request carries the token', async () => {
    const seen: SignedRequestInfo[] = [];
    const sent: Request[] = [];
    const signedFetch = createSignedFetch({
      credentials,
      onSigned: (info) => seen.push(info),
      fetch: async (input, init) => {
        sent.push(new Request(input, init));
        return new Response('ok');
      },
    });
    await signedFetch('https://abc.execute-api.eu-west-1.amazonaws.com/prod/items?q=1');
    expect(sent[0]?.headers.get('x-amz-security-token')).toBe(TOKEN);
    expect(seen).toHaveLength(1);
    const logged = JSON.stringify(seen);
    expect(logged).not.toContain(TOKEN);
    expect(logged).not.toContain(credentials.secretAccessKey);
    expect(seen[0]?.canonicalRequest).toContain('x-amz-security-token:[redacted]');
    expect(seen[0]?.signedHeaders).toContain('x-amz-security-token');
  });
});
