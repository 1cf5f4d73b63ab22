/**
 * What AWS answers when IAM auth refuses a request: status, body, `x-amzn-ErrorType`. Each text
 * is copied from AWS documentation or a public report of a real AWS response, cited beside it.
 * Where a text could not be pinned down for one front door, the comment says so: keep it easy to
 * change (one constant each).
 */
import type { AwsRefusal, EmulatedService } from './contract.js';

/** Machine-readable reasons a request was refused (the `reason` of a failed `VerifyResult`). */
export type RefusalReason =
  | 'missing-authentication'
  | 'incomplete-signature'
  | 'malformed-credential'
  | 'host-not-signed'
  | 'signed-header-missing'
  | 'signature-expired'
  | 'signature-not-yet-current'
  | 'presigned-url-expired'
  | 'invalid-token'
  | 'credential-scope'
  | 'payload-hash-mismatch'
  | 'unsigned-payload-refused'
  | 'signature-mismatch'
  | 'ambiguous-signature'
  | 'access-denied';

/**
 * API Gateway, unsigned request to an AWS_IAM method: `{"message":"Missing Authentication Token"}`,
 * MissingAuthenticationTokenException. Sources: API Gateway developer guide (troubleshooting
 * "Missing Authentication Token"); kndt84/aws-api-gateway-client#29; udacity/sagemaker-deployment#7;
 * https://zenn.dev/hiroga/articles/api-gateway-cross-account-trouble-shooting. HTTP APIs: not
 * verified that they answer the same way (no public capture found); emulated like REST APIs.
 */
export const MISSING_AUTHENTICATION_TOKEN = 'Missing Authentication Token';

/**
 * Lambda function URL, unsigned request with auth type AWS_IAM: `{"Message":"Forbidden"}` (capital
 * M), AccessDeniedException. Sources: Lambda developer guide (function URL security and auth);
 * TerraConstructs/base#98 (AccessDeniedException). Newer reports (ant-media/Ant-Media-Server#7827,
 * brikis98/devops-book#12, 2026) show the text extended to "Forbidden. For troubleshooting
 * Function URL authorization issues, see: https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html"
 * for a missing resource policy; whether unsigned requests get that longer text is not verified.
 */
export const LAMBDA_FORBIDDEN = 'Forbidden';

/**
 * Signature mismatch (InvalidSignatureException). Sources: mhart/aws4#83 and #110 (execute-api),
 * erlcloud/erlcloud#690 (Lambda, `x-amzn-errortype: InvalidSignatureException`), AWS IAM user guide
 * "Troubleshoot signature version 4 errors".
 */
export const SIGNATURE_MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

/**
 * REST APIs append what they expected. Layout from postmanlabs/postman-app-support#5815 (the JSON
 * with its `\n`s) and mhart/aws4#110:
 * `\n\nThe Canonical String for this request should have been\n'…'\n\nThe String-to-Sign should have been\n'…'\n`.
 */
export function restMismatchDetail(canonicalRequest: string, stringToSign: string): string {
  return `\n\nThe Canonical String for this request should have been\n'${canonicalRequest}'\n\nThe String-to-Sign should have been\n'${stringToSign}'\n`;
}

/**
 * Clock window (InvalidSignatureException). Sources: aws-amplify/aws-sdk-android#253 (API Gateway:
 * "Signature expired: 20170212T175938Z is now earlier than 20170215T145534Z (20170215T150034Z - 5 min.)"),
 * mhart/aws4#118 (API Gateway), serverless/enterprise#11 ("Signature not yet current:
 * 20181120T211543Z is still later than 20181120T211529Z (20181120T211029Z + 5 min.)").
 */
export function signatureExpired(date: string, limit: string, now: string, window: string): string {
  return `Signature expired: ${date} is now earlier than ${limit} (${now} - ${window}.)`;
}

/** See `signatureExpired` for the sources. */
export function signatureNotYetCurrent(
  date: string,
  limit: string,
  now: string,
  window: string,
): string {
  return `Signature not yet current: ${date} is still later than ${limit} (${now} + ${window}.)`;
}

/**
 * Unknown access key, or a session token that does not belong to it (UnrecognizedClientException).
 * Sources: https://zenn.dev/hiroga/articles/api-gateway-cross-account-trouble-shooting (API
 * Gateway), jamesmbourne/aws4-axios#1553 (Lambda function URL with temporary credentials).
 */
export const INVALID_TOKEN = 'The security token included in the request is invalid.';

/**
 * Credential scope checks, each ending in ". " and concatenated when several fail. Sources:
 * zenn.dev article above (`{"message":"Credential should be scoped to a valid region, not
 * 'ap-northeast-1'. "}` from API Gateway), cllunsford/aws-signing-proxy#25
 * (`Credential should be scoped to correct service: 'batch'. `). The terminator and date texts are
 * as listed in the AWS IAM user guide's SigV4 troubleshooting page and mirrored by AWS-compatible
 * verifiers; not captured from API Gateway itself.
 */
