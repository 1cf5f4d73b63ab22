// Cold start, "smithy glue": what a Node user writes with @smithy/signature-v4 (node:crypto
// Sha256) and fetch, sending one signed request through the same kind of stub fetch as
// cold/sigv4-fetch.mjs. The reference for issue #10's cold-start target.
import { createHash, createHmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';

class Sha256 {
  /** @param {string | Uint8Array} [secret] */
  constructor(secret) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', secret);
  }
  /** @param {Uint8Array} data */
  update(data) {
    this.hash.update(data);
  }
  async digest() {
    return new Uint8Array(this.hash.digest());
  }
}

/** @type {Headers | undefined} */
let sent;
/** @type {typeof fetch} */
const stubFetch = async (_input, init) => {
  sent = new Headers(init?.headers);
  return new Response(null);
};
const env = process.env;
const signer = new SignatureV4({
  credentials: {
    accessKeyId: env.AWS_ACCESS_KEY_ID ?? '',
    secretAccessKey: env.AWS_SECRET_ACCESS_KEY ?? '',
    sessionToken: env.AWS_SESSION_TOKEN,
  },
  region: env.AWS_REGION ?? 'eu-west-1',
  service: 'execute-api',
  sha256: Sha256,
});
const url = new URL(
  'https://abc123defg.execute-api.eu-west-1.amazonaws.com/prod/items?limit=10&start=a',
);
const signed = await signer.sign({
  method: 'GET',
  protocol: url.protocol,
  hostname: url.hostname,
  path: url.pathname,
  query: Object.fromEntries(url.searchParams),
  headers: { accept: 'application/json', host: url.host },
});
const { host, ...headers } = signed.headers;
await stubFetch(url, { headers });
process.stdout.write(JSON.stringify({ headers: Object.fromEntries(sent ?? []) }));
