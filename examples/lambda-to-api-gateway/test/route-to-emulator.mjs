import { request } from 'node:http';

/**
 * A `fetch` that sends every request to a local emulator while keeping the Host of the URL it was
 * given, as an /etc/hosts entry would: code that calls a real AWS URL
 * (`https://abc123.execute-api.eu-west-1.amazonaws.com/prod`) runs unchanged, with the service and
 * region inferred from that host, and the emulator verifies the signature over that same Host.
 * Plain `fetch` cannot do this: it always sends the Host of the URL.
 *
 * @param {string} emulatorUrl e.g. `http://127.0.0.1:41234`
 * @returns {typeof fetch}
 */
export function routeToEmulator(emulatorUrl) {
  const emulator = new URL(emulatorUrl);
  /** @type {(input: RequestInfo | URL, init?: RequestInit) => Promise<Response>} */
  const routed = async (input, init) => {
    const req = new Request(input, init);
    const url = new URL(req.url);
    const body = req.body ? Buffer.from(await req.arrayBuffer()) : undefined;
    /** @type {Record<string, string>} */
    const headers = { ...Object.fromEntries(req.headers), host: url.host };
    return new Promise((resolve, reject) => {
      const outgoing = request(
        {
          host: emulator.hostname,
          port: emulator.port,
          method: req.method,
          path: `${url.pathname}${url.search}`,
          headers,
          signal: req.signal,
        },
        (res) => {
          /** @type {Buffer[]} */
          const chunks = [];
          res.on('data', (chunk) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () => {
            /** @type {Array<[string, string]>} */
            const pairs = [];
            for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) {
              pairs.push([res.rawHeaders[i] ?? '', res.rawHeaders[i + 1] ?? '']);
            }
            const status = res.statusCode ?? 502;
            const empty = status === 204 || status === 304;
            resolve(new Response(empty ? null : Buffer.concat(chunks), { status, headers: pairs }));
          });
        },
      );
      outgoing.on('error', reject);
      outgoing.end(body);
    });
  };
  return /** @type {typeof fetch} */ (routed);
}
