#!/usr/bin/env node
// `pnpm demo`: every example in examples/, run from its own src modules against local IAM
// emulators (@sigv4/msw/server): an API Gateway REST API and a Lambda function URL on 127.0.0.1.
// For each: the request that was signed (no secrets), the 200, and the 403 AWS gives an unsigned
// or tampered request. Exits 1 if anything behaves otherwise. Needs the packages built (the root
// `demo` script builds them first).
import { request } from 'node:http';

const started = performance.now();
const failures = [];
const deadline = setTimeout(() => {
  console.error('\n[demo] FAILED: still running after 45 s (an emulator or example hung).');
  process.exit(1);
}, 45_000);
deadline.unref();

let startIamEmulator;
try {
  // The root package depends on none of the workspace packages: take the built entry directly.
  ({ startIamEmulator } = await import('../packages/msw/dist/server.js'));
} catch (error) {
  console.error(
    `[demo] FAILED: cannot load @sigv4/msw's build (${error.code ?? error.message}).` +
      ' Run `npx -y pnpm@10 demo` (it builds the packages first) or `npx -y pnpm@10 build`.',
  );
  process.exit(1);
}

const examples = new URL('../examples/', import.meta.url);
const load = (path) => import(new URL(path, examples).href);

// AWS's documented example keys; the second pair plays a Lambda role's session credentials.
const user = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  principalArn: 'arn:aws:iam::123456789012:user/demo',
};
const role = {
  accessKeyId: 'ASIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  sessionToken: 'IQoJb3JpZ2luX2VjEXAMPLE-session-token//of+the+caller+function==',
  principalArn: 'arn:aws:sts::123456789012:assumed-role/checkout-role/checkout-function',
};
const credentials = { accessKeyId: user.accessKeyId, secretAccessKey: user.secretAccessKey };
const region = 'eu-west-1';

// ── output ───────────────────────────────────────────────────────────────────────────────────
const tty = process.stdout.isTTY;
const paint = (code) => (text) => (tty ? `\x1b[${code}m${text}\x1b[0m` : text);
const [bold, dim, green, red] = [paint(1), paint(2), paint(32), paint(31)];

function check(ok, what) {
  if (!ok) failures.push(`${current}: ${what}`);
  console.log(`    ${ok ? green('✓') : red('✗')} ${what}`);
}
let current = '';
function section(title, what) {
  current = title;
  console.log(`\n${bold(title)}  ${dim(what)}`);
}

/** The signature headers of a recorded request, secrets hidden. */
function showSigned(recorded) {
  const { raw, result } = recorded;
  const scheme = raw.host.startsWith('127.0.0.1') ? 'http' : 'https';
  const target = raw.target.replace(/X-Amz-Signature=[0-9a-f]+/, 'X-Amz-Signature=<hidden>');
  console.log(`    signed   ${raw.method} ${scheme}://${raw.host}${target}`);
  const signed = new Set(result.ok ? result.identity.signedHeaders : []);
  for (const [name, value] of raw.headers) {
    const lower = name.toLowerCase();
    if (lower === 'authorization') {
      console.log(
        `      ${dim(lower)}: ${value.replace(/Signature=[0-9a-f]+/, 'Signature=<hidden>')}`,
      );
    } else if (lower === 'x-amz-security-token') {
      console.log(`      ${dim(lower)}: <session token, ${value.length} characters, hidden>`);
    } else if (signed.has(lower) || lower.startsWith('x-amz-')) {
      console.log(`      ${dim(lower)}: ${value}`);
    }
  }
  if (result.ok) {
    const { identity } = result;
    console.log(
      `    verified ${identity.mode === 'query' ? 'presigned URL' : 'Authorization header'} of ` +
        `${identity.principalArn} for ${identity.service} in ${identity.region}`,
    );
  }
}

/** Prints a refusal and checks it is the one AWS gives. */
async function showRefusal(label, response, status, errorType, message) {
  const body = await response.text();
  const type = response.headers.get('x-amzn-errortype');
  // REST APIs append the canonical request and string to sign: print the first line only.
  const firstLine = body.split('\\n')[0];
  const shown = firstLine.length < body.length ? `${firstLine}…"} (+ canonical request)` : body;
  console.log(`    ${label} → ${response.status} x-amzn-ErrorType: ${type}\n      ${shown}`);
  check(
    response.status === status && type === errorType && message.test(body),
    `${label}: ${status} ${errorType}`,
  );
}

