// Cold start: import aws-sigv4-fetch and sign one request; without a credentials option it
// takes them from the AWS SDK default chain (environment first), as in Lambda.
import { createSignedFetcher } from 'aws-sigv4-fetch';

/** @type {Request | undefined} */
let sent;
const signedFetch = createSignedFetcher({
  service: 'execute-api',
  region: 'eu-west-1',
  fetch: /** @type {any} */ (
    async (/** @type {Request} */ request) => {
      sent = request;
      return new Response(null);
    }
  ),
});
await signedFetch(
  'https://abc123defg.execute-api.eu-west-1.amazonaws.com/prod/items?limit=10&start=a',
  {
    headers: { accept: 'application/json' },
  },
);
process.stdout.write(JSON.stringify({ headers: Object.fromEntries(sent?.headers ?? []) }));
