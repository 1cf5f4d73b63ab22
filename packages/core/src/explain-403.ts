/**
 * Turns an AWS 403 into its likely cause and what to do, from the texts API Gateway and Lambda
 * function URLs send (as @sigv4/msw's aws-errors.ts reproduces them). One explainer for the
 * library (`explain403`, usable from fetch and axios) and the `sigv4` CLI.
 * Pure: no I/O, no clock of its own. It never shows a secret: what it quotes of a canonical
 * request has the session token `[redacted]` on both sides.
 */
import { redactCanonicalRequest } from './redact.js';
import type { SignedRequestInfo } from './transport/signing-options.js';

/** What is known about the refused request and its answer (internal form). */
export interface Explain403Input {
  readonly method: string;
  readonly url: string;
  /** The scope the request was signed for. */
  readonly service: string;
  readonly region: string;
  readonly signedHeaders: readonly string[];
  /** What we signed (unredacted; only compared, never printed whole). */
  readonly canonicalRequest: string;
  readonly stringToSign: string;
  /** The access key id used (not a secret; shown shortened). */
  readonly accessKeyId: string;
  readonly hasSessionToken: boolean;
  /** The response's `x-amzn-ErrorType`, if any. */
  readonly errorType: string | undefined;
  /** The response's `Date`, if any. */
  readonly serverDate: string | undefined;
  /** The response body as text. */
  readonly body: string;
  /** The signing clock when the answer arrived. */
  readonly receivedAt: Date;
}

/** What a 403 explanation says: what AWS said, the likely cause, and the fixes. */
export interface Explanation {
  /** What AWS said: `403 InvalidSignatureException: Signature expired: ...` */
  readonly said: string;
  readonly cause: string;
  readonly fixes: readonly string[];
}

/** `message` or `Message` of a JSON error body, else the body itself (shortened). */
export function awsMessage(body: string): string {
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed === 'object' && parsed !== null) {
      const record = parsed as Record<string, unknown>;
      const message = record.message ?? record.Message;
      if (typeof message === 'string') return message;
    }
  } catch {
    // not JSON: fall through
  }
  return body.trim().slice(0, 500);
}

/** `InvalidSignatureException` out of `InvalidSignatureException:http://internal...`. */
function errorTypeName(errorType: string | undefined): string | undefined {
  const name = errorType?.split(':')[0]?.trim();
  return name === '' ? undefined : name;
}

/** "600 s (10 min 0 s)". */
export function formatOffset(ms: number): string {
  const seconds = Math.round(Math.abs(ms) / 1000);
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  return minutes === 0 ? `${seconds} s` : `${seconds} s (${minutes} min ${rest} s)`;
}

/**
 * The server's clock minus ours, in ms. `Date` has whole seconds and is truncated, so the
 * server's time is on average half a second later than it says.
 */
export function clockOffsetMs(
  serverDate: string | undefined,
  receivedAt: Date,
): number | undefined {
  if (serverDate === undefined) return undefined;
  const server = Date.parse(serverDate);
  if (Number.isNaN(server)) return undefined;
  return server + 500 - receivedAt.getTime();
}

function shortKey(accessKeyId: string): string {
  return accessKeyId.length > 8
    ? `${accessKeyId.slice(0, 4)}…${accessKeyId.slice(-4)}`
    : accessKeyId;
}

/** The IAM action and a resource ARN pattern for invoking `url` on `service`. */
export function iamActionFor(
  service: string,
  method: string,
  url: string,
  region: string,
): { action: string; resource: string } | undefined {
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  const firstLabel = parsed?.hostname.split('.')[0] ?? '';
  if (service === 'execute-api') {
    const apiId = /\.execute-api\./.test(parsed?.hostname ?? '') ? firstLabel : '<api-id>';
    const [stage = '<stage>', ...rest] = (parsed?.pathname ?? '/').split('/').slice(1);
    return {
      action: 'execute-api:Invoke',
      resource: `arn:aws:execute-api:${region}:<account-id>:${apiId}/${stage || '<stage>'}/${method}/${rest.join('/')}`,
    };
  }
  if (service === 'lambda') {
    return {
      action: 'lambda:InvokeFunctionUrl',
      resource: `arn:aws:lambda:${region}:<account-id>:function:<function-name>`,
    };
  }
  return undefined;
}

const CANONICAL_FROM_AWS =
  /The Canonical String for this request should have been\n'([\s\S]*?)'\n\nThe String-to-Sign should have been\n'([\s\S]*?)'\n?/;

function labelOf(index: number, lines: readonly string[]): string {
  if (index === 0) return 'the method';
  if (index === 1) return 'the canonical path';
  if (index === 2) return 'the canonical query';
  const blank = lines.indexOf('', 3);
  if (blank === -1 || index < blank) return 'a canonical header';
  if (index === blank + 1) return 'the signed header list';
  return 'the payload hash';
}

