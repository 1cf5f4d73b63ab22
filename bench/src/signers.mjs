// Every signer of the signing scenario, each adapted to one shape: `prepare(scenario)` returns an
// async `op` that signs the scenario's request once (the timed work) and `headers(output)` that
// turns what the op returned into the headers that would go on the wire (not timed; used to
// verify the signature with @sigv4/msw).
import { createHash, createHmac } from 'node:crypto';
import { Sha256 as JsSha256 } from '@aws-crypto/sha256-js';
import * as core from '@sigv4/core';
import { createSignedFetch } from '@sigv4/fetch';
import { SignatureV4 } from '@smithy/signature-v4';
import { createSignedFetcher } from 'aws-sigv4-fetch';
import aws4 from 'aws4';
import { aws4Interceptor } from 'aws4-axios';
import { AwsClient } from 'aws4fetch';
import axios, { AxiosHeaders } from 'axios';
import { CREDENTIALS, lowerKeys, REGION } from './common.mjs';

/** @typedef {import('./common.mjs').Scenario} Scenario */
/**
 * @typedef {{ op: () => Promise<unknown> | unknown,
 *   headers: (output: any) => Record<string, string> }} Prepared
 * @typedef {{ id: string, name: string, group: 'floor' | 'ours' | 'peer',
 *   prepare: (s: Scenario) => Prepared }} Signer
 */

