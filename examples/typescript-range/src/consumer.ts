// What an application writes: every package's main entry, called as its README shows, with the
// strictest options a consumer may have on. Nothing here is run; tsc checks it (check.mjs).

import { addSigV4Interceptor } from '@sigv4/axios';
import { createSigner, isSigV4Error, type SigningOptions } from '@sigv4/core';
import { createSignedFetch, presignUrl, wrapGlobalFetch } from '@sigv4/fetch';
import { sigv4Handler } from '@sigv4/msw';
import axios from 'axios';

const options: SigningOptions = { region: 'eu-west-1', service: 'execute-api' };
export const signer = createSigner(options);
export const signedFetch: typeof fetch = createSignedFetch(options);
export const restore: () => void = wrapGlobalFetch({ hosts: ['api.example.com'] });
export const url: Promise<string> = presignUrl('https://abc.lambda-url.eu-west-1.on.aws/', {
  expiresIn: 300,
});
export const eject = addSigV4Interceptor(axios.create());
export const handler = sigv4Handler({
  hosts: ['*.execute-api.eu-west-1.amazonaws.com'],
  credentials: [{ accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' }],
});
export function code(error: unknown): string | undefined {
  return isSigV4Error(error) ? error.code : undefined;
}
