import { createServer, request } from 'node:http';
import aws4 from 'aws4';

/** Headers this stand-in forwards to the origin (an origin request policy of sorts). */
const FORWARDED = ['accept', 'content-type', 'x-amz-content-sha256'];

/**
 * A stand-in for CloudFront with origin access control in front of a Lambda function URL: it
 * forwards each viewer request to `originUrl` signed with the OAC's credentials by aws4 (a SigV4
 * signer independent of @sigv4/*), keeping the viewer's x-amz-content-sha256 as the payload hash
 * (`UNSIGNED-PAYLOAD` when the viewer sent none) and never computing one itself, as CloudFront
 * does for Lambda origins. 127.0.0.1 only.
 *
 * @param {{ originUrl: string, region: string, credentials: { accessKeyId: string, secretAccessKey: string } }} options
 * @returns {Promise<{ url: string, received: Array<{ method: string, target: string, headers: Record<string, string | string[] | undefined> }>, close: () => Promise<void> }>}
 */
export async function startCloudFrontStandIn({ originUrl, region, credentials }) {
  const origin = new URL(originUrl);
  /** @type {Array<{ method: string, target: string, headers: Record<string, string | string[] | undefined> }>} */
  const received = [];
  const server = createServer(async (viewerReq, viewerRes) => {
    /** @type {Buffer[]} */
    const chunks = [];
    for await (const chunk of viewerReq) chunks.push(chunk);
    const body = Buffer.concat(chunks);
    const target = viewerReq.url ?? '/';
    received.push({ method: viewerReq.method ?? 'GET', target, headers: { ...viewerReq.headers } });
    /** @type {Record<string, string>} */
    const headers = {};
    for (const name of FORWARDED) {
      const value = viewerReq.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    // Without the viewer's hash CloudFront signs UNSIGNED-PAYLOAD, which Lambda refuses for
    // POST/PUT (CloudFront developer guide; docs/AWS-BEHAVIOUR.md).
    if (headers['x-amz-content-sha256'] === undefined) {
      headers['x-amz-content-sha256'] = 'UNSIGNED-PAYLOAD';
    }
    const signed = aws4.sign(
      {
        host: origin.host,
        method: viewerReq.method ?? 'GET',
        path: target,
        headers,
        ...(body.length > 0 ? { body } : {}),
        service: 'lambda',
        region,
      },
      credentials,
    );
    const forwarded = request(
      {
        host: origin.hostname,
        port: origin.port,
        method: signed.method,
        path: signed.path,
        headers: /** @type {Record<string, string>} */ (signed.headers),
      },
      (originRes) => {
        viewerRes.writeHead(originRes.statusCode ?? 502, originRes.headers);
        originRes.pipe(viewerRes);
      },
    );
    forwarded.on('error', () => viewerRes.writeHead(502).end('{"message":"origin unreachable"}'));
    forwarded.end(body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    url: `http://127.0.0.1:${address.port}`,
    received,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve(undefined));
        server.closeAllConnections();
      }),
  };
}
