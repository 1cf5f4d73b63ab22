import { describe, expectTypeOf, it } from 'vitest';
import { createSignedFetch, presignUrl, wrapGlobalFetch } from '../src/index.js';

describe('@sigv4/fetch types', () => {
  it('createSignedFetch returns exactly the type of fetch', () => {
    expectTypeOf(createSignedFetch()).toEqualTypeOf<typeof globalThis.fetch>();
    expectTypeOf(createSignedFetch({ region: 'eu-west-1', maxBodyBytes: 1024 })).toEqualTypeOf<
      typeof fetch
    >();
  });

  it('every option is optional, and options are checked', () => {
    expectTypeOf(createSignedFetch)
      .parameter(0)
      .toEqualTypeOf<Parameters<typeof createSignedFetch>[0]>();
    // @ts-expect-error region must be a string
    createSignedFetch({ region: 5 });
    // @ts-expect-error no such option
    createSignedFetch({ regoin: 'eu-west-1' });
  });

  it('wrapGlobalFetch returns the restore function; presignUrl a URL string', () => {
    expectTypeOf(wrapGlobalFetch()).toEqualTypeOf<() => void>();
    expectTypeOf(presignUrl('https://abc.lambda-url.eu-west-1.on.aws/')).resolves.toBeString();
  });
});
