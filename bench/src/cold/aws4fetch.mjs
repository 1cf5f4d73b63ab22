// Cold start: import aws4fetch and sign one request (it takes credentials only as values).
import { AwsClient } from 'aws4fetch';

const env = process.env;
const client = new AwsClient({
  accessKeyId: env.AWS_ACCESS_KEY_ID ?? '',
  secretAccessKey: env.AWS_SECRET_ACCESS_KEY ?? '',
  sessionToken: env.AWS_SESSION_TOKEN,
});
const request = await client.sign(
  'https://abc123defg.execute-api.eu-west-1.amazonaws.com/prod/items?limit=10&start=a',
  { headers: { accept: 'application/json' } },
);
process.stdout.write(JSON.stringify({ headers: Object.fromEntries(request.headers) }));
