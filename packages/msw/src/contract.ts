/**
 * The public contract of @sigv4/msw (written first so that the fetch and axios test suites can
 * be built against it while the implementation lands). Implementations live in their own files.
 */

/** How a guarded host behaves: the three AWS front doors with IAM auth. */
export type EmulatedService = 'apigateway-rest' | 'apigateway-http' | 'lambda-url';

import type { PolicyDocument } from './iam-policy.js';
import type { EmulatedLambdaHandler } from './lambda-invoke.js';

export type { PolicyDocument, PolicyStatement } from './iam-policy.js';

/** A credential the emulator knows: access key id -> secret (and a session token, if temporary). */
export interface KnownCredential {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** When set, requests must carry exactly this x-amz-security-token / X-Amz-Security-Token. */
  readonly sessionToken?: string | undefined;
  /**
   * Who this credential is: an IAM user (`arn:aws:iam::{account}:user/{name}`) or an assumed-role
   * session (`arn:aws:sts::{account}:assumed-role/{role}/{session}`). Reported to the resolver and
   * the handler, named in policy refusals, and matched against resource policies' `Principal`.
   * @default `arn:aws:iam::123456789012:user/{accessKeyId}`
   * @example 'arn:aws:sts::111122223333:assumed-role/checkout-role/checkout-function'
   */
  readonly principalArn?: string | undefined;
  /**
   * The caller's account (decides same-account or cross-account evaluation).
   * @default the account in `principalArn`
   * @example '111122223333'
   */
  readonly accountId?: string | undefined;
  /**
   * The caller's unique id, as AWS puts it in `requestContext.identity.caller` / `.user` and
   * `authorizer.iam.userId` (`AIDA...` for a user, `AROA...:{session}` for a role session).
   * @default `AIDA{accessKeyId without its first 4 characters}` for a user, `AROA{...}:{session}` for a role session
   * @example 'AROAEXAMPLEID:checkout-function'
   */
  readonly userId?: string | undefined;
  /**
   * The caller's identity policies (attached to its user or role). Giving any credential
   * `policies`, or the resource a `resource.policy`, turns IAM authorization on: a verified
   * request is then also checked against `execute-api:Invoke` / `lambda:InvokeFunctionUrl`, and a
   * credential without policies has no identity permission at all.
   * @default undefined (no IAM authorization: a valid signature is enough)
   * @example [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: 'arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/prod/GET/orders' }] }]
   */
  readonly policies?: readonly PolicyDocument[] | undefined;
}

/** The emulated API or function, as IAM sees it: its account, ids and resource policy. */
export interface EmulatedResource {
  /**
   * The account that owns the API or function. A caller from another account needs both its
   * identity policy and `policy` to allow.
   * @default '123456789012' (the account of the default `principalArn`)
   * @example '111122223333'
   */
  readonly accountId?: string | undefined;
  /**
   * The resource policy: an API Gateway REST API's resource policy, or the function's
   * resource-based policy (`lambda add-permission`).
   * @default undefined (no resource policy)
   * @example { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::444455556666:role/caller' }, Action: 'execute-api:Invoke', Resource: 'arn:aws:execute-api:eu-west-1:111122223333:a1b2c3d4e5/prod/GET/*' }] }
   */
  readonly policy?: PolicyDocument | undefined;
  /**
   * The API id in `arn:aws:execute-api:{region}:{account}:{api-id}/{stage}/{METHOD}/{path}`.
   * @default the first label of `{api-id}.execute-api.{region}...` hosts, else 'local'
   * @example 'a1b2c3d4e5'
   */
  readonly apiId?: string | undefined;
  /**
   * The stage. When not given, the first segment of the path is the stage (`/prod/items` is stage
   * `prod`, path `items`). An HTTP API's `$default` stage has no path segment: pass `'$default'`.
   * @default the first path segment
   * @example '$default'
   */
  readonly stage?: string | undefined;
  /**
   * The function name in `arn:aws:lambda:{region}:{account}:function:{name}` (function URLs).
   * @default 'my-function'
   * @example 'orders'
   */
  readonly functionName?: string | undefined;
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
  /** The caller's account (`accountId`, or the account in `principalArn`). */
  readonly accountId: string;
  /** The caller's unique id (`userId`, or the emulator's default for it). */
  readonly userId: string;
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
  /**
   * The emulated API or function as IAM sees it (account, ids, resource policy). With
   * `resource.policy`, or `policies` on any credential, a verified request must also be allowed
   * by IAM, else it gets AWS's 403 AccessDeniedException.
   * @default { accountId: '123456789012' } and no resource policy
   * @example { accountId: '111122223333', policy: { Version: '2012-10-17', Statement: [...] } }
   */
  readonly resource?: EmulatedResource | undefined;
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
   * Hosts to guard: an exact host (`abc.execute-api.us-east-1.amazonaws.com`, with `:port` when not
   * the default), a glob (a leading `*.` is any subdomain, any other `*` is part of one label), or a
   * RegExp on the host; the same grammar as `wrapGlobalFetch({ hosts })` in @sigv4/fetch.
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
  /**
   * A Lambda handler to run behind the front door once the signature (and IAM, when policies are
   * configured) let the request through, as AWS would invoke it: a REST API's proxy event
   * (payload 1.0, the caller in `requestContext.identity`), an HTTP API's payload 2.0 or a function
   * URL's event (the caller in `requestContext.authorizer.iam`). Its result is mapped back to HTTP
   * as AWS does (status, headers, multi-value headers, cookies, base64 bodies, the 2.0 shorthand of
   * returning a plain object or string). Exclusive with `resolver`.
   * @default undefined (the resolver, or the JSON echo, answers)
   * @example async (event) => ({ statusCode: 200, body: JSON.stringify({ caller: event.requestContext.identity.userArn }) })
   */
  readonly handler?: EmulatedLambdaHandler | undefined;
}

