import axios, { type InternalAxiosRequestConfig } from 'axios';
import { describe, expect, it } from 'vitest';
import { addSigV4Interceptor } from './interceptor.js';
import type { SignedRequestInfo } from './options.js';

const TOKEN = 'IQoJb3JpZ2luX2VjEXAMPLE/session+token==';
const credentials = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  sessionToken: TOKEN,
};

describe('onSigned', () => {
  it('gets what was signed, with the session token redacted and no secret, while the request carries the token', async () => {
    const seen: SignedRequestInfo[] = [];
    const tokens: unknown[] = [];
    const api = axios.create({
      adapter: async (config: InternalAxiosRequestConfig) => {
        tokens.push(config.headers.get('x-amz-security-token'));
        return { data: 'ok', status: 200, statusText: 'OK', headers: {}, config };
      },
    });
    addSigV4Interceptor(api, { credentials, onSigned: (info) => seen.push(info) });
    await api.get('https://abc.execute-api.eu-west-1.amazonaws.com/prod/items', {
      params: { q: 'a b' },
    });
    expect(tokens).toEqual([TOKEN]);
    expect(seen).toHaveLength(1);
    const logged = JSON.stringify(seen);
    expect(logged).not.toContain(TOKEN);
    expect(logged).not.toContain(credentials.secretAccessKey);
    expect(seen[0]?.canonicalRequest).toContain('x-amz-security-token:[redacted]');
  });
});
