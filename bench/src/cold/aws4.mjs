// Cold start: import aws4 and sign one request with the credentials in the environment.
import aws4 from 'aws4';

const signed = aws4.sign({
  host: 'abc123defg.execute-api.eu-west-1.amazonaws.com',
  path: '/prod/items?limit=10&start=a',
  service: 'execute-api',
  region: 'eu-west-1',
  headers: { accept: 'application/json' },
});
process.stdout.write(JSON.stringify({ headers: signed.headers }));
