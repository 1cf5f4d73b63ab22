/**
 * Verifies a SigV4 signature the way API Gateway and Lambda function URLs do, from the request
 * exactly as it arrived, and answers with AWS's own refusal when it does not check out.
 */
import {
  amzDate,
  HOST_NOT_SIGNED,
  INVALID_TOKEN,
  incompleteMessages,
  type RefusalReason,
  refusal,
  restMismatchDetail,
  SIGNATURE_MISMATCH,
  scopeMessages,
  signatureExpired,
  signatureNotYetCurrent,
  signedHeaderMissing,
} from './aws-errors.js';
import {
  type CanonicalParam,
  canonicalHeaders,
  canonicalQuery,
  canonicalRequest,
  canonicalUri,
  collectHeaders,
  parseQuery,
} from './canonical-request.js';
import type {
  EmulatedService,
  KnownCredential,
  RawRequest,
  VerifierOptions,
  VerifyResult,
} from './contract.js';
import { invalidOption } from './emulator-error.js';
import { defaultService, inferFromHost } from './host-patterns.js';
import { type Authorizer, callerAccount, callerUserId, createAuthorizer } from './iam-authorize.js';
import { readClaim, type SignatureClaim } from './signature-claim.js';
import { hmac, sha256Hex, timingSafeEqual, toHex } from './web-crypto.js';

const EMULATED: readonly EmulatedService[] = ['apigateway-rest', 'apigateway-http', 'lambda-url'];
const ISO_BASIC = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;
const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';
const WEEK_SECONDS = 604_800;

/** A verifier: call it with each request as it arrived. */
export type Verifier = (raw: RawRequest) => Promise<VerifyResult>;

/** Validates options once (a `SigV4Error` with code `ERR_SIGV4_INVALID_OPTION` names the bad one). */
export function createVerifier(options: VerifierOptions): Verifier {
  const given: unknown = options.credentials;
  if (!Array.isArray(given)) {
    invalidOption(
      'credentials',
      given === undefined
        ? 'is missing'
        : typeof given === 'object' && given !== null
          ? 'is one object, not a list'
          : `is ${typeof given}, not a list`,
      'Pass a list of the keys to accept: credentials: [{ accessKeyId, secretAccessKey }].',
    );
  }
  if (given.length === 0) {
    invalidOption('credentials', 'is empty', 'Pass at least one { accessKeyId, secretAccessKey }.');
  }
  for (const c of options.credentials) {
    if (!c.accessKeyId || !c.secretAccessKey) {
      invalidOption(
        'credentials',
        'has an entry without accessKeyId or secretAccessKey',
        'Give both.',
      );
    }
  }
  if (!EMULATED.includes(options.emulate)) {
    invalidOption(
      'emulate',
      `is ${JSON.stringify(options.emulate)}`,
      `Use one of ${EMULATED.join(', ')}.`,
    );
  }
  const skew = options.clockSkewMs ?? 300_000;
  if (!Number.isFinite(skew) || skew < 0) {
    invalidOption('clockSkewMs', 'must be a number of milliseconds >= 0', 'AWS uses 300000.');
  }
  const byKey = new Map<string, KnownCredential>(
    options.credentials.map((c) => [c.accessKeyId, c]),
  );
  const authorize = createAuthorizer(options);
  return (raw) => verify(raw, options, byKey, skew, authorize);
}

/** One-shot form of `createVerifier(options)(raw)`. */
export function verifySigV4(raw: RawRequest, options: VerifierOptions): Promise<VerifyResult> {
  return createVerifier(options)(raw);
}

/**
 * The request date must be ISO 8601 basic (`20150830T123600Z`), whether it came from `X-Amz-Date`
 * or, without one, from the `Date` header: AWS's API references ("Common Parameters", e.g.
 * Lambda's and STS's) say `X-Amz-Date` may be left out only when `Date` is in that form, so the
 * HTTP date form (RFC 7231, `Sun, 06 Dec 2026 13:58:18 GMT`) is refused (docs/AWS-BEHAVIOUR.md:
 * documented, not confirmed on a live endpoint).
 */