/** The first line where AWS's canonical request differs from ours, described. */
export function diffCanonical(ours: string, theirs: string): string | undefined {
  if (ours === theirs) return undefined;
  const a = ours.split('\n');
  const b = theirs.split('\n');
  const length = Math.max(a.length, b.length);
  for (let i = 0; i < length; i++) {
    if (a[i] !== b[i]) {
      return `${labelOf(i, a)} differs: we signed ${JSON.stringify(a[i] ?? '')}, AWS computed ${JSON.stringify(b[i] ?? '')}`;
    }
  }
  return undefined;
}

function mismatch(input: Explain403Input, said: string, message: string): Explanation {
  const method = input.method.toUpperCase();
  const lambdaWrite = input.service === 'lambda' && (method === 'POST' || method === 'PUT');
  const hashLine = input.canonicalRequest.split('\n').at(-1) ?? '';
  if (
    lambdaWrite &&
    (!input.signedHeaders.includes('x-amz-content-sha256') || hashLine === 'UNSIGNED-PAYLOAD')
  ) {
    return {
      said,
      cause: `Lambda function URLs refuse a ${method} whose body hash is not sent and signed: the request lacked a signed x-amz-content-sha256 (the hex SHA-256 of the exact body; UNSIGNED-PAYLOAD is refused too).`,
      fixes: [
        'send x-amz-content-sha256 = hex SHA-256 of the body and sign it (sigv4 does; check that nothing between you and Lambda, such as a CDN or proxy, removes it or changes the body)',
      ],
    };
  }
  const fromAws = CANONICAL_FROM_AWS.exec(message);
  if (fromAws) {
    const difference = diffCanonical(
      redactCanonicalRequest(input.canonicalRequest),
      redactCanonicalRequest(fromAws[1] ?? ''),
    );
    if (difference !== undefined) {
      return {
        said,
        cause: `the request AWS received is not the one that was signed: ${difference}. Something between you and AWS changed it (a proxy rewriting the path, query or a header), or the URL was encoded differently.`,
        fixes: [
          'compare with the canonical request that was signed (`onSigned`; `sigv4 -v` prints it)',
          'send the request directly, not through a proxy that rewrites it',
        ],
      };
    }
    if (input.stringToSign !== (fromAws[2] ?? '')) {
      return {
        said,
        cause:
          'the canonical requests match but the strings to sign differ: the date or credential scope (region/service) differs from what AWS expects.',
        fixes: [
          'check the `region` and `service` options (--region, --service), and the machine clock',
        ],
      };
    }
    return {
      said,
      cause: `AWS computed exactly the request that was signed, so the secret access key is wrong: it does not belong to access key ${shortKey(input.accessKeyId)}.`,
      fixes: [
        'check AWS_SECRET_ACCESS_KEY (or the profile in use): it must be the secret issued with that access key id',
        'if the key was rotated, update both halves together',
      ],
    };
  }
  return {
    said,
    cause: `the signature does not match. Most often the secret access key does not belong to access key ${shortKey(input.accessKeyId)}; otherwise something between you and AWS changed the signed request (path, query or a signed header).`,
    fixes: [
      'check AWS_SECRET_ACCESS_KEY (or the profile in use)',
      'compare the canonical request that was signed (`onSigned`; `sigv4 -v`) with what the service logs',
      ...(input.service === 'lambda'
        ? [
            'Lambda function URLs also check x-amz-content-sha256 against the body: a proxy must not change the body',
          ]
        : []),
    ],
  };
}

function clock(input: Explain403Input, said: string, expired: boolean): Explanation {
  const offset = clockOffsetMs(input.serverDate, input.receivedAt);
  if (offset === undefined) {
    return {
      said,
      cause: `the signing time is more than 5 minutes ${expired ? 'behind' : 'ahead of'} the server's clock (the response had no Date header to measure the offset).`,
      fixes: ["synchronise this machine's clock (NTP)"],
    };
  }
  const direction = offset >= 0 ? 'ahead of' : 'behind';
  const measured = `the server's clock is ${formatOffset(offset)} ${direction} this machine's (server Date: ${input.serverDate}; offset ${offset >= 0 ? '+' : '-'}${Math.round(Math.abs(offset) / 1000)} s)`;
  const withinWindow = Math.abs(offset) < 5 * 60 * 1000;
  return {
    said,
    cause: withinWindow
      ? `the request was signed at a time more than 5 minutes ${expired ? 'before' : 'after'} the server's clock, although ${measured}: it was signed long before it was sent, or the clock changed meanwhile.`
      : `clock skew: ${measured}. AWS accepts a signature only within 5 minutes of its own clock.`,
    fixes: [
      "synchronise this machine's clock (e.g. `sudo timedatectl set-ntp true` on Linux, `sudo sntp -sS time.apple.com` on macOS, `w32tm /resync` on Windows)",
    ],
  };
}

