import { type IamEmulator, startIamEmulator } from '@sigv4/msw/server';
import { AxiosError } from 'axios';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addBook, createApiClient, searchBooks } from '../src/api-client.mjs';

const credentials = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
};

let emulator: IamEmulator;
beforeAll(async () => {
  emulator = await startIamEmulator({
    emulate: 'apigateway-rest',
    region: 'us-west-2',
    credentials: [credentials],
  });
});
afterAll(() => emulator.close());

function client(overrides: { secretAccessKey?: string } = {}) {
  return createApiClient({
    baseURL: `${emulator.url}/prod`,
    service: 'execute-api',
    region: 'us-west-2',
    credentials: { ...credentials, ...overrides },
  });
}

describe('axios example against a REST API emulator', () => {
  it('GET with params and POST with a JSON body arrive signed and verified', async () => {
    const api = client();
    await searchBooks(api, 'C++ & Lisp');
    const get = emulator.requests.at(-1);
    expect(get?.raw.method).toBe('GET');
    expect(get?.raw.target).toBe('/prod/books?q=C%2B%2B%20%26%20Lisp&limit=5');
    expect(get?.result).toMatchObject({
      ok: true,
      identity: { accessKeyId: 'AKIDEXAMPLE', region: 'us-west-2', service: 'execute-api' },
    });

    const echoed = await addBook(api, { title: 'Notes', author: 'Ada Lovelace' });
    const post = emulator.requests.at(-1);
    expect(new TextDecoder().decode(post?.raw.body)).toBe(
      '{"title":"Notes","author":"Ada Lovelace"}',
    );
    expect(post?.result.ok).toBe(true);
    expect(echoed).toMatchObject({ method: 'POST', path: '/prod/books' });
  });

  it("a wrong secret gets API Gateway's signature mismatch, with its error type", async () => {
    const error = await searchBooks(client({ secretAccessKey: 'not-the-secret' }), 'x').catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(AxiosError);
    const response = (error as AxiosError).response;
    expect(response?.status).toBe(403);
    expect(response?.headers['x-amzn-errortype']).toBe('InvalidSignatureException');
    expect((response?.data as { message?: string } | undefined)?.message).toMatch(
      /^The request signature we calculated does not match the signature you provided\./,
    );
  });
});
