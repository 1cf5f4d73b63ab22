/**
 * The public contract of @sigv4/msw (written first so that the fetch and axios test suites can
 * be built against it while the implementation lands). Implementations live in their own files.
 */

/** How a guarded host behaves: the three AWS front doors with IAM auth. */
export type EmulatedService = 'apigateway-rest' | 'apigateway-http' | 'lambda-url';

/** A credential the emulator knows: access key id -> secret (and a session token, if temporary). */
export interface KnownCredential {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** When set, requests must carry exactly this x-amz-security-token / X-Amz-Security-Token. */
  readonly sessionToken?: string | undefined;
  /** An IAM-style ARN reported to the resolver. @default arn:aws:iam::123456789012:user/{accessKeyId} */
  readonly principalArn?: string | undefined;
}

/** A request exactly as it arrived: nothing re-encoded. */
export interface RawRequest {
  readonly method: string;
  /** The Host the client sent (or the URL's host, under msw, where fetch cannot set Host). */
  readonly host: string;
  /** The request-target as received: path and query, e.g. `/prod/a%20b?x=%2A`. */
  readonly target: string;
  /** Raw header pairs in arrival order, names as sent. */
  readonly headers: ReadonlyArray<readonly [string, string]>;
  readonly body: Uint8Array;
}

/** Who signed a verified request. */
export interface VerifiedIdentity {
  readonly accessKeyId: string;
  readonly principalArn: string;
  readonly region: string;
  readonly service: string;
  /** `header` (Authorization) or `query` (presigned URL). */
  readonly mode: 'header' | 'query';
  readonly signedHeaders: readonly string[];
  readonly canonicalRequest: string;
  readonly stringToSign: string;
}

/** The AWS-style refusal: status, JSON body and `x-amzn-ErrorType`, exactly as AWS sends them. */
export interface AwsRefusal {
  readonly status: number;
  readonly errorType: string | undefined;
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
}

export type VerifyResult =
  | { readonly ok: true; readonly identity: VerifiedIdentity }
  | {
      readonly ok: false;
      readonly refusal: AwsRefusal;
      /** Short machine-readable reason (a `RefusalReason`). */
      readonly reason: string;
    };

/** Options shared by the verifier, the msw handlers and the local server. */
export interface VerifierOptions {
  /**
   * Credentials the emulator accepts. Anything else gets "The security token included in the request is invalid."
   * @default (required)
   * @example [{ accessKeyId: 'AKIDTEST', secretAccessKey: 'test-secret' }]
   */
  readonly credentials: readonly KnownCredential[];
  /**
   * Which AWS front door to behave like.
   * @default (required here; inferred from the host by `sigv4Handler`)
   * @example 'lambda-url'
   */
  readonly emulate: EmulatedService;
  /**
   * The region requests must be scoped to. Inferred from the host when it is an AWS host; when it
   * cannot be, any region is accepted.
   * @default inferred from the host
   * @example 'eu-west-1'
   */
  readonly region?: string | undefined;
  /**
   * Allowed clock skew, ms.
   * @default 300000 (AWS's 5 minutes)
   * @example 60_000
   */
  readonly clockSkewMs?: number | undefined;
  /**
   * The emulator's clock.
   * @default () => new Date()
   * @example () => new Date('2024-01-01T00:00:00Z')
   */
  readonly clock?: (() => Date) | undefined;
  /**
   * The signing name requests must be scoped to. Override it to replay vectors signed for another
   * service.
   * @default 'execute-api' for API Gateway, 'lambda' for Lambda function URLs
   * @example { service: 'service' } // the SigV4 test suite's scope
   */
  readonly service?: string | undefined;
  /**
   * Normalise the path (`.`, `..`, `//`) before encoding it, as every AWS service but S3 does.
   * Turn off only to replay the suite's `*-unnormalized` vectors.
   * @default true
   * @example { normalizePath: false }
   */
  readonly normalizePath?: boolean | undefined;
}

/** What the resolver of a guarded request receives once its signature checks out. */
export interface VerifiedRequestInfo {
  readonly request: Request;
  readonly identity: VerifiedIdentity;
  readonly body: Uint8Array;
}

/** Options of `sigv4Handler` (msw). */
export interface SigV4HandlerOptions extends Omit<VerifierOptions, 'emulate' | 'region'> {
  /**
   * Hosts to guard: an exact host (`abc.execute-api.us-east-1.amazonaws.com`), a glob with `*`, or a RegExp.
   * @default (required)
   * @example ['*.execute-api.eu-west-1.amazonaws.com', /\.lambda-url\.eu-west-1\.on\.aws$/]
   */
  readonly hosts: string | RegExp | ReadonlyArray<string | RegExp>;
  /**
   * Which front door the guarded hosts behave like.
   * @default inferred per host: `*.execute-api.*` -> 'apigateway-rest', `*.lambda-url.*` -> 'lambda-url'
   * @example 'apigateway-http'
   */
  readonly emulate?: EmulatedService | undefined;
  /**
   * The region requests must be scoped to.
   * @default inferred from the host
   * @example 'eu-west-1'
   */
  readonly region?: string | undefined;
  /**
   * Answers a request whose signature checks out.
   * @default a 200 JSON echo: { method, path, query, headers, body, identity }
   * @example ({ identity }) => Response.json({ caller: identity.principalArn })
   */
  readonly resolver?: ((info: VerifiedRequestInfo) => Response | Promise<Response>) | undefined;
}

/** One request the local server received, with what the verifier said. */
export interface RecordedRequest {
  readonly raw: RawRequest;
  readonly result: VerifyResult;
}

/** Options of `startIamEmulator` (node:http on loopback). */
export interface IamEmulatorOptions extends VerifierOptions {
  /**
   * The port to listen on.
   * @default 0 (a free port)
   * @example 4566
   */
  readonly port?: number | undefined;
  /**
   * Loopback only.
   * @default '127.0.0.1'
   * @example '::1'
   */
  readonly hostname?: '127.0.0.1' | 'localhost' | '::1' | undefined;
  /**
   * Answers a verified request.
   * @default the same 200 JSON echo as the msw handler
   * @example ({ identity }) => ({ status: 200, body: identity.accessKeyId })
   */
  readonly resolver?:
    | ((info: { raw: RawRequest; identity: VerifiedIdentity }) =>
        | { status?: number; headers?: Record<string, string>; body?: string | Uint8Array }
        | Promise<{
            status?: number;
            headers?: Record<string, string>;
            body?: string | Uint8Array;
          }>)
    | undefined;
}

/** A running local IAM emulator. */
export interface IamEmulator {
  /** Base URL, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  readonly port: number;
  /** Every request received, in order, as it arrived on the wire. */
  readonly requests: readonly RecordedRequest[];
  close(): Promise<void>;
}