export const scopeMessages = {
  region: (got: string): string => `Credential should be scoped to a valid region, not '${got}'. `,
  service: (expected: string): string =>
    `Credential should be scoped to correct service: '${expected}'. `,
  terminator: (got: string): string =>
    `Credential should be scoped with a valid terminator: 'aws4_request', not '${got}'. `,
  date: (scopeDate: string, requestDate: string, amzDate: string): string =>
    `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${scopeDate}' != '${requestDate}', from '${amzDate}'.`,
};

/**
 * A header listed in SignedHeaders but absent (IncompleteSignatureException), reported before the
 * credentials are looked up. Source: docs/AWS-BEHAVIOUR.md (reported, from the API Gateway
 * responses collected for issue #12); no public capture found.
 */
export function signedHeaderMissing(name: string): string {
  return `'${name}' is named as a SignedHeader, but it does not exist in the HTTP request.`;
}

/**
 * Host must be signed (IncompleteSignatureException), as AWS's SigV4 reference requires. Text as
 * AWS services word it; not captured from API Gateway itself.
 */
export const HOST_NOT_SIGNED =
  "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.";

/**
 * A malformed Authorization header (IncompleteSignatureException). Source: API Gateway's answer to
 * an Authorization header with none of the SigV4 parts, as captured in public test suites: "Authorization
 * header requires 'Credential' parameter. Authorization header requires 'Signature' parameter.
 * Authorization header requires 'SignedHeaders' parameter. Authorization header requires existence
 * of either a 'X-Amz-Date' or a 'Date' header." AWS appends " Authorization=<the header>"; the
 * emulator leaves that out so a signature never lands in a test log.
 */
export const incompleteMessages = {
  credential: "Authorization header requires 'Credential' parameter.",
  signature: "Authorization header requires 'Signature' parameter.",
  signedHeaders: "Authorization header requires 'SignedHeaders' parameter.",
  date: "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.",
  credentialParts: (credential: string): string =>
    `Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${credential}'`,
};

/**
 * IAM refuses a verified caller (AccessDeniedException, 403), API Gateway:
 * `{"Message":"User: {caller} is not authorized to perform: execute-api:Invoke on resource: {arn}"}`
 * with the account in the ARN masked but for its last 4 digits. Sources (reported):
 * ASFHyP3/hyp3#2283 (`{"Message":"User: anonymous is not authorized to perform: execute-api:Invoke
 * on resource: arn:aws:execute-api:us-west-2:********2543:vd2gh6uqw3/api/GET/"}`),
 * serverless/serverless#11808; the AWS re:Post knowledge-center article on cross-account 403s. The
 * suffix ` with an explicit deny` for a denying statement is the emulator's choice, on the model of
 * IAM's wording for other services (noobaa/noobaa-core#10060 quotes S3's).
 */
export function notAuthorized(
  principalArn: string,
  action: string,
  resourceArn: string,
  explicitDeny: boolean,
): string {
  const masked = resourceArn.replace(
    /^(arn:[^:]+:[^:]+:[^:]*:)(\d{8})(\d{4}):/,
    (_m, head: string, _hidden: string, tail: string) => `${head}********${tail}:`,
  );
  return `User: ${principalArn} is not authorized to perform: ${action} on resource: ${masked}${explicitDeny ? ' with an explicit deny' : ''}`;
}

/**
 * IAM refuses a verified caller of a function URL (AccessDeniedException, 403):
 * `{"Message":"Forbidden. For troubleshooting Function URL authorization issues, see: https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html"}`.
 * Sources (reported): ant-media/Ant-Media-Server#7827, brikis98/devops-book#12 (a function URL
 * without the resource policy that allows the caller, 2026).
 */
export const LAMBDA_URL_NOT_AUTHORIZED =
  'Forbidden. For troubleshooting Function URL authorization issues, see: https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html';

/** The ISO 8601 basic format AWS prints: `20150830T123600Z`. */
export function amzDate(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** Options of `refusal`. */
export interface RefusalInput {
  readonly emulate: EmulatedService;
  readonly reason: RefusalReason;
  readonly message: string;
  readonly errorType: string;
  readonly now: Date;
}

/**
 * Builds the response AWS would send: 403, JSON body, `x-amzn-ErrorType`, a `Date` header from the
 * emulator's clock (AWS SDKs correct their clock skew from it), and a request id.
 */
export function refusal(input: RefusalInput): AwsRefusal {
  const lambdaForbidden =
    input.emulate === 'lambda-url' && input.reason === 'missing-authentication';
  // Lambda's own frontend answers `{"message": ...}` for signature errors (erlcloud/erlcloud#690);
  // only its plain Forbidden uses `Message`.
  // IAM's refusals of a verified caller are `{"Message": ...}` on both front doors (reported).
  const body = lambdaForbidden
    ? JSON.stringify({ Message: LAMBDA_FORBIDDEN })
    : input.reason === 'access-denied'
      ? JSON.stringify({ Message: input.message })
      : JSON.stringify({ message: input.message });
  return {
    status: 403,
    errorType: input.errorType,
    body,
    // Names in AWS's own case (API Gateway sends `x-amzn-ErrorType`, `x-amzn-RequestId`).
    headers: {
      'Content-Type': 'application/json',
      'x-amzn-ErrorType': input.errorType,
      'x-amzn-RequestId': globalThis.crypto.randomUUID(),
      Date: input.now.toUTCString(),
    },
  };
}