/** SHA-256 / HMAC-SHA256 on node:crypto in the shape smithy takes (what a user would write). */
export class NodeSha256 {
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

/** The portable (non-Node) entry of @sigv4/core, loaded from its build. */
const corePortable = await import(
  new URL('../node_modules/@sigv4/core/dist/index.js', import.meta.url).href
);

/** @param {Headers} h */
const fromHeaders = (h) => Object.fromEntries(h);

/** @param {Date} date */
const amzDate = (date) => date.toISOString().replace(/[-:]|\.\d{3}/g, '');

/**
 * The floor: the irreducible work of one signature with node:crypto. Payload digest, canonical
 * request (headers known and sorted in advance), its digest, one HMAC with a signing key
 * derived once. It produces a valid signature, which is checked like everyone else's.
 * @param {Scenario} s
 */
function floor(s) {
  const date = amzDate(new Date()).slice(0, 8);
  const scope = `${date}/${REGION}/${s.service}/aws4_request`;
  let key = createHmac('sha256', `AWS4${CREDENTIALS.secretAccessKey}`).update(date).digest();
  for (const part of [REGION, s.service, 'aws4_request'])
    key = createHmac('sha256', key).update(part).digest();
  const base = lowerKeys(s.headers);
  const names = [...Object.keys(base), 'host', 'x-amz-content-sha256', 'x-amz-date'];
  names.push('x-amz-security-token');
  names.sort();
  const signedHeaders = names.join(';');
  // The scenarios' paths and queries are already canonical (plain characters, sorted query).
  const head = `${s.method}\n${s.path}\n${s.query}\n`;
  const credentialPrefix = `AWS4-HMAC-SHA256 Credential=${CREDENTIALS.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=`;
  return {
    op() {
      const now = amzDate(new Date());
      const payloadHash = createHash('sha256')
        .update(s.body ?? '')
        .digest('hex');
      /** @type {Record<string, string>} */
      const values = {
        ...base,
        host: s.host,
        'x-amz-content-sha256': payloadHash,
        'x-amz-date': now,
        'x-amz-security-token': CREDENTIALS.sessionToken,
      };
      let canonical = head;
      for (const name of names) canonical += `${name}:${values[name]}\n`;
      canonical += `\n${signedHeaders}\n${payloadHash}`;
      const stringToSign = `AWS4-HMAC-SHA256\n${now}\n${scope}\n${createHash('sha256').update(canonical).digest('hex')}`;
      values.authorization =
        credentialPrefix + createHmac('sha256', key).update(stringToSign).digest('hex');
      return values;
    },
    headers: (out) => out,
  };
}

/** @param {Scenario} s */
const smithyRequest = (s) => ({
  method: s.method,
  protocol: 'https:',
  hostname: s.host,
  path: s.path,
  query: { ...s.queryObject },
  headers: { ...s.headers, host: s.host },
  body: s.body,
});

/** @param {any} sha256 */
function smithy(sha256) {
  /** @param {Scenario} s */
  return (s) => {
    // One signer per service, as users keep it: smithy caches the signing key per instance.
    const signer = new SignatureV4({
      credentials: CREDENTIALS,
      region: REGION,
      service: s.service,
      sha256,
    });
    return {
      op: () => signer.sign(smithyRequest(s)),
      headers: (out) => out.headers,
    };
  };
}

/**
 * A stub transport shared by the fetch-shaped signers: it keeps what it was given and answers
 * 200 with no body, so the timed op is the signing client's whole per-request path.
 */
function stubFetch() {
  /** @type {{ input: unknown, init: RequestInit | undefined }} */
  const seen = { input: undefined, init: undefined };
  /** @type {typeof fetch} */
  const fetch = async (input, init) => {
    seen.input = input;
    seen.init = init;
    return new Response(null);
  };
  const headers = () =>
    fromHeaders(
      new Headers(
        seen.init?.headers ?? (seen.input instanceof Request ? seen.input.headers : undefined),
      ),
    );
  return { fetch, headers };
}

/**
 * The glue a user writes around smithy: parse the URL, sign, send the signed headers with `send`.
 * @param {SignatureV4} signer
 * @param {string} url
 * @param {RequestInit} init
 * @param {typeof fetch} send
 */
export async function smithyGlue(signer, url, init, send) {
  const u = new URL(url);
  const signed = await signer.sign({
    method: init.method ?? 'GET',
    protocol: u.protocol,
    hostname: u.hostname,
    path: u.pathname,
    query: Object.fromEntries(u.searchParams),
    headers: { .../** @type {Record<string, string>} */ (init.headers), host: u.host },
    body: /** @type {string | undefined} */ (init.body ?? undefined),
  });
  const { host, ...headers } = signed.headers;
  return send(url, { ...init, headers });
}

/**
 * "smithy glue": what a user writes with smithy's SignatureV4 (node:crypto Sha256, one
 * instance) and fetch: parse the URL, sign, send the signed headers.
 * @param {Scenario} s
 */
function smithyFetch(s) {
  const stub = stubFetch();
  const signer = new SignatureV4({
    credentials: CREDENTIALS,
    region: REGION,
    service: s.service,
    sha256: NodeSha256,
  });
  const signedFetch = (/** @type {string} */ url, /** @type {RequestInit} */ init) =>
    smithyGlue(signer, url, init, stub.fetch);
  return {
    op: () => signedFetch(s.url, { method: s.method, headers: s.headers, body: s.body }),
    headers: stub.headers,
  };
}

/** @type {Signer[]} */
export const SIGNERS = [
  { id: 'floor', name: 'floor (node:crypto, cached key)', group: 'floor', prepare: floor },
  {
    id: 'core-sign',
    name: '@sigv4/core createSigner().sign',
    group: 'ours',
    prepare(s) {
      const signer = core.createSigner({ credentials: CREDENTIALS });
      return {
        op: () => signer.sign({ method: s.method, url: s.url, headers: s.headers, body: s.body }),
        headers: (out) => ({ ...s.headers, ...out.headers }),
      };
    },
  },
  {
    id: 'core-wire',
    name: '@sigv4/core signWireRequest',
    group: 'ours',
    prepare(s) {
      const request = {
        method: s.method,
        host: s.host,
        path: s.path,
        query: s.query,
        headers: s.headers,
        body: s.body,
      };
      return {
        op: () =>
          core.signWireRequest(request, {
            credentials: CREDENTIALS,
            service: s.service,
            region: REGION,
          }),
        headers: (out) => ({ ...s.headers, ...out.headers }),
      };
    },
  },
  {
    id: 'core-portable',
    name: '@sigv4/core portable entry (sha256-js)',
    group: 'ours',
    prepare(s) {
      const signer = corePortable.createSigner({ credentials: CREDENTIALS });
      return {
        op: () => signer.sign({ method: s.method, url: s.url, headers: s.headers, body: s.body }),
        headers: (out) => ({ ...s.headers, ...out.headers }),
      };
    },
  },
  {
    id: 'sigv4-fetch',
    name: '@sigv4/fetch createSignedFetch (stub transport)',
    group: 'ours',
    prepare(s) {
      const stub = stubFetch();
      const signedFetch = createSignedFetch({ credentials: CREDENTIALS, fetch: stub.fetch });
      return {
        op: () => signedFetch(s.url, { method: s.method, headers: s.headers, body: s.body }),
        headers: stub.headers,
      };
    },
  },
  {
    id: 'smithy-fetch',
    name: 'smithy glue: SignatureV4.sign (node:crypto) + the same stub',
    group: 'peer',
    prepare: smithyFetch,
  },
  {
    id: 'aws4',
    name: 'aws4',
    group: 'peer',
    prepare(s) {
      const path = s.query ? `${s.path}?${s.query}` : s.path;
      return {
        op: () =>
          aws4.sign(
            {
              host: s.host,
              path,
              method: s.method,
              service: s.service,
              region: REGION,
              headers: { ...s.headers },
              body: s.body,
            },
            CREDENTIALS,
          ),
        headers: (out) => out.headers,
      };
    },
  },
  {
    id: 'aws4fetch',
    name: 'aws4fetch (AwsClient.sign + the same stub)',
    group: 'peer',
    prepare(s) {
      const client = new AwsClient({ ...CREDENTIALS, service: s.service, region: REGION });
      const stub = stubFetch();
      // AwsClient.fetch would call the global fetch: sign, then hand the Request to the stub.
      return {
        op: async () =>
          stub.fetch(
            await client.sign(s.url, { method: s.method, headers: s.headers, body: s.body }),
          ),
        headers: stub.headers,
      };
    },
  },
  {
    id: 'aws-sigv4-fetch',
    name: 'aws-sigv4-fetch (the same stub)',
    group: 'peer',
    prepare(s) {
      const stub = stubFetch();
      const signed = createSignedFetcher({
        service: s.service,
        region: REGION,
        credentials: CREDENTIALS,
        fetch: stub.fetch,
      });
      return {
        op: () => signed(s.url, { method: s.method, headers: s.headers, body: s.body }),
        headers: stub.headers,
      };
    },
  },
  {
    id: 'aws4-axios',
    name: 'aws4-axios (interceptor)',
    group: 'peer',
    prepare(s) {
      const instance = axios.create();
      const interceptor = aws4Interceptor({
        instance,
        credentials: CREDENTIALS,
        options: { region: REGION, service: s.service },
      });
      // What axios hands a request interceptor: the instance defaults merged with the call,
      // headers flattened for the method (as Axios#request does).
      const method = s.method.toLowerCase();
      // aws4-axios cannot hash a Uint8Array body (axios turns it into an ArrayBuffer, which
      // aws4 refuses); Node users send a Buffer, so it gets one over the same bytes.
      const data =
        s.body instanceof Uint8Array
          ? Buffer.from(s.body.buffer, s.body.byteOffset, s.body.byteLength)
          : s.body;
      const config = () => {
        const merged = axios.mergeConfig(instance.defaults, {
          method,
          url: s.url,
          headers: { ...s.headers },
          data,
        });
        const { common, get, head, post, put, patch, delete: del, ...rest } = merged.headers;
        merged.headers = AxiosHeaders.concat({ ...common, ...merged.headers[method] }, rest);
        return merged;
      };
      return {
        op: () => interceptor(config()),
        headers: (out) => {
          return out.headers.toJSON();
        },
      };
    },
  },
  {
    id: 'smithy-js',
    name: '@smithy/signature-v4 + @aws-crypto/sha256-js',
    group: 'peer',
    prepare: smithy(JsSha256),
  },
  {
    id: 'smithy-native',
    name: '@smithy/signature-v4 + node:crypto Sha256',
    group: 'peer',
    prepare: smithy(NodeSha256),
  },
];