function parseAmzDate(value: string): Date | undefined {
  const m = ISO_BASIC.exec(value);
  if (m === null) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  return new Date(Date.UTC(y, mo - 1, d, h, mi, s));
}

function splitTarget(target: string): { path: string; query: string } {
  // absolute-form (a proxy request): keep only path and query
  const absolute = /^[a-z][a-z0-9+.-]*:\/\/[^/?]*/i.exec(target);
  const rest = absolute === null ? target : target.slice(absolute[0].length);
  const q = rest.indexOf('?');
  return q === -1
    ? { path: rest, query: '' }
    : { path: rest.slice(0, q), query: rest.slice(q + 1) };
}

function windowText(ms: number): string {
  return `${ms / 60_000} min`;
}

async function signingKey(secret: string, date: string, region: string, service: string) {
  const kDate = await hmac(`AWS4${secret}`, date);
  const kRegion = await hmac(kDate, region);
  const kService = await hmac(kRegion, service);
  return hmac(kService, 'aws4_request');
}

async function verify(
  raw: RawRequest,
  options: VerifierOptions,
  byKey: ReadonlyMap<string, KnownCredential>,
  skew: number,
  authorize: Authorizer | undefined,
): Promise<VerifyResult> {
  const emulate = options.emulate;
  const now = (options.clock ?? (() => new Date()))();
  const refuse = (reason: RefusalReason, message: string, errorType: string): VerifyResult => ({
    ok: false,
    reason,
    refusal: refusal({ emulate, reason, message, errorType, now }),
  });
  const incomplete = (message: string, reason: RefusalReason = 'incomplete-signature') =>
    refuse(reason, message, 'IncompleteSignatureException');
  const invalid = (reason: RefusalReason, message: string) =>
    refuse(reason, message, 'InvalidSignatureException');

  const { path, query } = splitTarget(raw.target);
  const headers = collectHeaders(raw.headers);
  if (!headers.has('host') && raw.host !== '') headers.set('host', raw.host);
  const params = parseQuery(query);

  const authorizationCount = raw.headers.filter(
    ([name]) => name.toLowerCase().trim() === 'authorization',
  ).length;
  const read = readClaim(headers, params, authorizationCount);
  // Two signatures are not one valid signature: refused, whichever is good. AWS's exact answer is
  // not captured; the mismatch text is the emulator's choice (docs/AWS-BEHAVIOUR.md).
  if (read.kind === 'ambiguous') return invalid('ambiguous-signature', SIGNATURE_MISMATCH);
  if (read.kind === 'none') {
    return emulate === 'lambda-url'
      ? refuse('missing-authentication', 'Forbidden', 'AccessDeniedException')
      : refuse(
          'missing-authentication',
          'Missing Authentication Token',
          'MissingAuthenticationTokenException',
        );
  }
  if (read.kind === 'incomplete') return incomplete(read.message);
  const claim: SignatureClaim = read.claim;

  const scope = claim.credential.split('/');
  if (scope.length !== 5)
    return incomplete(incompleteMessages.credentialParts(claim.credential), 'malformed-credential');
  const [accessKeyId, scopeDate, region, service, terminator] = scope as [
    string,
    string,
    string,
    string,
    string,
  ];

  const date = parseAmzDate(claim.date);
  if (date === undefined) {
    return incomplete(
      `Date must be in ISO-8601 'basic format'. Got '${claim.date}'. See http://en.wikipedia.org/wiki/ISO_8601`,
    );
  }
  const requestDate = amzDate(date);

  // Credential scope: region, service, terminator, date; all failures in one message, as AWS does.
  const expectedRegion = options.region ?? inferFromHost(raw.host)?.region;
  const expectedService = options.service ?? defaultService(emulate);
  let scopeError = '';
  if (expectedRegion !== undefined && region !== expectedRegion)
    scopeError += scopeMessages.region(region);
  if (service !== expectedService) scopeError += scopeMessages.service(expectedService);
  if (terminator !== 'aws4_request') scopeError += scopeMessages.terminator(terminator);
  if (scopeDate !== requestDate.slice(0, 8)) {
    scopeError += scopeMessages.date(scopeDate, requestDate.slice(0, 8), requestDate);
  }
  // AWS keeps the trailing space of each part (`...not 'us-east-1'. `).
  if (scopeError !== '') return invalid('credential-scope', scopeError);

  // Presigned URLs: X-Amz-Expires is optional outside S3 (aws4 and aws4fetch send none); when
  // present it must be 1..604800 (docs/AWS-BEHAVIOUR.md, "Presigned URLs outside S3").
  if (claim.mode === 'query' && claim.expires !== undefined) {
    const expires = Number(claim.expires);
    // S3's wordings for X-Amz-Expires; not captured from API Gateway or Lambda (emulator choice).
    if (!/^\d+$/.test(claim.expires)) return incomplete('X-Amz-Expires should be a number');
    if (expires < 1) return incomplete('X-Amz-Expires must be at least 1 (second)');
    if (expires > WEEK_SECONDS) {
      return incomplete('X-Amz-Expires must be less than a week (in seconds) that is 604800');
    }
  }
  const honoursExpires = claim.mode === 'query' && claim.expires !== undefined;

  // Clock: 5 minutes either side of AWS's clock, also for presigned URLs.
  const nowText = amzDate(now);
  if (date.getTime() < now.getTime() - skew) {
    // Reported, not verified, for Lambda function URLs (docs/AWS-BEHAVIOUR.md): presigned URLs die
    // after 5 minutes whatever X-Amz-Expires says. API Gateway honours X-Amz-Expires; without it,
    // the 5-minute window applies as for a header signature (not verified).
    if (!honoursExpires || emulate === 'lambda-url') {
      const limit = amzDate(new Date(now.getTime() - skew));
      return invalid(
        'signature-expired',
        signatureExpired(claim.date, limit, nowText, windowText(skew)),
      );
    }
  }
  if (date.getTime() > now.getTime() + skew) {
    const limit = amzDate(new Date(now.getTime() + skew));
    return invalid(
      'signature-not-yet-current',
      signatureNotYetCurrent(claim.date, limit, nowText, windowText(skew)),
    );
  }
  if (honoursExpires) {
    const expires = Number(claim.expires);
    if (now.getTime() > date.getTime() + expires * 1000) {
      const limit = amzDate(new Date(now.getTime() - expires * 1000));
      return invalid(
        'presigned-url-expired',
        signatureExpired(claim.date, limit, nowText, windowText(expires * 1000)),
      );
    }
  }

  // A signed header that is absent is reported before the credentials are looked up
  // (docs/AWS-BEHAVIOUR.md): a signed x-amz-security-token that was dropped is
  // IncompleteSignatureException, not UnrecognizedClientException.
  if (!claim.signedHeaders.includes('host')) return incomplete(HOST_NOT_SIGNED, 'host-not-signed');
  const absent = claim.signedHeaders.find((name) => !headers.has(name));
  if (absent !== undefined) return incomplete(signedHeaderMissing(absent), 'signed-header-missing');

  const known = byKey.get(accessKeyId);
  if (known === undefined || (known.sessionToken ?? undefined) !== claim.sessionToken) {
    return refuse('invalid-token', INVALID_TOKEN, 'UnrecognizedClientException');
  }

  // Payload: x-amz-content-sha256 when sent (checked against the body unless UNSIGNED-PAYLOAD),
  // else the hash of the body that arrived. The `STREAMING-*` (aws-chunked) forms are S3's: API
  // Gateway and Lambda URLs never skip the body check for them, so they fail like any other hash
  // that is not the body's.
  const bodyHash = await sha256Hex(raw.body);
  const claimed = headers.get('x-amz-content-sha256');
  const method = raw.method.toUpperCase();
  if (
    emulate === 'lambda-url' &&
    (method === 'POST' || method === 'PUT') &&
    claimed === UNSIGNED_PAYLOAD
  ) {
    // Lambda does not support unsigned payloads: what CloudFront OAC signs when the viewer sent no
    // x-amz-content-sha256 (CloudFront developer guide, OAC for Lambda function URLs). A request
    // signed directly over its body, with or without the header, is accepted (reported by aws4
    // and botocore users; docs/AWS-BEHAVIOUR.md).
    return invalid('unsigned-payload-refused', SIGNATURE_MISMATCH);
  }
  // A claimed hash that is not the body's is refused like any mismatch (a REST API then shows the
  // canonical request with the hash of the body that arrived).
  const payloadMismatch =
    claimed !== undefined && claimed !== UNSIGNED_PAYLOAD && claimed !== bodyHash;
  const payloadHash = payloadMismatch ? bodyHash : (claimed ?? bodyHash);

  const key = await signingKey(known.secretAccessKey, scopeDate, region, service);
  const build = async (exclude: (p: CanonicalParam) => boolean) => {
    const creq = canonicalRequest({
      method: raw.method,
      uri: canonicalUri(path, options.normalizePath ?? true),
      query: canonicalQuery(params.filter((p) => !exclude(p))),
      headers: canonicalHeaders(headers, claim.signedHeaders),
      signedHeaders: claim.signedHeaders,
      payloadHash,
    });
    const sts = [
      'AWS4-HMAC-SHA256',
      claim.date,
      `${scopeDate}/${region}/${service}/aws4_request`,
      await sha256Hex(creq),
    ].join('\n');
    return { creq, sts, signature: toHex(await hmac(key, sts)) };
  };
  // Presigned URLs leave out the one X-Amz-Signature they were signed with; a second one (or a
  // second token) stays in the canonical query, so a parameter nobody signed never gets through.
  const first = (name: string) =>
    claim.mode === 'query' ? params.find((p) => p.decodedName === name) : undefined;
  const signatureParam = first('X-Amz-Signature');
  const isSignature = (p: CanonicalParam) => p === signatureParam;
  const expected = await build(isSignature);
  let matched =
    !payloadMismatch && timingSafeEqual(expected.signature, claim.signature) ? expected : undefined;
  if (
    matched === undefined &&
    !payloadMismatch &&
    claim.mode === 'query' &&
    claim.sessionToken !== undefined
  ) {
    // Some services take the token appended after signing (aws-c-auth's omit_session_token,
    // the 2015 suite's post-sts-header-after): accept that form too.
    const tokenParam = first('X-Amz-Security-Token');
    const withoutToken = await build((p) => isSignature(p) || p === tokenParam);
    if (timingSafeEqual(withoutToken.signature, claim.signature)) matched = withoutToken;
  }
  if (matched === undefined) {
    const detail =
      emulate === 'apigateway-rest' ? restMismatchDetail(expected.creq, expected.sts) : '';
    return invalid(
      payloadMismatch ? 'payload-hash-mismatch' : 'signature-mismatch',
      `${SIGNATURE_MISMATCH}${detail}`,
    );
  }
  const principalArn = known.principalArn ?? `arn:aws:iam::123456789012:user/${accessKeyId}`;
  const accountId = callerAccount(known, principalArn);
  // IAM decides once the signature is good (only when a policy is configured anywhere).
  const denied = authorize?.(raw, path, { credential: known, principalArn, accountId, region });
  if (denied !== undefined) return refuse('access-denied', denied.message, 'AccessDeniedException');
  return {
    ok: true,
    identity: {
      accessKeyId,
      principalArn,
      accountId,
      userId: callerUserId(known, principalArn),
      region,
      service,
      mode: claim.mode,
      signedHeaders: claim.signedHeaders,
      canonicalRequest: matched.creq,
      stringToSign: matched.sts,
    },
  };
}
