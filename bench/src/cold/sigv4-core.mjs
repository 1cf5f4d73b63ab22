// Cold start: import @sigv4/core (Node entry, built) and sign one request with the default
// credentials (the environment, as in Lambda).
import { createSigner } from '@sigv4/core';

const signed = await createSigner().sign({
  method: 'GET',
  url: 'https://abc123defg.execute-api.eu-west-1.amazonaws.com/prod/items?limit=10&start=a',
  headers: { accept: 'application/json' },
});
process.stdout.write(
  JSON.stringify({ headers: { accept: 'application/json', ...signed.headers } }),
);
