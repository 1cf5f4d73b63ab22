// Cold start: @smithy/signature-v4 with @aws-crypto/sha256-js, credentials from the environment.
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';

const env = process.env;
const signer = new SignatureV4({
  credentials: {
    accessKeyId: env.AWS_ACCESS_KEY_ID ?? '',
    secretAccessKey: env.AWS_SECRET_ACCESS_KEY ?? '',
    sessionToken: env.AWS_SESSION_TOKEN,
  },
  region: 'eu-west-1',
  service: 'execute-api',
  sha256: Sha256,
});
const host = 'abc123defg.execute-api.eu-west-1.amazonaws.com';
const signed = await signer.sign({
  method: 'GET',
  protocol: 'https:',
  hostname: host,
  path: '/prod/items',
  query: { limit: '10', start: 'a' },
  headers: { accept: 'application/json', host },
});
process.stdout.write(JSON.stringify({ headers: signed.headers }));