/** One request the local server received, with what the verifier said. */
export interface RecordedRequest {
  /**
   * The request as it arrived. `raw.body` holds the body only up to `recordBodyBytes`; a larger
   * body is kept as `body.sha256` and `body.byteLength`, and `raw.body` is then empty.
   */
  readonly raw: RawRequest;
  readonly result: VerifyResult;
  /** The body that arrived: its length, SHA-256 (hex), and whether `raw.body` still holds it. */
  readonly body: RecordedBody;
}

/** What is kept of a recorded body. */
export interface RecordedBody {
  readonly byteLength: number;
  /** Hex SHA-256 of the body as it arrived. */
  readonly sha256: string;
  /** False when the body was larger than `recordBodyBytes` and `raw.body` is empty. */
  readonly kept: boolean;
}

/**
 * CORS as configured on an API Gateway HTTP API or a Lambda function URL, for the local server.
 * Origins are compared exactly (scheme, host and port), as browsers send them.
 */
export interface IamEmulatorCorsOptions {
  /**
   * Origins allowed to call the emulator from a browser; `'*'` allows any (the request's `Origin`
   * is echoed, never `*`).
   * @default (required)
   * @example ['http://localhost:5173']
   */
  readonly origins: readonly string[];
  /**
   * Request headers a preflight may ask for, on top of the SigV4 ones that are always allowed
   * (`authorization`, `content-type`, `x-amz-date`, `x-amz-security-token`,
   * `x-amz-content-sha256`, `x-amz-user-agent`).
   * @default whatever the preflight asks for (`Access-Control-Request-Headers`)
   * @example ['x-trace-id']
   */
  readonly allowHeaders?: readonly string[] | undefined;
  /**
   * Response headers a page may read, on top of `x-amzn-ErrorType`, `x-amzn-RequestId` and `date`.
   * @default []
   * @example ['x-request-cost']
   */
  readonly exposeHeaders?: readonly string[] | undefined;
  /**
   * How long a browser may cache a preflight answer (`Access-Control-Max-Age`), seconds.
   * @default 600
   * @example 0 // every cross-origin call is preflighted again
   */
  readonly maxAgeSeconds?: number | undefined;
}

/** A CORS preflight the local server answered itself, without verifying a signature. */
export interface RecordedPreflight {
  readonly raw: RawRequest;
  /** The `Origin` the browser sent. */
  readonly origin: string;
  /** Whether that origin is allowed (if not, the answer carried no CORS headers). */
  readonly allowed: boolean;
  /** `Access-Control-Request-Method`. */
  readonly requestMethod: string;
  /** `Access-Control-Request-Headers`, lower-cased, in the order asked. */
  readonly requestHeaders: readonly string[];
}

/**
 * A request the local server refused before it was recorded (so before any signature check):
 * `body-too-large` is the front door's 413; the others are answered by Node's HTTP server itself
 * (`headers-too-large` 431, `malformed-request` 400, `request-timeout` 408,
 * `chunk-extensions-too-large` 413). Holds no secret: no header, and the query of `target` is
 * replaced by `?…` (it may hold `X-Amz-Signature` or `X-Amz-Security-Token`).
 */
export interface FrontDoorRefusal {
  /** The status answered. */
  readonly status: number;
  readonly reason:
    | 'body-too-large'
    | 'headers-too-large'
    | 'malformed-request'
    | 'request-timeout'
    | 'chunk-extensions-too-large';
  /**
   * The method, when known: always for `body-too-large`; for Node's refusals, when its parser had
   * read the request line (absent when the request line itself is malformed).
   */
  readonly method?: string;
  /** The request-target with its query replaced by `?…`, known when `method` is. */
  readonly target?: string;
  /** Node's parser error code for Node's refusals, e.g. `HPE_HEADER_OVERFLOW`, `HPE_INVALID_METHOD`. */
  readonly detail?: string;
}

