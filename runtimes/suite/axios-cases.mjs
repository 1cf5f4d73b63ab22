// The @sigv4/axios cases, run in a page with axios's browser default adapter (XHR).
import { addSigV4Interceptor } from '@sigv4/axios';
import axios from 'axios';
import { assert, equal, sameBytes } from './check.mjs';
import { caseKit, fromBase64, header } from './conformance.mjs';

const SIGV4_HEADER = /^(authorization|x-amz-date|x-amz-security-token|x-amz-content-sha256)$/i;
const encoder = new TextEncoder();

/** Adds the axios cases to `suite`; every case name starts with `axios (<adapter>)`. */
export function addAxiosCases(suite, config) {
  const { check } = suite;
  const { newId, recorded, verifiedOnce } = caseKit(config);
  const client = () => {
    const api = axios.create({ baseURL: config.emulator, validateStatus: () => true });
    addSigV4Interceptor(api, {
      credentials: config.credentials,
      service: config.service,
      region: config.region,
    });
    return api;
  };
  /** The adapter axios used for a response (XHR in a page, unless axios's defaults change). */
  const adapterOf = (response) =>
    typeof XMLHttpRequest === 'function' && response.request instanceof XMLHttpRequest
      ? 'xhr'
      : 'not xhr';

  check('axios: GET with params (spaces, plus, unicode, repeated keys) verifies', async () => {
    const id = newId('axios-get');
    const response = await client().get(`/c/${id}/q`, {
      params: { q: 'a b', plus: '1+2', u: 'é✓', k: ['1', '2'] },
    });
    equal(response.status, 200, 'status');
    const request = await verifiedOnce(id);
    const query = new URLSearchParams(request.target.split('?')[1] ?? '');
    equal(query.get('q'), 'a b', 'q');
    equal(query.get('plus'), '1+2', 'plus');
    equal(query.get('u'), 'é✓', 'u');
    equal(query.getAll('k[]').concat(query.getAll('k')).sort().join(','), '1,2', 'k');
    return `adapter: ${adapterOf(response)}`;
  });

  const allBytes = Uint8Array.from({ length: 256 }, (_, i) => i);
  const json = { name: 'Ada Lovelace ✓', n: 1 };
  const bodies = [
    ['a JSON object', () => json, encoder.encode(JSON.stringify(json)), /^application\/json/],
    ['Uint8Array', () => allBytes, allBytes],
    ['ArrayBuffer', () => allBytes.slice().buffer, allBytes],
    [
      'Blob',
      () => new Blob([allBytes], { type: 'application/x-sigv4-test' }),
      allBytes,
      /^application\/x-sigv4-test$/,
    ],
    [
      'URLSearchParams',
      () =>
        new URLSearchParams([
          ['q', 'a b+c'],
          ['u', 'é'],
        ]),
      encoder.encode(
        new URLSearchParams([
          ['q', 'a b+c'],
          ['u', 'é'],
        ]).toString(),
      ),
      /^application\/x-www-form-urlencoded/,
    ],
  ];
  for (const [name, make, bytes, contentType] of bodies) {
    check(`axios: body ${name} arrives byte-exact and verifies`, async () => {
      const id = newId('axios-body');
      const response = await client().put(`/c/${id}/body`, make());
      equal(response.status, 200, 'status');
      const request = await verifiedOnce(id);
      sameBytes(fromBase64(request.body), bytes, 'body on the wire');
      if (contentType) {
        const sent = header(request, 'content-type') ?? '';
        assert(contentType.test(sent), `content-type ${sent} !~ ${contentType}`);
      }
    });
  }
  check('axios: body FormData arrives with its boundary, parses back and verifies', async () => {
    const id = newId('axios-form');
    const form = new FormData();
    form.append('name', 'Ada ✓');
    form.append('file', new Blob([Uint8Array.of(0, 1, 255)]), 'b.bin');
    const response = await client().post(`/c/${id}/form`, form);
    equal(response.status, 200, 'status');
    const request = await verifiedOnce(id);
    const type = header(request, 'content-type') ?? '';
    assert(/^multipart\/form-data; ?boundary=/.test(type), `content-type is ${type}`);
    const bytes = fromBase64(request.body);
    const parsed = await new Response(bytes, { headers: { 'content-type': type } }).formData();
    equal(parsed.get('name'), 'Ada ✓', 'field name');
    sameBytes(await parsed.get('file').arrayBuffer(), Uint8Array.of(0, 1, 255), 'file field');
  });

  const redirectPath = (id, status, location) =>
    `/c/${id}/redirect?status=${status}&location=${encodeURIComponent(location)}`;
  // In a page, axios's XHR cannot be stopped from following, so @sigv4/axios sends signed requests
  // through axios's fetch adapter with `redirect: 'manual'`, which hides Location: a redirect is
  // refused (the documented ERR_SIGV4_REDIRECT_BLOCKED), and the signature never reaches the new path.
  check(
    'axios: a redirect on the same origin: refused in a page (Location hidden), nothing sent on',
    async () => {
      const id = newId('axios-redir-same');
      const outcome = await client()
        .get(redirectPath(id, 302, `/c/${id}/target`))
        .then(
          (response) => ({ response }),
          (error) => ({ error }),
        );
      assert(
        outcome.error?.code === 'ERR_SIGV4_REDIRECT_BLOCKED',
        `expected ERR_SIGV4_REDIRECT_BLOCKED, got ${outcome.error?.code ?? outcome.error ?? `status ${outcome.response?.status}`}`,
      );
      const { emulator } = await recorded(id);
      equal(emulator.length, 1, 'requests at the emulator (the redirect only)');
    },
  );
  check('axios: a redirect to another origin carries no SigV4 header (nor the token)', async () => {
    const id = newId('axios-redir-cross');
    const target = `${config.other}/c/${id}/landed`;
    const outcome = await client()
      .get(redirectPath(id, 302, target))
      .then(
        (response) => ({ response }),
        (error) => ({ error }),
      );
    const { other } = await recorded(id);
    for (const request of other) {
      const leaked = request.headers.filter(([name]) => SIGV4_HEADER.test(name)).map(([n]) => n);
      equal(leaked.join(','), '', `SigV4 headers sent to the other origin (${request.method})`);
      const token = request.headers.some(([, value]) => value === config.credentials.sessionToken);
      equal(token, false, 'session token sent to the other origin');
    }
    return other.length === 0
      ? `not followed (${outcome.error ? (outcome.error.code ?? outcome.error.message) : outcome.response.status})`
      : 'followed without SigV4 headers';
  });
}
