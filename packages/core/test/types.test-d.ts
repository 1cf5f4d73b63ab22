import { describe, expectTypeOf, it } from 'vitest';
import {
  type AwsCredentials,
  createSigner,
  isSigV4Error,
  type SignedRequest,
  type SigV4Error,
} from '../src/index.node.js';

describe('@sigv4/core types', () => {
  it('credentials are a value or a (sync or async) provider', () => {
    const value: AwsCredentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 's' };
    createSigner({ credentials: value });
    createSigner({ credentials: () => value });
    createSigner({ credentials: async () => value });
    // @ts-expect-error the secret is required
    createSigner({ credentials: { accessKeyId: 'AKIDEXAMPLE' } });
  });

  it('sign resolves to the URL to send and the headers to add', () => {
    expectTypeOf(createSigner().sign).returns.resolves.toEqualTypeOf<SignedRequest>();
    expectTypeOf<SignedRequest['url']>().toBeString();
    expectTypeOf<SignedRequest['headers']>().toEqualTypeOf<Readonly<Record<string, string>>>();
  });

  it('presign takes signed headers and a body or its hash', () => {
    const signer = createSigner();
    signer.presign('https://abc.execute-api.eu-west-1.amazonaws.com/prod', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: new Uint8Array([1]),
    });
    signer.presign('https://abc.execute-api.eu-west-1.amazonaws.com/prod', {
      payloadHash: 'UNSIGNED-PAYLOAD',
    });
    // @ts-expect-error a payload hash is a string
    signer.presign('https://abc.execute-api.eu-west-1.amazonaws.com/prod', { payloadHash: 1 });
  });

  it('isSigV4Error narrows', () => {
    const error: unknown = new Error('x');
    if (isSigV4Error(error)) expectTypeOf(error).toEqualTypeOf<SigV4Error>();
  });
});