/** Options of `startIamEmulator` (node:http on loopback). */
export interface IamEmulatorOptions extends VerifierOptions {
  /**
   * Answer CORS preflights (204, not verified, recorded in `preflights`) and add
   * `Access-Control-Allow-Origin`, `Access-Control-Expose-Headers` and `Vary: Origin` to every
   * response to an allowed origin, 403 refusals included, so a page on another origin can call
   * the emulator and read AWS's error body and `x-amzn-ErrorType`. `true` allows any origin.
   * Requests from other origins get no CORS headers, so the browser blocks them, as with AWS.
   * @default false (no CORS headers; an OPTIONS request is verified like any other)
   * @example { origins: ['http://localhost:5173'] }
   */
  readonly cors?: boolean | IamEmulatorCorsOptions | undefined;
  /**
   * How many requests `requests` keeps: the last N (older ones are dropped, as are older
   * preflights beyond N), so a long-running emulator stays flat in memory. Use `onRequest` to see
   * every one.
   * @default 100
   * @example 1000
   */
  readonly recordRequests?: number | undefined;
  /**
   * Bodies up to this many bytes are kept in `requests[i].raw.body`; larger ones only as SHA-256
   * and length (`requests[i].body`).
   * @default 65536
   * @example 0 // keep no bodies, only their hash and length
   */
  readonly recordBodyBytes?: number | undefined;
  /**
   * Called with every request once it has been answered (also the ones `requests` no longer
   * holds), e.g. to log each one.
   * @default undefined
   * @example (recorded) => console.log(recorded.raw.method, recorded.result.ok)
   */
  readonly onRequest?: ((recorded: RecordedRequest) => void) | undefined;
  /**
   * Called with every CORS preflight answered (with `cors` on).
   * @default undefined
   * @example (preflight) => console.log(preflight.origin, preflight.allowed)
   */
  readonly onPreflight?: ((preflight: RecordedPreflight) => void) | undefined;
  /**
   * Called with every request refused before it is recorded, so never seen by `onRequest`: a body
   * over the front door's limit (413, answered by the emulator), and what Node's HTTP server
   * answers by itself, headers over its limit (431, `maxHeaderSize`, 16 KiB by default), a
   * malformed request (400) or one too slow to arrive (408). The answers on the wire are the same
   * with or without this option.
   * @default undefined
   * @example (refusal) => console.log(refusal.method ?? '-', refusal.target ?? '-', refusal.status, refusal.reason)
   */
  readonly onRefusal?: ((refusal: FrontDoorRefusal) => void) | undefined;
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
  /**
   * A Lambda handler to run behind the front door once the signature (and IAM, when policies are
   * configured) let the request through, as AWS would invoke it: a REST API's proxy event
   * (payload 1.0, the caller in `requestContext.identity`), an HTTP API's payload 2.0 or a function
   * URL's event (the caller in `requestContext.authorizer.iam`). Its result is mapped back to HTTP
   * as AWS does (status, headers, multi-value headers, cookies, base64 bodies, the 2.0 shorthand of
   * returning a plain object or string). Exclusive with `resolver`.
   * @default undefined (the resolver, or the JSON echo, answers)
   * @example async (event) => ({ statusCode: 200, body: JSON.stringify({ caller: event.requestContext.identity.userArn }) })
   */
  readonly handler?: EmulatedLambdaHandler | undefined;
}

/** A running local IAM emulator. */
export interface IamEmulator {
  /** Base URL, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  readonly port: number;
  /**
   * The last `recordRequests` requests received (default 100), oldest first, as they arrived on
   * the wire, with the verifier's verdict; `requests.at(-1)` is the latest. Bodies above
   * `recordBodyBytes` are kept as hash and length only. CORS preflights (answered without
   * verifying, with `cors` on) are not here but in `preflights`.
   */
  readonly requests: readonly RecordedRequest[];
  /** The last `recordRequests` CORS preflights, oldest first (always empty with `cors` off). */
  readonly preflights: readonly RecordedPreflight[];
  /** How many requests (not preflights) were received in all, including those no longer kept. */
  readonly received: number;
  /**
   * Forgets the recorded requests and preflights and sets `received` back to 0, so each test
   * reads only its own requests (call it in `beforeEach`). Credentials, policies and the
   * handler stay as they are.
   * @example beforeEach(() => emulator.reset());
   */
  reset(): void;
  close(): Promise<void>;
}
