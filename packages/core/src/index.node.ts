import type { CredentialsProvider } from './credentials.js';
import { nodeDefaultCredentials } from './default-credentials.node.js';
import type { PresignUrlOptions } from './entry-factory.js';
import { buildEntry } from './entry-factory.js';
import { nodeHashProvider } from './hash/hash-node.js';
import type {
  PresignedWireRequest,
  PresignWireOptions,
  SignedRequestHeaders,
  WireRequest,
  WireSignOptions,
} from './sign-request.js';
import type { Signer, SignerOptions } from './signer.js';

export type { PresignUrlOptions } from './entry-factory.js';
export * from './public-api.js';

const entry = buildEntry(nodeHashProvider, nodeDefaultCredentials);

/**
 * Creates a signer: one set of options, one credentials cache, the service and region inferred
 * per host. Every signature comes out of `@smithy/signature-v4`'s `SignatureV4`; the signer
 * decides what goes on the wire so that what is signed is what AWS receives.
 *
 * @example
 * const signer = createSigner(); // credentials from the environment or the default chain
 * const { url, headers } = await signer.sign({
 *   method: 'POST',
 *   url: 'https://abc123.execute-api.eu-west-1.amazonaws.com/prod/items',
 *   headers: { 'content-type': 'application/json' },
 *   body: '{"name":"Ada"}',
 * });
 * await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{"name":"Ada"}' });
 *
 * @throws {SigV4Error} `ERR_SIGV4_INVALID_OPTION` when an option has the wrong type. `sign()`
 *   and `presign()` reject with `SigV4Error` too (`ERR_SIGV4_SCOPE_UNRESOLVED`,
 *   `ERR_SIGV4_INVALID_URL`, `ERR_SIGV4_CREDENTIALS_*`, `ERR_SIGV4_UNSIGNABLE_REQUEST`, ...).
 */
export const createSigner: (options?: SignerOptions) => Signer = entry.createSigner;

/**
 * Presigns a URL (query-string SigV4: only `host` signed, `X-Amz-Expires` set) that a browser
 * or any HTTP client can use as it is: a Lambda function URL, an API Gateway URL, or a
 * `wss://` WebSocket `$connect` URL.
 *
 * @example
 * const url = await presignUrl('https://abc.lambda-url.eu-west-1.on.aws/report', {
 *   expiresIn: 300,
 *   query: { user: 'Bjarne Stroustrup' },
 * });
 *
 * @throws {SigV4Error} `ERR_SIGV4_PRESIGN_EXPIRY_INVALID` (`expiresIn` not in 1..604800),
 *   `ERR_SIGV4_CREDENTIALS_EXPIRED` (also when the credentials expire before the URL would),
 *   `ERR_SIGV4_SCOPE_UNRESOLVED`, `ERR_SIGV4_INVALID_URL`, `ERR_SIGV4_UNSIGNABLE_REQUEST`.
 */
export const presignUrl: (url: string | URL, options?: PresignUrlOptions) => Promise<string> =
  entry.presignUrl;

/**
 * The default credentials of this runtime: the environment, then the AWS SDK default chain
 * (`@aws-sdk/credential-provider-node`), imported only when the environment has none.
 */
export const defaultCredentials: CredentialsProvider = nodeDefaultCredentials;

/**
 * The low-level signer: signs a request exactly as it will go on the wire (method, `Host`,
 * literal path and strict query, headers, exact body), with the scope and resolved credentials
 * you give, and returns the headers to add. Nothing is parsed or re-encoded: use it when you
 * build the request line yourself. `sign()` of `createSigner` does this for a URL.
 *
 * @example
 * const { headers } = await signWireRequest(
 *   { method: 'GET', host: 'abc123.execute-api.eu-west-1.amazonaws.com', path: '/prod/items', query: 'a=1' },
 *   { credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' }, service: 'execute-api', region: 'eu-west-1' },
 * );
 *
 * @throws {SigV4Error} `ERR_SIGV4_CREDENTIALS_INVALID`, `ERR_SIGV4_CREDENTIALS_EXPIRED`,
 *   `ERR_SIGV4_AMBIGUOUS_QUERY` (a raw `+`), `ERR_SIGV4_UNSIGNABLE_REQUEST` (what smithy cannot
 *   express: see the README).
 */
export const signWireRequest: (
  request: WireRequest,
  options: WireSignOptions,
) => Promise<SignedRequestHeaders> = entry.signWireRequest;

/**
 * The low-level presigner: presigns a request exactly as given (query mode), returning the URL
 * with `X-Amz-*` parameters, and the canonical request and string to sign.
 *
 * @example
 * const { url } = await presignWireRequest(
 *   { method: 'GET', host: 'abc.lambda-url.eu-west-1.on.aws', path: '/report' },
 *   { credentials, service: 'lambda', region: 'eu-west-1', expiresIn: 300 },
 * );
 *
 * @throws {SigV4Error} as `signWireRequest`, and `ERR_SIGV4_PRESIGN_EXPIRY_INVALID`.
 */
export const presignWireRequest: (
  request: WireRequest,
  options: PresignWireOptions,
) => Promise<PresignedWireRequest> = entry.presignWireRequest;
