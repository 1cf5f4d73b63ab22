import axios from 'axios';
import { describe, expectTypeOf, it } from 'vitest';
import { addSigV4Interceptor, createSigV4Interceptor } from '../src/index.js';

describe('@sigv4/axios types', () => {
  it('the interceptor fits interceptors.request.use, and add returns the eject function', () => {
    const api = axios.create();
    api.interceptors.request.use(createSigV4Interceptor({ region: 'eu-west-1' }));
    expectTypeOf(addSigV4Interceptor(api)).toEqualTypeOf<() => void>();
    // @ts-expect-error no such option
    createSigV4Interceptor({ regoin: 'eu-west-1' });
    // The shared options vocabulary of @sigv4/core.
    createSigV4Interceptor({ retry: { limit: 2, methods: ['GET'] }, crossOriginRedirect: 'error' });
    // @ts-expect-error not a cross-origin policy
    createSigV4Interceptor({ crossOriginRedirect: 'follow' });
  });

  it("a request's own sigv4 scope is part of axios's config type; signQuery is an option", () => {
    const api = axios.create();
    void api.get('https://example.com', { sigv4: { service: 'lambda', region: 'us-east-1' } });
    // @ts-expect-error service is a string
    void api.get('https://example.com', { sigv4: { service: 5 } });
    createSigV4Interceptor({ signQuery: true });
  });
});