function policy(input: Explain403Input, said: string, message: string): Explanation {
  const explicit = /explicit deny/i.test(message);
  const stated = /User: (\S+) is not authorized to perform: (\S+) on resource: (\S+)/.exec(message);
  const fallback = iamActionFor(input.service, input.method.toUpperCase(), input.url, input.region);
  const action = stated?.[2] ?? fallback?.action;
  const resource = stated?.[3] ?? fallback?.resource;
  const who = stated?.[1] ?? `the identity of access key ${shortKey(input.accessKeyId)}`;
  const what =
    action === undefined ? 'permission to call this endpoint' : `${action} on ${resource}`;
  const fixes = explicit
    ? [
        `an explicit Deny applies (an identity policy, permissions boundary, SCP or the endpoint's resource policy): remove it or exempt ${who}`,
      ]
    : [`allow ${what} for ${who} in an IAM policy`];
  if (input.service === 'lambda') {
    fixes.push(
      "function URLs: allow lambda:InvokeFunctionUrl (newer AWS docs also require lambda:InvokeFunction) with condition lambda:FunctionUrlAuthType = AWS_IAM; a caller from another account also needs the function's resource-based policy to allow it",
    );
  } else if (input.service === 'execute-api') {
    fixes.push(
      'if the API has a resource policy, it must allow the caller too (and a private API needs the request to come through the VPC endpoint)',
    );
  }
  return {
    said,
    cause: `the signature is valid but IAM denies it: ${who} lacks ${what}${explicit ? ' (explicit deny)' : ''}.`,
    fixes,
  };
}

/** The refusal explained from everything known about it. */
export function explainRefusal(input: Explain403Input): Explanation {
  const message = awsMessage(input.body);
  const type = errorTypeName(input.errorType);
  const said = `403${type ? ` ${type}` : ''}: ${message.split('\n')[0] ?? ''}`;

  if (/^Signature expired/.test(message)) return clock(input, said, true);
  if (/^Signature not yet current/.test(message)) return clock(input, said, false);

  const region = /scoped to a valid region, not '([^']*)'/.exec(message);
  const service = /scoped to correct service: '([^']*)'/.exec(message);
  if (region || service) {
    const fixes: string[] = [];
    if (region)
      fixes.push(
        `pass the endpoint's region (\`region\`, --region; the request was signed for ${input.region})`,
      );
    if (service)
      fixes.push(
        `pass service ${service[1]} (\`service\`, --service; the request was signed for ${input.service})`,
      );
    return {
      said,
      cause: `wrong credential scope: the request was signed for ${input.service} in ${input.region}, which this endpoint does not accept.`,
      fixes,
    };
  }
  if (/Date in Credential scope does not match/.test(message)) {
    return {
      said,
      cause:
        'the date in the credential scope differs from x-amz-date: something changed x-amz-date after signing.',
      fixes: ['send the request without a proxy that rewrites headers'],
    };
  }
  const missing = /'([^']+)' is named as a SignedHeader, but it does not exist/.exec(message);
  if (missing) {
    return {
      said,
      cause: `the header ${missing[1]} was signed but did not arrive: a proxy, load balancer or CDN between you and AWS removed it.`,
      fixes: [
        `keep ${missing[1]} on the way (proxy configuration), or send the request directly`,
        ...(missing[1] === 'x-amz-content-sha256' && input.service === 'lambda'
          ? ['Lambda function URLs need x-amz-content-sha256 on POST/PUT: it must reach Lambda']
          : []),
      ],
    };
  }
  if (
    /security token included in the request is invalid/i.test(message) ||
    type === 'UnrecognizedClientException'
  ) {
    const temporary = input.accessKeyId.startsWith('ASIA');
    return {
      said,
      cause: input.hasSessionToken
        ? `the session token is expired or does not belong to access key ${shortKey(input.accessKeyId)} (temporary credentials from SSO or an assumed role last 1-12 hours).`
        : temporary
          ? `access key ${shortKey(input.accessKeyId)} is temporary (ASIA…) but no session token was sent.`
          : `AWS does not know access key ${shortKey(input.accessKeyId)}: it was deleted or deactivated, belongs to another partition (China, GovCloud), or is not an AWS key.`,
      fixes: input.hasSessionToken
        ? ['refresh the credentials (`aws sso login --profile P`, assume the role again) and retry']
        : temporary
          ? ['set AWS_SESSION_TOKEN together with the ASIA… key, or use a profile']
          : ['check AWS_ACCESS_KEY_ID or the profile; create a new access key if it was deleted'],
    };
  }
  if (/signature we calculated does not match/i.test(message))
    return mismatch(input, said, message);
  if (
    /is not authorized to perform/.test(message) ||
    (type === 'AccessDeniedException' && !/^Missing Authentication Token/.test(message)) ||
    (input.service === 'lambda' && /^Forbidden/.test(message))
  ) {
    return policy(input, said, message);
  }
  if (/^Missing Authentication Token/.test(message)) {
    return {
      said,
      cause:
        'API Gateway found no signature. The request was signed, so the likely cause is a path or method with no route: API Gateway answers "Missing Authentication Token" for resources that do not exist (a wrong stage, a typo, a method not deployed). Otherwise a proxy removed the Authorization header.',
      fixes: [
        'check the stage and path in the URL (https://{api-id}.execute-api.{region}.amazonaws.com/{stage}/{path}) and that the API is deployed',
        'check that the method is defined for that resource',
      ],
    };
  }
  if (type === 'IncompleteSignatureException') {
    return {
      said,
      cause:
        'the Authorization header arrived incomplete: something between you and AWS changed it.',
      fixes: ['send the request directly, without a proxy that rewrites headers'],
    };
  }
  return {
    said,
    cause:
      'AWS (or the server) refused the request without a recognised SigV4 reason: a WAF rule, a resource policy, or an authorizer other than IAM.',
    fixes: [
      'check the endpoint uses AWS_IAM authorization, and any resource policy or WAF on it',
      'look at what was signed (`onSigned`; `sigv4 -v`)',
    ],
  };
}

