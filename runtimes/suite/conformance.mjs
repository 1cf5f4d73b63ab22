// The runtime conformance suite for @sigv4/fetch, written once, run inside every runtime.
// Every check looks at the request as the loopback servers recorded it off the socket (the IAM
// emulator verifies the signature independently of our signer), never at what we meant to send.
import { createSignedFetch, isSigV4Error, presignUrl, wrapGlobalFetch } from '@sigv4/fetch';
import { assert, equal, sameBytes } from './check.mjs';

const SIGV4_HEADER = /^(authorization|x-amz-date|x-amz-security-token|x-amz-content-sha256)$/i;
const encoder = new TextEncoder();

/** Base64 (as the control server sends bodies) to bytes, with `atob`, which every runtime has. */
export function fromBase64(text) {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function header(recorded, name) {
  const found = recorded.headers.find(([key]) => key.toLowerCase() === name);
  return found?.[1];
}

/**
 * The helpers every case uses, bound to one runtime's config. `fetch` is the runtime's own,
 * captured before any case wraps it.
 */
export function caseKit(config) {
  const plainFetch = globalThis.fetch.bind(globalThis);
  let counter = 0;
  const newId = (slug) => `${config.prefix}-${slug}-${++counter}`;
  const recorded = async (id) => {
    const response = await plainFetch(`${config.control}/recorded?id=${encodeURIComponent(id)}`);
    return response.json();
  };
  /** The one request a case sent to the emulator, verified. */
  const verifiedOnce = async (id) => {
    const { emulator } = await recorded(id);
    equal(emulator.length, 1, 'requests that reached the emulator');
    const [request] = emulator;
    assert(request.ok, `the emulator refused the signature: ${request.message}`);
    return request;
  };
  const signedFetch = (extra = {}) =>
    createSignedFetch({
      credentials: config.credentials,
      service: config.service,
      region: config.region,
      ...extra,
    });
  return { plainFetch, newId, recorded, verifiedOnce, signedFetch };
}

/** Rejects if `promise` is still pending after `ms`; resolves to its outcome otherwise. */
export function settleWithin(promise, ms) {
  let timer;
  const pending = new Promise((resolve) => {
    timer = setTimeout(() => resolve({ pending: true }), ms);
  });
  return Promise.race([
    promise.then(
      (value) => ({ value }),
      (error) => ({ error }),
    ),
    pending,
  ]).finally(() => clearTimeout(timer));
}

function bodyCases() {
  const allBytes = Uint8Array.from({ length: 256 }, (_, i) => i);
  const text = 'héllo wörld ✓ \u{1F600}\r\n"quoted" & <tags>';
  const cases = [
    ['string', () => ({ body: text, bytes: encoder.encode(text) })],
    ['Uint8Array (all 256 byte values)', () => ({ body: allBytes, bytes: allBytes })],
    [
      'a Uint8Array view into a larger buffer',
      () => {
        const buffer = Uint8Array.from({ length: 64 }, (_, i) => 255 - i).buffer;
        const view = new Uint8Array(buffer, 7, 20);
        return { body: view, bytes: view.slice() };
      },
    ],
    [
      'DataView',
      () => {
        const buffer = Uint8Array.from({ length: 32 }, (_, i) => i * 3).buffer;
        return { body: new DataView(buffer, 4, 10), bytes: new Uint8Array(buffer, 4, 10).slice() };
      },
    ],
    ['ArrayBuffer', () => ({ body: allBytes.slice().buffer, bytes: allBytes })],
  ];
  if (typeof Blob === 'function') {
    cases.push([
      'Blob (its type becomes content-type)',
      () => ({
        body: new Blob([text, allBytes], { type: 'application/x-sigv4-test' }),
        bytes: concat(encoder.encode(text), allBytes),
        contentType: 'application/x-sigv4-test',
      }),
    ]);
  }
  if (typeof File === 'function') {
    cases.push([
      'File',
      () => ({
        body: new File([allBytes], 'report.bin', { type: 'application/octet-stream' }),
        bytes: allBytes,
        contentType: 'application/octet-stream',
      }),
    ]);
  }
  if (typeof URLSearchParams === 'function') {
    cases.push([
      'URLSearchParams',
      () => {
        const params = new URLSearchParams([
          ['q', 'a b+c'],
          ['u', 'é✓'],
          ['k', '1'],
          ['k', '2'],
        ]);
        return {
          body: params,
          bytes: encoder.encode(params.toString()),
          contentType: /^application\/x-www-form-urlencoded/,
        };
      },
    ]);
  }
  if (typeof ReadableStream === 'function') {
    cases.push([
      'ReadableStream',
      () => {
        const chunks = [encoder.encode(text), allBytes, encoder.encode('end')];
        const body = new ReadableStream({
          start(controller) {
            for (const chunk of chunks) controller.enqueue(chunk);
            controller.close();
          },
        });
        return { body, bytes: concat(...chunks), init: { duplex: 'half' } };
      },
    ]);
  }
  return cases;
}

function concat(...parts) {
  const out = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** Adds the @sigv4/fetch cases to `suite`. `config.browser` marks a page (see redirects). */
export function addFetchCases(suite, config) {
  const { check } = suite;
  const kit = caseKit(config);
  const { newId, recorded, verifiedOnce, signedFetch, plainFetch } = kit;
  const at = (server, id, rest) => `${config[server]}/c/${id}/${rest}`;

  // ── bodies ──────────────────────────────────────────────────────────────────────────────
  for (const [name, make] of bodyCases()) {
    check(`body: ${name} arrives byte-exact and verifies`, async () => {
      const id = newId('body');
      const { body, bytes, contentType, init } = make();
      const response = await signedFetch()(at('emulator', id, 'body'), {
        method: 'PUT',
        body,
        ...init,
      });
      equal(response.status, 200, 'status');
      await response.arrayBuffer();
      const request = await verifiedOnce(id);
      sameBytes(fromBase64(request.body), bytes, 'body on the wire');
      const sentType = header(request, 'content-type');
      if (contentType instanceof RegExp) {
        assert(contentType.test(sentType ?? ''), `content-type ${sentType} !~ ${contentType}`);
      } else if (contentType !== undefined) {
        equal(sentType, contentType, 'content-type');
      }
    });
  }
  if (typeof FormData === 'function' && typeof Blob === 'function') {
    check('body: FormData arrives with its boundary, parses back and verifies', async () => {
      const id = newId('form');
      const form = new FormData();
      form.append('name', 'Ada Lovelace ✓');
      form.append('note', 'line 1\r\nline 2');
      form.append('file', new Blob([Uint8Array.of(0, 1, 2, 254, 255)]), 'bytes.bin');
      const response = await signedFetch()(at('emulator', id, 'form'), {
        method: 'POST',
        body: form,
      });
      equal(response.status, 200, 'status');
      await response.arrayBuffer();
      const request = await verifiedOnce(id);
      const type = header(request, 'content-type') ?? '';
      assert(/^multipart\/form-data; ?boundary=/.test(type), `content-type is ${type}`);
      const boundary = type.split('boundary=')[1];
      const bytes = fromBase64(request.body);
      const wire = new TextDecoder().decode(bytes);
      assert(wire.includes(`--${boundary}`), 'the body does not use the signed boundary');
      const parsed = await new Response(bytes, { headers: { 'content-type': type } }).formData();
      equal(parsed.get('name'), 'Ada Lovelace ✓', 'field name');
      equal(parsed.get('note'), 'line 1\r\nline 2', 'field note');
      const file = parsed.get('file');
      sameBytes(await file.arrayBuffer(), Uint8Array.of(0, 1, 2, 254, 255), 'file field');
    });
  }
  check('body: a Request with a body verifies, and is used up as fetch uses it', async () => {
    const id = newId('request');
    const input = new Request(at('emulator', id, 'req'), {
      method: 'POST',
      body: '{"a":1}',
      headers: { 'content-type': 'application/json' },
    });
    const response = await signedFetch()(input);
    equal(response.status, 200, 'status');
    await response.arrayBuffer();
    const request = await verifiedOnce(id);
    sameBytes(fromBase64(request.body), encoder.encode('{"a":1}'), 'body on the wire');
    equal(input.bodyUsed, true, "the caller's Request bodyUsed (fetch uses it up)");
  });

  // ── queries and paths ───────────────────────────────────────────────────────────────────
  check('query: spaces, %2B, raw +, unicode, repeated keys and empty values verify', async () => {
    const id = newId('query');
    const url = `${at('emulator', id, 'q')}?sp=a b&plus=1%2B2&raw=a+b&u=é✓&k=2&k=1&empty=&t=~x*`;
    const response = await signedFetch()(url);
    equal(response.status, 200, 'status');
    await response.arrayBuffer();
    const request = await verifiedOnce(id);
    const query = new URLSearchParams(request.target.split('?')[1] ?? '');
    equal(query.get('sp'), 'a b', 'sp');
    equal(query.get('plus'), '1+2', 'plus (sent as %2B)');
    equal(query.get('raw'), 'a b', 'raw + (a space, as URLSearchParams reads it)');
    equal(query.get('u'), 'é✓', 'u');
    equal(query.getAll('k').sort().join(','), '1,2', 'repeated k');
    equal(query.get('empty'), '', 'empty');
    equal(query.get('t'), '~x*', 't');
  });
  check('path: encoded characters are sent as given and verify', async () => {
    const id = newId('path');
    const path = `/c/${id}/p/a%20b/caf%C3%A9/%E2%9C%93/x%2By/semi%3Bcolon`;
    const response = await signedFetch()(`${config.emulator}${path}?x=1`);
    equal(response.status, 200, 'status');
    await response.arrayBuffer();
    const request = await verifiedOnce(id);
    equal(request.target.split('?')[0], path, 'path on the wire');
  });

  // ── presigned URL ───────────────────────────────────────────────────────────────────────
  check('presign: a URL presigned here is accepted when fetched', async () => {
    const id = newId('presign');
    const url = await presignUrl(at('emulator', id, 'report'), {
      credentials: config.credentials,
      service: config.service,
      region: config.region,
      expiresIn: 300,
      query: { user: 'Ada Lovelace', tag: ['a+b', 'é'] },
    });
    const response = await plainFetch(url);
    equal(response.status, 200, 'status');
    await response.arrayBuffer();
    const request = await verifiedOnce(id);
    equal(request.mode, 'query', 'verified as');
    equal(header(request, 'authorization'), undefined, 'authorization header');
  });

  // ── redirects ───────────────────────────────────────────────────────────────────────────
  const redirectUrl = (id, status, location) =>
    `${at('emulator', id, 'redirect')}?status=${status}&location=${encodeURIComponent(location)}`;
  /** In a page, fetch hides a redirect's Location: the library refuses rather than guess. */
  const browserRefusal = async (promise, id) => {
    const outcome = await settleWithin(promise, 3000);
    assert(!outcome.pending, 'still pending after 3 s');
    assert(
      isSigV4Error(outcome.error) && outcome.error.code === 'ERR_SIGV4_REDIRECT_BLOCKED',
      `expected ERR_SIGV4_REDIRECT_BLOCKED, got ${outcome.error ?? `status ${outcome.value?.status}`}`,
    );
    const { emulator, other } = await recorded(id);
    equal(emulator.length, 1, 'requests at the emulator (the redirect only)');
    equal(other.length, 0, 'requests at the other origin');
    return undefined;
  };

  // A page cannot follow by hand (fetch hides Location): there each case expects the documented
  // refusal, and says so in its name.
  const refusedInPage = ': refused in a page (Location hidden), nothing sent on';
  const redirectName = (name) => (config.browser ? `${name.split(':')[0]}${refusedInPage}` : name);
  check(redirectName('redirect 302 same origin: signed again and verifies'), async () => {
    const id = newId('redir-same');
    const call = signedFetch()(redirectUrl(id, 302, `/c/${id}/target?after=1`));
    if (config.browser) return browserRefusal(call, id);
    const response = await call;
    equal(response.status, 200, 'status');
    equal(response.redirected, true, 'response.redirected');
    await response.arrayBuffer();
    const { emulator } = await recorded(id);
    equal(emulator.length, 2, 'requests at the emulator');
    assert(emulator[1].ok, `the redirected request was refused: ${emulator[1].message}`);
    equal(emulator[1].target, `/c/${id}/target?after=1`, 'redirected target');
  });
  check(redirectName('redirect 307 same origin: method and body kept, signed again'), async () => {
    const id = newId('redir-307');
    const call = signedFetch()(redirectUrl(id, 307, `/c/${id}/target`), {
      method: 'POST',
      body: 'keep me',
    });
    if (config.browser) return browserRefusal(call, id);
    const response = await call;
    equal(response.status, 200, 'status');
    await response.arrayBuffer();
    const { emulator } = await recorded(id);
    equal(emulator.length, 2, 'requests at the emulator');
    assert(emulator[1].ok, `the redirected request was refused: ${emulator[1].message}`);
    equal(emulator[1].method, 'POST', 'method after 307');
    sameBytes(fromBase64(emulator[1].body), encoder.encode('keep me'), 'body after 307');
  });
  check(redirectName('redirect to another origin: no SigV4 header, no session token'), async () => {
    const id = newId('redir-cross');
    const call = signedFetch()(redirectUrl(id, 302, at('other', id, 'landed')));
    if (config.browser) return browserRefusal(call, id);
    const response = await call;
    equal(response.status, 200, 'status');
    equal(await response.text(), 'other-origin', 'body from the other origin');
    const { other } = await recorded(id);
    equal(other.length, 1, 'requests at the other origin');
    const leaked = other[0].headers.filter(([name]) => SIGV4_HEADER.test(name)).map(([n]) => n);
    equal(leaked.join(','), '', 'SigV4 headers sent to the other origin');
    const token = other[0].headers.some(([, value]) => value === config.credentials.sessionToken);
    equal(token, false, 'session token sent to the other origin');
  });
  check(
    redirectName('redirect to another origin that a wrapped global fetch signs: still unsigned'),
    async () => {
      const id = newId('redir-wrapped');
      const otherHost = new URL(at('other', id, 'x')).host;
      const restore = wrapGlobalFetch({
        credentials: config.credentials,
        hosts: [otherHost],
        service: 'execute-api',
        region: 'us-east-1',
      });
      try {
        const call = signedFetch()(redirectUrl(id, 307, at('other', id, 'landed')), {
          method: 'POST',
          body: 'caller body',
        });
        if (config.browser) return await browserRefusal(call, id);
        const response = await call;
        await response.arrayBuffer();
      } finally {
        restore();
      }
      const { other } = await recorded(id);
      equal(other.length, 1, 'requests at the other origin');
      const leaked = other[0].headers.filter(([name]) => SIGV4_HEADER.test(name)).map(([n]) => n);
      equal(leaked.join(','), '', 'SigV4 headers sent to the other origin');
    },
  );
  for (const [scheme, location] of [
    ['file:', config.fileUrl],
    ['data:', `data:text/plain,${config.marker}-data`],
  ]) {
    check(`redirect: a ${scheme} Location is never followed (a network error)`, async () => {
      const id = newId(`redir-${scheme.slice(0, -1)}`);
      const outcome = await settleWithin(signedFetch()(redirectUrl(id, 302, location)), 3000);
      assert(!outcome.pending, 'still pending after 3 s');
      if (outcome.value) {
        const text = await outcome.value.text().catch(() => '');
        assert(
          !text.includes(config.marker),
          `followed the ${scheme} Location: resolved ${outcome.value.status} with its content`,
        );
        throw new Error(`resolved with status ${outcome.value.status} instead of rejecting`);
      }
      const { emulator } = await recorded(id);
      equal(emulator.length, 1, 'requests at the emulator');
    });
  }

  // ── abort ───────────────────────────────────────────────────────────────────────────────
  check(
    'abort: abort() while a stalled ReadableStream body is buffered rejects promptly',
    async () => {
      const id = newId('abort');
      let pulls = 0;
      const body = new ReadableStream({
        pull(controller) {
          if (pulls++ === 0) {
            controller.enqueue(Uint8Array.of(1, 2, 3));
            return undefined;
          }
          return new Promise(() => {}); // stalls for good
        },
      });
      const controller = new AbortController();
      const call = signedFetch()(at('emulator', id, 'stalled'), {
        method: 'PUT',
        body,
        duplex: 'half',
        signal: controller.signal,
      });
      setTimeout(() => controller.abort(), 50);
      const outcome = await settleWithin(call, 1500);
      assert(!outcome.pending, 'still pending 1.5 s after abort()');
      assert(outcome.error !== undefined, `resolved with status ${outcome.value?.status}`);
      const error = outcome.error;
      assert(
        error === controller.signal.reason || error?.name === 'AbortError',
        `rejected with ${error?.name}: ${error?.message}, not the signal's reason`,
      );
      const { emulator } = await recorded(id);
      equal(emulator.length, 0, 'requests that reached the emulator');
    },
  );

  // ── clock skew ──────────────────────────────────────────────────────────────────────────
  check('clock skew: a "Signature expired" refusal is corrected once, then kept', async () => {
    const id = newId('skew');
    const skewed = signedFetch();
    const first = await skewed(at('skew', id, 'first'));
    equal(first.status, 200, 'status of the first call');
    await first.arrayBuffer();
    let { skew } = await recorded(id);
    equal(skew.length, 2, 'requests for the first call (refused, then corrected)');
    assert(!skew[0].ok && /Signature expired/.test(skew[0].message), 'first is a skew refusal');
    assert(skew[1].ok, `the corrected request was refused: ${skew[1].message}`);
    const second = await skewed(at('skew', id, 'second'));
    equal(second.status, 200, 'status of the second call');
    await second.arrayBuffer();
    ({ skew } = await recorded(id));
    equal(skew.length, 3, 'requests after the second call (one: the offset was kept)');
    assert(skew[2].ok, `the second call was refused: ${skew[2].message}`);
  });

  // ── wrapGlobalFetch ─────────────────────────────────────────────────────────────────────
  const awsHost = `a1b2c3d4e5.execute-api.${config.region}.amazonaws.com`;
  /** Runs `fn` with the global fetch wrapped; AWS hosts reach the emulator through the router. */
  const withWrappedGlobalFetch = async (fn) => {
    const original = globalThis.fetch;
    // As an /etc/hosts entry would: AWS hosts go to the router, which sets Host for the emulator.
    globalThis.fetch = (input, init) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      if (!url.hostname.endsWith('.amazonaws.com')) return original(input, init);
      return original(`${config.router}/_route/${url.host}${url.pathname}${url.search}`, init);
    };
    const restore = wrapGlobalFetch({ credentials: config.credentials });
    try {
      return await fn();
    } finally {
      restore();
      globalThis.fetch = original;
    }
  };
  check('wrapGlobalFetch: signs an AWS host, leaves another host untouched', async () => {
    const id = newId('wrap');
    const [aws, plain] = await withWrappedGlobalFetch(async () => {
      const aws = await fetch(`https://${awsHost}/c/${id}/aws?q=a b`);
      await aws.arrayBuffer();
      const plain = await fetch(at('other', id, 'plain'));
      await plain.arrayBuffer();
      return [aws, plain];
    });
    equal(aws.status, 200, 'status from the AWS host');
    equal(plain.status, 200, 'status from the other host');
    const { emulator, other } = await recorded(id);
    equal(emulator.length, 1, 'requests at the emulator');
    equal(emulator[0].host, awsHost, 'Host the emulator saw');
    assert(emulator[0].ok, `the emulator refused the signature: ${emulator[0].message}`);
    equal(other.length, 1, 'requests at the other host');
    const added = other[0].headers.filter(([name]) => SIGV4_HEADER.test(name)).map(([n]) => n);
    equal(added.join(','), '', 'SigV4 headers on the untouched request');
  });
  check('wrapGlobalFetch: an AWS host redirecting to file: is never followed', async () => {
    const id = newId('wrap-file');
    const location = encodeURIComponent(config.fileUrl);
    const outcome = await withWrappedGlobalFetch(() =>
      settleWithin(
        fetch(`https://${awsHost}/c/${id}/redirect?status=302&location=${location}`),
        3000,
      ),
    );
    assert(!outcome.pending, 'still pending after 3 s');
    if (outcome.value) {
      const text = await outcome.value.text().catch(() => '');
      assert(!text.includes(config.marker), 'followed the file: Location and read the local file');
      throw new Error(`resolved with status ${outcome.value.status} instead of rejecting`);
    }
    const { emulator } = await recorded(id);
    equal(emulator.length, 1, 'requests at the emulator');
    assert(emulator[0].ok, `the emulator refused the signature: ${emulator[0].message}`);
  });

  // ── by URL alone: the emulator's RFC 6761 name ─────────────────────────────────────────
  check(
    '.localhost: an execute-api name verifies by URL alone, where the runtime resolves it',
    async () => {
      const id = newId('localhost');
      const host = `a1b2c3d4e5.execute-api.${config.region}.localhost:${new URL(config.emulator).port}`;
      const url = `http://${host}/c/${id}/orders/ord-42`;
      // No service or region: inferred from the name, as from the AWS host it stands for.
      const signed = createSignedFetch({ credentials: config.credentials });
      const outcome = await settleWithin(signed(url), 4000);
      assert(!outcome.pending, 'still pending after 4 s');
      if (outcome.error !== undefined) {
        // Deno and workerd ask the system resolver (getaddrinfo), which resolves `*.localhost`
        // only with nss-myhostname or systemd-resolved. Accepted only where that is documented,
        // only as a failure to connect (never a sigv4 error), and only if the runtime's own fetch
        // cannot reach the name either.
        assert(
          LOCALHOST_BY_SYSTEM.has(config.runtime) && !isSigV4Error(outcome.error),
          `the signed fetch failed: ${outcome.error}`,
        );
        const plain = await settleWithin(plainFetch(url), 4000);
        assert(
          plain.error !== undefined,
          'the plain fetch reached the name the signed one could not',
        );
        const { emulator } = await recorded(id);
        equal(emulator.length, 0, 'requests at the emulator');
        return `not reached: ${config.runtime} resolves names through the system, which has no *.localhost here (see @sigv4/msw's README)`;
      }
      const response = outcome.value;
      equal(response.status, 200, 'status');
      const body = await response.json();
      equal(body.target, `/c/${id}/orders/ord-42`, 'target the emulator answered');
      const request = await verifiedOnce(id);
      equal(request.host, host, 'Host the emulator saw (the .localhost name, as signed)');
      const scope = /Credential=[^/]+\/\d{8}\/([^/]+)\/([^/]+)\//.exec(
        header(request, 'authorization'),
      );
      equal(`${scope?.[1]}/${scope?.[2]}`, `${config.region}/execute-api`, 'scope signed');
      return config.runtime === 'node' ? 'node --import @sigv4/msw/resolve-localhost' : undefined;
    },
  );
}

/** Runtimes whose fetch resolves names only through the system resolver (measured). */
const LOCALHOST_BY_SYSTEM = new Set(['deno', 'workerd']);
