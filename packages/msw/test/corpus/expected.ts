/**
 * What AWS answers to each tampered request, per front door, from docs/AWS-BEHAVIOUR.md. Where
 * AWS's answer is not known for a front door, the entry is `undefined` and the corpus leaves
 * that case out (it never asserts a guess). An `errorType` of `undefined` inside a known answer
 * means the status and body are known but the `x-amzn-ErrorType` is not, so it is not asserted.
 */
import type { EmulatedService } from '../../src/contract.js';

export interface Expected {
  readonly status: number;
  readonly errorType: string | undefined;
  /** The JSON body, exactly. */
  readonly body?: Readonly<Record<string, string>>;
  /** Or: the `message` starts with this (REST APIs append the canonical request). */
  readonly messageStartsWith?: string;
  /** Where the answer comes from (docs/AWS-BEHAVIOUR.md). */
  readonly source: string;
}

export type Tamper =
  | 'body'
  | 'path'
  | 'query'
  | 'signed-header-value'
  | 'signature-removed'
  | 'expired'
  | 'not-yet-current'
  | 'signed-header-dropped'
  | 'token-dropped'
  | 'unknown-key'
  | 'wrong-region'
  | 'wrong-service';

export const MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';
const REST_DETAIL = '\n\nThe Canonical String for this request should have been\n';

const mismatch: Record<EmulatedService, Expected> = {
  'apigateway-rest': {
    status: 403,
    errorType: 'InvalidSignatureException',
    messageStartsWith: `${MISMATCH}${REST_DETAIL}`,
    source: 'mhart/aws4 #83, #110; postmanlabs/postman-app-support #5815',
  },
  'apigateway-http': {
    status: 403,
    errorType: 'InvalidSignatureException',
    body: { message: MISMATCH },
    source: 'mhart/aws4 #83 (REST APIs alone append the canonical string)',
  },
  'lambda-url': {
    status: 403,
    errorType: undefined, // InvalidSignatureException is captured for the Lambda API only
    body: { message: MISMATCH },
    source: 'RJPearson94/terraform-aws-open-next #48',
  },
};

const unsigned: Partial<Record<EmulatedService, Expected>> = {
  'apigateway-rest': {
    status: 403,
    errorType: 'MissingAuthenticationTokenException',
    body: { message: 'Missing Authentication Token' },
    source: 'API Gateway developer guide; kndt84/aws-api-gateway-client #29',
  },
  // HTTP APIs: no capture of the unsigned answer found; left out.
  'lambda-url': {
    status: 403,
    errorType: 'AccessDeniedException',
    body: { Message: 'Forbidden' },
    source: 'Lambda developer guide; TerraConstructs/base #98',
  },
};

const apiGatewayOnly = (
  make: (door: EmulatedService) => Expected,
): Partial<Record<EmulatedService, Expected>> => ({
  'apigateway-rest': make('apigateway-rest'),
  'apigateway-http': make('apigateway-http'),
  // Lambda URLs: these texts are captured from API Gateway only; left out.
});

const incomplete = (name: string): Expected => ({
  status: 403,
  errorType: 'IncompleteSignatureException',
  body: {
    message: `'${name}' is named as a SignedHeader, but it does not exist in the HTTP request.`,
  },
  source: 'docs/AWS-BEHAVIOUR.md (reported)',
});

/** Clock texts need the request's date and the emulator's: filled in by the test. */
export interface ClockExpectation {
  readonly kind: 'expired' | 'not-yet-current';
}

export const EXPECTED: Record<
  Exclude<Tamper, 'expired' | 'not-yet-current'>,
  Partial<Record<EmulatedService, Expected>>
> = {
  body: mismatch,
  path: mismatch,
  query: mismatch,
  'signed-header-value': mismatch,
  'signature-removed': unsigned,
  'signed-header-dropped': apiGatewayOnly(() => incomplete('x-tenant')),
  'token-dropped': apiGatewayOnly(() => incomplete('x-amz-security-token')),
  'unknown-key': {
    ...apiGatewayOnly(() => ({
      status: 403,
      errorType: 'UnrecognizedClientException',
      body: { message: 'The security token included in the request is invalid.' },
      source: 'zenn.dev/hiroga (API Gateway)',
    })),
    'lambda-url': {
      status: 403,
      errorType: 'UnrecognizedClientException',
      body: { message: 'The security token included in the request is invalid.' },
      source: 'jamesmbourne/aws4-axios #1553 (Lambda URL)',
    },
  },
  'wrong-region': apiGatewayOnly(() => ({
    status: 403,
    errorType: 'InvalidSignatureException',
    body: { message: "Credential should be scoped to a valid region, not 'eu-west-1'. " },
    source: 'zenn.dev/hiroga',
  })),
  'wrong-service': apiGatewayOnly(() => ({
    status: 403,
    errorType: 'InvalidSignatureException',
    body: { message: "Credential should be scoped to correct service: 'execute-api'. " },
    source: 'cllunsford/aws-signing-proxy #25',
  })),
};

/** `Signature expired` / `not yet current`, API Gateway only (Lambda URLs: not captured). */
export function clockExpected(
  door: EmulatedService,
  kind: 'expired' | 'not-yet-current',
  date: string,
  limit: string,
  now: string,
): Expected | undefined {
  if (door === 'lambda-url') return undefined;
  const message =
    kind === 'expired'
      ? `Signature expired: ${date} is now earlier than ${limit} (${now} - 5 min.)`
      : `Signature not yet current: ${date} is still later than ${limit} (${now} + 5 min.)`;
  return {
    status: 403,
    errorType: 'InvalidSignatureException',
    body: { message },
    source: 'aws-amplify/aws-sdk-android #253; mhart/aws4 #118; serverless/enterprise #11',
  };
}
