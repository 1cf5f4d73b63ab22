import { describe, expect, it } from 'vitest';
import {
  clockOffsetMs,
  diffCanonical,
  type Explain403Input,
  explain403,
  explainRefusal,
  formatExplanation,
  formatOffset,
  iamActionFor,
} from './explain-403.js';

const CANONICAL = [
  'POST',
  '/prod/items',
  '',
  'host:abc123.execute-api.eu-west-1.amazonaws.com',
  'x-amz-content-sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a',
  'x-amz-date:20240101T000000Z',
  '',
  'host;x-amz-content-sha256;x-amz-date',
  '44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a',
].join('\n');
const STRING_TO_SIGN =
  'AWS4-HMAC-SHA256\n20240101T000000Z\n20240101/eu-west-1/execute-api/aws4_request\nabc';

/** What onSigned gives for the same request. */
const signed = {
  method: 'POST',
  url: 'https://abc123.execute-api.eu-west-1.amazonaws.com/prod/items',
  service: 'execute-api',
  region: 'eu-west-1',
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  signedHeaders: ['host', 'x-amz-content-sha256', 'x-amz-date'],
  canonicalRequest: CANONICAL,
  stringToSign: STRING_TO_SIGN,
  attempt: 0,
};

const base: Explain403Input = {
  method: 'POST',
  url: 'https://abc123.execute-api.eu-west-1.amazonaws.com/prod/items',
  service: 'execute-api',
  region: 'eu-west-1',
  signedHeaders: ['host', 'x-amz-content-sha256', 'x-amz-date'],
  canonicalRequest: CANONICAL,
  stringToSign: STRING_TO_SIGN,
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  hasSessionToken: false,
  errorType: 'InvalidSignatureException',
  serverDate: undefined,
  body: '',
  receivedAt: new Date('2024-01-01T00:00:00Z'),
};
const json = (message: string, key = 'message') => JSON.stringify({ [key]: message });
const MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';
const rest = (canonical: string, sts: string) =>
  `${MISMATCH}\n\nThe Canonical String for this request should have been\n'${canonical}'\n\nThe String-to-Sign should have been\n'${sts}'\n`;