/** Sends a recorded request again, changed by `tamper`, exactly as raw bytes (Host kept). */
function replay(emulator, recorded, tamper) {
  const { method, target, headers, body } = tamper({ ...recorded.raw });
  const pairs = headers.filter(([name]) => name.toLowerCase() !== 'content-length');
  if (body.length > 0) pairs.push(['content-length', String(body.length)]);
  return new Promise((resolve, reject) => {
    const out = request(
      {
        host: '127.0.0.1',
        port: emulator.port,
        method,
        path: target,
        headers: pairs.flat(),
      },
      (res) => {
        const chunks = [];
        res.on('data', (chunk) => chunks.push(chunk));
        res.on('end', () => {
          const pairs = [];
          for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) {
            pairs.push([res.rawHeaders[i], res.rawHeaders[i + 1]]);
          }
          resolve(new Response(Buffer.concat(chunks), { status: res.statusCode, headers: pairs }));
        });
      },
    );
    out.on('error', reject);
    out.end(Buffer.from(body));
  });
}

const MISMATCH = /^\{"message":"The request signature we calculated does not match/;
const last = (emulator) => emulator.requests.at(-1);
const ok200 = (recorded, what) =>
  check(recorded?.result.ok === true, `${what} → 200, signature verified by the emulator`);

// ── emulators ────────────────────────────────────────────────────────────────────────────────
const restApi = await startIamEmulator({
  emulate: 'apigateway-rest',
  region,
  credentials: [user, role],
});
const lambdaUrl = await startIamEmulator({
  emulate: 'lambda-url',
  region,
  credentials: [user],
});
console.log(bold('sigv4 demo: the examples against local IAM emulators (no AWS account used)'));
console.log(`  API Gateway REST API (IAM auth)  ${restApi.url}  region ${region}`);
console.log(`  Lambda function URL (AWS_IAM)    ${lambdaUrl.url}  region ${region}`);

const closers = [() => restApi.close(), () => lambdaUrl.close()];
try {
  // Each example on its own: one that throws does not hide how the others behave.
  for (const example of [
    globalFetch,
    axiosClient,
    lambdaToApiGateway,
    presignedLambdaUrl,
    cloudFrontOac,
  ]) {
    try {
      await example();
    } catch (error) {
      failures.push(`${current}: threw ${error?.stack ?? error}`);
      console.log(`    ${red('✗')} threw ${error?.message ?? error}`);
    }
  }
} finally {
  for (const close of closers.reverse()) await close().catch(() => {});
}

// ── 1 ───────────────────────────────────────────────────────────────────────────────────────
async function globalFetch() {
  section('1. global-fetch', 'wrapGlobalFetch, then existing code calls plain fetch');
  const { signGlobalFetch } = await load('global-fetch/src/sign-global-fetch.mjs');
  const { addItem, listItems } = await load('global-fetch/src/items.mjs');
  const apiUrl = `${restApi.url}/prod`;
  const restore = signGlobalFetch({ apiUrl, service: 'execute-api', region, credentials });
  let signedPost;
  try {
    await listItems(apiUrl);
    const get = last(restApi);
    showSigned(get);
    ok200(get, 'GET /prod/items');
    await addItem(apiUrl, { name: 'Ada Lovelace' });
    signedPost = last(restApi);
    ok200(signedPost, 'POST /prod/items with a JSON body');
  } finally {
    restore();
  }
  await showRefusal(
    'unsigned GET /prod/items',
    await fetch(`${apiUrl}/items`),
    403,
    'MissingAuthenticationTokenException',
    /^\{"message":"Missing Authentication Token"\}$/,
  );
  await showRefusal(
    'the signed POST replayed with another body',
    await replay(restApi, signedPost, (raw) => ({
      ...raw,
      body: new TextEncoder().encode('{"name":"Mallory"}'),
    })),
    403,
    'InvalidSignatureException',
    MISMATCH,
  );
}

// ── 2 ───────────────────────────────────────────────────────────────────────────────────────
async function axiosClient() {
  section('2. axios', 'axios.create + addSigV4Interceptor');
  const { addBook, createApiClient, searchBooks } = await load('axios/src/api-client.mjs');
  const api = createApiClient({
    baseURL: `${restApi.url}/prod`,
    service: 'execute-api',
    region,
    credentials,
  });
  await searchBooks(api, 'C++ & Lisp');
  const get = last(restApi);
  showSigned(get);
  ok200(get, 'GET /prod/books?q=…');
  await addBook(api, { title: 'Notes', author: 'Ada Lovelace' });
  const post = last(restApi);
  ok200(post, 'POST /prod/books');
  await showRefusal(
    'the signed GET replayed with ?q=Mallory',
    await replay(restApi, get, (raw) => ({
      ...raw,
      target: raw.target.replace(/q=[^&]*/, 'q=Mallory'),
    })),
    403,
    'InvalidSignatureException',
    MISMATCH,
  );
  const wrongKey = createApiClient({
    baseURL: `${restApi.url}/prod`,
    service: 'execute-api',
    region,
    credentials: { ...credentials, secretAccessKey: 'not-the-secret' },
  });
  const refused = await searchBooks(wrongKey, 'x').catch((error) => error);
  const response = refused?.response;
  await showRefusal(
    'signed with the wrong secret',
    new Response(JSON.stringify(response?.data), {
      status: response?.status ?? 0,
      headers: { 'x-amzn-errortype': response?.headers?.['x-amzn-errortype'] ?? '' },
    }),
    403,
    'InvalidSignatureException',
    MISMATCH,
  );
}

// ── 3 ───────────────────────────────────────────────────────────────────────────────────────
async function lambdaToApiGateway() {
  section(
    '3. lambda-to-api-gateway',
    'handler with createSignedFetch(), role credentials from the environment',
  );
  const { routeToEmulator } = await load('lambda-to-api-gateway/test/route-to-emulator.mjs');
  const apiUrl = 'https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/prod';
  const lambdaEnv = {
    AWS_ACCESS_KEY_ID: role.accessKeyId,
    AWS_SECRET_ACCESS_KEY: role.secretAccessKey,
    AWS_SESSION_TOKEN: role.sessionToken,
    AWS_REGION: region,
    ORDERS_API_URL: apiUrl,
  };
  console.log(`    ${dim(`ORDERS_API_URL=${apiUrl} (its host routed to the REST emulator)`)}`);
  const saved = Object.fromEntries(Object.keys(lambdaEnv).map((k) => [k, process.env[k]]));
  const realFetch = globalThis.fetch;
  Object.assign(process.env, lambdaEnv);
  globalThis.fetch = routeToEmulator(restApi.url);
  try {
    const { handler } = await load('lambda-to-api-gateway/src/handler.mjs');
    const result = await handler({ orderId: 'ord-42' });
    const call = last(restApi);
    showSigned(call);
    check(
      result.statusCode === 200 && call?.result.ok === true,
      `handler → {statusCode: ${result.statusCode}}, the API verified the role's session credentials`,
    );
    await showRefusal(
      'unsigned GET from another caller',
      await globalThis.fetch(`${apiUrl}/orders/ord-42`),
      403,
      'MissingAuthenticationTokenException',
      /^\{"message":"Missing Authentication Token"\}$/,
    );
    await showRefusal(
      'the signed call replayed for /orders/ord-43',
      await replay(restApi, call, (raw) => ({
        ...raw,
        target: raw.target.replace('ord-42', 'ord-43'),
      })),
      403,
      'InvalidSignatureException',
      MISMATCH,
    );
    await calleeBehindIam(handler);
  } finally {
    globalThis.fetch = realFetch;
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

/**
 * Section 3, continued: the orders function behind the API, IAM deciding with the example's
 * policies. Called with the caller's env and routed fetch still in place.
 */
async function calleeBehindIam(checkout) {
  const { handler: ordersHandler } = await load('lambda-to-api-gateway/src/orders-handler.mjs');
  const { checkoutRolePolicy, ordersApiResourcePolicy } = await load(
    'lambda-to-api-gateway/src/iam-policies.mjs',
  );
  const { routeToEmulator } = await load('lambda-to-api-gateway/test/route-to-emulator.mjs');
  const apiArn = `arn:aws:execute-api:${region}:123456789012:a1b2c3d4e5`;
  const otherAccount = role.principalArn.replace('123456789012', '444455556666');
  /** The orders API with the orders function behind it; the caller's role as given. */
  const ordersApi = async (caller, policies, resourcePolicy) => {
    const api = await startIamEmulator({
      emulate: 'apigateway-rest',
      region,
      credentials: [{ ...role, principalArn: caller, policies }],
      resource: {
        accountId: '123456789012',
        ...(resourcePolicy ? { policy: resourcePolicy } : {}),
      },
      handler: ordersHandler,
    });
    closers.push(() => api.close());
    globalThis.fetch = routeToEmulator(api.url);
    return api;
  };
  /** Runs the caller; its own `console.error` of a refusal is kept out of the demo's output. */
  const quietly = async () => {
    const error = console.error;
    console.error = () => {};
    try {
      return await checkout({ orderId: 'ord-42' });
    } finally {
      console.error = error;
    }
  };
  const refusalOf = (api) => {
    const { refusal } = last(api).result;
    return new Response(refusal.body, { status: refusal.status, headers: refusal.headers });
  };
  const DENIED =
    /^\{"Message":"User: arn:aws:sts::\d{12}:assumed-role\/checkout-role\/checkout-function is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:eu-west-1:\*{8}9012:a1b2c3d4e5\/prod\/GET\/orders\/ord-42"\}$/;

  console.log(
    `    ${dim('the orders function behind the API, IAM deciding (src/iam-policies.mjs):')}`,
  );
  const allowed = await ordersApi(role.principalArn, [checkoutRolePolicy(apiArn)]);
  const result = await quietly();
  const seen = JSON.parse(result.body ?? '{}').order?.requestedBy;
  console.log(`    callee   requestContext.identity.userArn = ${seen}`);
  check(
    result.statusCode === 200 && seen === role.principalArn && last(allowed)?.result.ok === true,
    "role policy allows execute-api:Invoke → 200; the orders function saw the caller's role",
  );
  const noPolicy = await ordersApi(role.principalArn, []);
  await quietly();
  await showRefusal(
    "the role's policy removed",
    refusalOf(noPolicy),
    403,
    'AccessDeniedException',
    DENIED,
  );
  const crossAccount = await ordersApi(otherAccount, [checkoutRolePolicy(apiArn)]);
  await quietly();
  await showRefusal(
    'caller in account 444455556666, no resource policy on the API',
    refusalOf(crossAccount),
    403,
    'AccessDeniedException',
    DENIED,
  );
  const bothSides = await ordersApi(
    otherAccount,
    [checkoutRolePolicy(apiArn)],
    ordersApiResourcePolicy(
      apiArn,
      otherAccount.replace(
        /^arn:aws:sts::(\d+):assumed-role\/([^/]+)\/.*$/,
        'arn:aws:iam::$1:role/$2',
      ),
    ),
  );
  const crossResult = await quietly();
  check(
    crossResult.statusCode === 200 && last(bothSides)?.result.ok === true,
    '... with the resource policy naming its role → 200',
  );
}

// ── 4 ───────────────────────────────────────────────────────────────────────────────────────
async function presignedLambdaUrl() {
  section(
    '4. presigned-lambda-url',
    'the server presigns, the page fetches (Node stands in for the browser here)',
  );
  const { presignReportUrl } = await load('presigned-lambda-url/src/presign-report-url.mjs');
  const url = await presignReportUrl(
    `${lambdaUrl.url}/`,
    { user: 'Ada Lovelace' },
    { service: 'lambda', region, credentials },
  );
  const response = await fetch(url);
  const arrived = last(lambdaUrl);
  showSigned(arrived);
  check(response.status === 200 && arrived?.result.ok === true, 'fetch(presignedUrl) → 200');
  await showRefusal(
    'the presigned URL with user=Mallory',
    await fetch(url.replace('user=Ada%20Lovelace', 'user=Mallory')),
    403,
    'InvalidSignatureException',
    /The request signature we calculated does not match/,
  );
  await showRefusal(
    'unsigned GET /report',
    await fetch(`${lambdaUrl.url}/report?user=Ada`),
    403,
    'AccessDeniedException',
    /^\{"Message":"Forbidden"\}$/,
  );
}

// ── 5 ───────────────────────────────────────────────────────────────────────────────────────
async function cloudFrontOac() {
  section(
    '5. cloudfront-oac',
    "mode: 'content-sha256' through a CloudFront stand-in (aws4 signs for it)",
  );
  const { saveNote } = await load('cloudfront-oac/src/notes-client.mjs');
  const { startCloudFrontStandIn } = await load('cloudfront-oac/test/cloudfront-emulator.mjs');
  const cloudFront = await startCloudFrontStandIn({
    originUrl: lambdaUrl.url,
    region,
    credentials,
  });
  closers.push(() => cloudFront.close());
  await saveNote(cloudFront.url, { title: 'Hello', text: 'from the viewer' });
  const viewer = cloudFront.received.at(-1);
  console.log(
    `    viewer   POST ${cloudFront.url}/api/notes  x-amz-content-sha256: ${viewer?.headers['x-amz-content-sha256']}` +
      `  (no authorization: ${viewer?.headers.authorization === undefined})`,
  );
  const atOrigin = last(lambdaUrl);
  showSigned(atOrigin);
  check(atOrigin?.result.ok === true, 'POST via CloudFront → 200 from the function URL');
  await showRefusal(
    'POST via CloudFront without x-amz-content-sha256',
    await fetch(`${cloudFront.url}/api/notes`, { method: 'POST', body: '{"title":"Hello"}' }),
    403,
    'InvalidSignatureException',
    /The request signature we calculated does not match/,
  );
}

// ── result ──────────────────────────────────────────────────────────────────────────────────
const seconds = ((performance.now() - started) / 1000).toFixed(1);
if (failures.length > 0) {
  console.error(`\n${red(bold(`[demo] FAILED (${failures.length}) in ${seconds} s:`))}`);
  for (const failure of failures) console.error(`  - ${failure}`);
  process.exit(1);
}
console.log(
  `\n${green(bold('[demo] all 5 examples behaved as AWS would'))} ${dim(`(${seconds} s)`)}`,
);