/** A response, as any HTTP client has it: fetch's `Response` fields, or an axios response. */
export interface RefusedResponse {
  readonly status: number;
  /** A `Headers`, axios's headers, or a plain object of header values. */
  readonly headers: { get(name: string): unknown } | Readonly<Record<string, unknown>>;
  /** The body as text, or as axios parsed it (an object is read as JSON). */
  readonly body: unknown;
}

function headerOf(headers: RefusedResponse['headers'], name: string): string | undefined {
  const value =
    typeof headers.get === 'function'
      ? (headers as { get(name: string): unknown }).get(name)
      : Object.entries(headers).find(([key]) => key.toLowerCase() === name)?.[1];
  return value === undefined || value === null ? undefined : String(value);
}

function bodyText(body: unknown): string {
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array) return new TextDecoder().decode(body);
  try {
    return JSON.stringify(body) ?? '';
  } catch {
    return '';
  }
}

/**
 * Explains an AWS 403 from the response and what was signed (the `onSigned` info of the last
 * attempt): clock skew with the measured offset, a wrong region or service, a session token
 * that expired or is missing, a signature that does not match (with the first line of the
 * canonical request that differs, when AWS sends its own), a header that was signed but did
 * not arrive, and IAM refusing a valid signature (with the action and resource to allow).
 * `undefined` for a response that is not a 403. Nothing it returns holds a secret key, a
 * session token or a signature.
 *
 * @example
 * let signed: SignedRequestInfo | undefined;
 * const signedFetch = createSignedFetch({ onSigned: (info) => { signed = info; } });
 * const res = await signedFetch(url);
 * if (res.status === 403 && signed) {
 *   const why = explain403({ status: 403, headers: res.headers, body: await res.text() }, signed);
 *   if (why) console.error(formatExplanation(why).join('\n'));
 * }
 */
export function explain403(
  response: RefusedResponse,
  signed: SignedRequestInfo,
  receivedAt: Date = new Date(),
): Explanation | undefined {
  if (response.status !== 403) return undefined;
  return explainRefusal({
    method: signed.method,
    url: signed.url,
    service: signed.service,
    region: signed.region,
    signedHeaders: signed.signedHeaders,
    canonicalRequest: signed.canonicalRequest,
    stringToSign: signed.stringToSign,
    accessKeyId: signed.accessKeyId,
    hasSessionToken: signed.signedHeaders.includes('x-amz-security-token'),
    errorType: headerOf(response.headers, 'x-amzn-errortype'),
    serverDate: headerOf(response.headers, 'date'),
    body: bodyText(response.body),
    receivedAt,
  });
}

/**
 * The explanation as lines: `AWS refused the request (...)`, `likely cause: ...`, then one
 * `fix: ...` per fix.
 *
 * @example
 * console.error(formatExplanation(explanation).join('\n'));
 */
export function formatExplanation(explanation: Explanation): string[] {
  return [
    `AWS refused the request (${explanation.said})`,
    `likely cause: ${explanation.cause}`,
    ...explanation.fixes.map((fix) => `fix: ${fix}`),
  ];
}