describe('explain403: the cause of each AWS 403', () => {
  const table: ReadonlyArray<readonly [string, Partial<Explain403Input>, RegExp]> = [
    [
      'expired, with the server 10 min ahead',
      {
        body: json(
          'Signature expired: 20240101T000000Z is now earlier than 20240101T000500Z (20240101T001000Z - 5 min.)',
        ),
        serverDate: 'Mon, 01 Jan 2024 00:10:00 GMT',
        // Date is truncated to the second: 00:10:00 means 00:10:00.5 on average.
        receivedAt: new Date('2024-01-01T00:00:00.500Z'),
      },
      /^clock skew: the server's clock is 600 s \(10 min 0 s\) ahead of this machine's .*offset \+600 s/,
    ],
    [
      'not yet current, with the server 7 min behind',
      {
        body: json(
          'Signature not yet current: 20240101T000000Z is still later than 20231231T235800Z (20231231T235300Z + 5 min.)',
        ),
        serverDate: 'Sun, 31 Dec 2023 23:53:00 GMT',
        receivedAt: new Date('2024-01-01T00:00:00.500Z'),
      },
      /^clock skew: the server's clock is 420 s \(7 min 0 s\) behind this machine's .*offset -420 s/,
    ],
    [
      'expired without a Date header',
      { body: json('Signature expired: 20240101T000000Z is now earlier than x (y - 5 min.)') },
      /more than 5 minutes behind the server's clock \(the response had no Date header/,
    ],
    [
      'expired although the clocks agree (signed long before sending)',
      {
        body: json('Signature expired: x is now earlier than y (z - 5 min.)'),
        serverDate: 'Mon, 01 Jan 2024 00:00:10 GMT',
      },
      /signed long before it was sent/,
    ],
    [
      'wrong region',
      { body: json("Credential should be scoped to a valid region, not 'eu-west-1'. ") },
      /^wrong credential scope: the request was signed for execute-api in eu-west-1/,
    ],
    [
      'unknown key',
      {
        body: json('The security token included in the request is invalid.'),
        errorType: 'UnrecognizedClientException',
      },
      /^AWS does not know access key AKIA…MPLE/,
    ],
    [
      'expired session token',
      {
        body: json('The security token included in the request is invalid.'),
        hasSessionToken: true,
        accessKeyId: 'ASIAXXXXXXXXEXAMPLE',
      },
      /^the session token is expired or does not belong to access key ASIA…MPLE/,
    ],
    [
      'temporary key without a token',
      {
        body: json('The security token included in the request is invalid.'),
        accessKeyId: 'ASIAXXXXXXXXEXAMPLE',
      },
      /is temporary \(ASIA…\) but no session token was sent/,
    ],
    [
      'a signed header that did not arrive',
      {
        body: json(
          "'x-amz-security-token' is named as a SignedHeader, but it does not exist in the HTTP request.",
        ),
        errorType: 'IncompleteSignatureException',
      },
      /^the header x-amz-security-token was signed but did not arrive/,
    ],
    [
      'REST mismatch, same canonical request: the secret is wrong',
      { body: json(rest(CANONICAL, STRING_TO_SIGN)) },
      /^AWS computed exactly the request that was signed, so the secret access key is wrong: it does not belong to access key AKIA…MPLE/,
    ],
    [
      'REST mismatch, a proxy changed the path',
      { body: json(rest(CANONICAL.replace('/prod/items', '/items'), STRING_TO_SIGN)) },
      /^the request AWS received is not the one that was signed: the canonical path differs: we signed "\/prod\/items", AWS computed "\/items"/,
    ],
    [
      'REST mismatch, a header value changed',
      {
        body: json(
          rest(
            CANONICAL.replace('x-amz-date:20240101T000000Z', 'x-amz-date:20240101T000001Z'),
            STRING_TO_SIGN,
          ),
        ),
      },
      /a canonical header differs: we signed "x-amz-date:20240101T000000Z"/,
    ],
    [
      'REST mismatch, only the string to sign differs',
      { body: json(rest(CANONICAL, STRING_TO_SIGN.replace('eu-west-1', 'us-east-1'))) },
      /^the canonical requests match but the strings to sign differ/,
    ],
    [
      'mismatch without detail (HTTP API, Lambda)',
      { body: json(MISMATCH) },
      /^the signature does not match\. Most often the secret access key does not belong/,
    ],
    [
      'Lambda URL POST without a signed x-amz-content-sha256',
      {
        service: 'lambda',
        url: 'https://abcdefghij.lambda-url.eu-west-1.on.aws/',
        signedHeaders: ['host', 'x-amz-date'],
        body: json(MISMATCH),
      },
      /^Lambda function URLs refuse a POST whose body hash is not sent and signed/,
    ],
    [
      'Lambda URL PUT with UNSIGNED-PAYLOAD',
      {
        method: 'PUT',
        service: 'lambda',
        canonicalRequest: CANONICAL.replace(/[0-9a-f]{64}$/, 'UNSIGNED-PAYLOAD'),
        body: json(MISMATCH),
      },
      /UNSIGNED-PAYLOAD is refused too/,
    ],
    [
      'IAM denial on API Gateway (text from AWS)',
      {
        errorType: 'AccessDeniedException',
        body: json(
          'User: arn:aws:sts::123456789012:assumed-role/dev/ada is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:eu-west-1:********9012:abc123/prod/POST/items',
          'Message',
        ),
      },
      /^the signature is valid but IAM denies it: arn:aws:sts::123456789012:assumed-role\/dev\/ada lacks execute-api:Invoke on arn:aws:execute-api:eu-west-1:\*+9012:abc123\/prod\/POST\/items\.$/,
    ],
    [
      'IAM explicit deny',
      {
        errorType: 'AccessDeniedException',
        body: json(
          'User: arn:aws:iam::1:user/a is not authorized to perform: execute-api:Invoke on resource: arn:x with an explicit deny',
        ),
      },
      /\(explicit deny\)/,
    ],
    [
      'Lambda URL Forbidden to a signed request',
      { service: 'lambda', errorType: 'AccessDeniedException', body: json('Forbidden', 'Message') },
      /lacks lambda:InvokeFunctionUrl on arn:aws:lambda:eu-west-1:<account-id>:function:<function-name>/,
    ],
    [
      'Missing Authentication Token to a signed request',
      {
        errorType: 'MissingAuthenticationTokenException',
        body: json('Missing Authentication Token'),
      },
      /a path or method with no route/,
    ],
    [
      'a 403 with no AWS reason',
      { errorType: undefined, body: '<html>Request blocked</html>' },
      /without a recognised SigV4 reason: a WAF rule/,
    ],
  ];

  it.each(table)('%s', (_name, overrides, cause) => {
    const explanation = explainRefusal({ ...base, ...overrides });
    expect(explanation?.cause).toMatch(cause);
    expect(explanation?.fixes.length).toBeGreaterThan(0);
  });

  it('only explains 403s', () => {
    expect(explain403({ status: 500, headers: {}, body: json(MISMATCH) }, signed)).toBeUndefined();
  });

  it("takes fetch's Response fields or an axios response, and what onSigned gave", () => {
    const headers = new Headers({
      'x-amzn-errortype': 'InvalidSignatureException',
      date: 'Mon, 01 Jan 2024 00:10:00 GMT',
    });
    const body = json('Signature expired: 20240101T000000Z is now earlier than 20240101T000500Z');
    const at = new Date('2024-01-01T00:00:00Z');
    const fromFetch = explain403({ status: 403, headers, body }, signed, at);
    expect(fromFetch?.cause).toMatch(/clock skew: the server's clock is 60\d s/);
    // axios: a plain object of headers, a body axios parsed as JSON.
    const fromAxios = explain403(
      {
        status: 403,
        headers: { 'X-Amzn-ErrorType': 'InvalidSignatureException', Date: headers.get('date') },
        body: JSON.parse(body),
      },
      signed,
      at,
    );
    expect(fromAxios).toEqual(fromFetch);
  });

  it('quotes no session token when AWS echoes its canonical request', () => {
    const token = 'IQoJb3JpZ2luX2VjEXAMPLETOKEN';
    const theirs = CANONICAL.replace(
      'x-amz-date:',
      `x-amz-security-token:${token}\nx-amz-date:`,
    ).replace('/prod/items', '/prod/Items');
    const ours = CANONICAL.replace('x-amz-date:', 'x-amz-security-token:[redacted]\nx-amz-date:');
    const explanation = explain403(
      {
        status: 403,
        headers: { 'x-amzn-errortype': 'InvalidSignatureException' },
        body: json(
          `The request signature we calculated does not match the signature you provided.\n\nThe Canonical String for this request should have been\n'${theirs}'\n\nThe String-to-Sign should have been\n'x'\n`,
        ),
      },
      { ...signed, canonicalRequest: ours },
    );
    expect(explanation?.cause).toContain('the canonical path differs');
    expect(JSON.stringify(explanation)).not.toContain(token);
  });

  it('formats as "AWS refused", "likely cause", then one "fix" per line', () => {
    const explanation = explainRefusal({
      ...base,
      body: json("Credential should be scoped to correct service: 'execute-api'. "),
    });
    if (!explanation) throw new Error('no explanation');
    const lines = formatExplanation(explanation);
    expect(lines[0]).toBe(
      "AWS refused the request (403 InvalidSignatureException: Credential should be scoped to correct service: 'execute-api'. )",
    );
    expect(lines[1]).toMatch(/^likely cause: /);
    expect(lines.slice(2)).toEqual([
      'fix: pass service execute-api (`service`, --service; the request was signed for execute-api)',
    ]);
  });
});

describe('helpers', () => {
  it('clockOffsetMs reads Date (whole seconds, truncated: +0.5 s)', () => {
    expect(
      clockOffsetMs('Mon, 01 Jan 2024 00:10:00 GMT', new Date('2024-01-01T00:00:00.000Z')),
    ).toBe(600_500);
    expect(clockOffsetMs('not a date', new Date())).toBeUndefined();
    expect(clockOffsetMs(undefined, new Date())).toBeUndefined();
  });

  it.each([
    [0, '0 s'],
    [59_400, '59 s'],
    [-600_400, '600 s (10 min 0 s)'],
    [3_725_000, '3725 s (62 min 5 s)'],
  ])('formatOffset(%d) = %s', (ms, text) => {
    expect(formatOffset(ms)).toBe(text);
  });

  it('iamActionFor names the action and a resource pattern', () => {
    expect(
      iamActionFor(
        'execute-api',
        'GET',
        'https://abc123.execute-api.eu-west-1.amazonaws.com/prod/a/b',
        'eu-west-1',
      ),
    ).toEqual({
      action: 'execute-api:Invoke',
      resource: 'arn:aws:execute-api:eu-west-1:<account-id>:abc123/prod/GET/a/b',
    });
    expect(
      iamActionFor('execute-api', 'GET', 'https://api.example.com/', 'eu-west-1')?.resource,
    ).toBe('arn:aws:execute-api:eu-west-1:<account-id>:<api-id>/<stage>/GET/');
    expect(
      iamActionFor('lambda', 'POST', 'https://x.lambda-url.eu-west-1.on.aws/', 'eu-west-1')?.action,
    ).toBe('lambda:InvokeFunctionUrl');
    expect(iamActionFor('s3', 'GET', 'https://b.s3.amazonaws.com/', 'us-east-1')).toBeUndefined();
  });

  it('diffCanonical names the first differing part', () => {
    expect(diffCanonical(CANONICAL, CANONICAL)).toBeUndefined();
    expect(diffCanonical(CANONICAL, CANONICAL.replace('POST', 'GET'))).toMatch(
      /^the method differs/,
    );
    expect(diffCanonical(CANONICAL, CANONICAL.replace('\n\nhost', '\na=1\nhost'))).toMatch(
      /^the canonical query differs/,
    );
    expect(
      diffCanonical(
        CANONICAL,
        CANONICAL.replace('host;x-amz-content-sha256;x-amz-date', 'host;x-amz-date'),
      ),
    ).toMatch(/^the signed header list differs/);
  });
});
