// Cold start: import @sigv4/fetch (built) and send one signed request through a stub fetch.
import { createSignedFetch } from '@sigv4/fetch';

/** @type {Headers | undefined} */
let sent;
const signedFetch = createSignedFetch({
  fetch: async (input, init) => {
    sent = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
    return new Response(null);
  },
});
await signedFetch(
  'https://abc123defg.execute-api.eu-west-1.amazonaws.com/prod/items?limit=10&start=a',
  {
    headers: { accept: 'application/json' },
  },
);
process.stdout.write(JSON.stringify({ headers: Object.fromEntries(sent ?? []) }));
