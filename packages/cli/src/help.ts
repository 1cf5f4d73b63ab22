import type { HelpTopic } from './usage-error.js';

// Each page lists only the exit codes its command can give (test/curl-habits.test.ts checks it).
const REQUEST_EXIT_CODES = `Exit codes:
  0  success: a status below 400 (a 3xx too), or stdout closed by its reader (| head)
  1  the server answered 400 or more (an AWS 403 is explained on stderr)
  2  usage error: unknown option, missing or bad URL, bad -H (no colon, CR/LF),
     -X CONNECT/TRACE/TRACK, unreadable -d @file, bad --max-time, -k for an AWS host
  3  signing error (SigV4Error): no or expired credentials, a host whose service and
     region cannot be inferred without --service/--region, a bad --profile, a
     cross-origin redirect refused with --cross-origin-redirect refuse
  4  network error: no answer (connection refused, DNS, TLS, a certificate that
     does not verify, reset, body cut short)
  5  unexpected internal error (a bug: please report it)
  23 the body could not be written (-o FILE not writable, disk full), as curl
  28 --max-time or --connect-timeout ran out, as curl
  130 interrupted with Ctrl-C`;

const PRESIGN_EXIT_CODES = `Exit codes:
  0  the URL was printed
  2  usage error: unknown option, missing or bad URL, bad --expires, --query or -X
  3  signing error (SigV4Error): no or expired credentials, a host whose service and
     region cannot be inferred without --service/--region, a bad --profile
  5  unexpected internal error (a bug: please report it)`;

const EMULATE_EXIT_CODES = `Exit codes:
  0  the emulator stopped (Ctrl-C)
  2  usage error: unknown option, bad --port, --emulate or --cors
  4  it cannot listen on the port (in use: pick another --port, or --port 0)
  5  unexpected internal error (a bug: please report it)`;

const SCOPE = `  --service NAME         Signing service name (execute-api, lambda, ...). Default:
                         inferred from an AWS host.
  --region REGION        Region to sign for. Default: inferred from an AWS host, then
                         AWS_REGION / AWS_DEFAULT_REGION.
  --profile PROFILE      Use this profile of ~/.aws/config and ~/.aws/credentials
                         (SSO, assume-role, credential_process...). Default: the
                         environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY,
                         AWS_SESSION_TOKEN), then the AWS SDK default chain.`;

const REQUEST_HELP = `sigv4: send an HTTP request signed with AWS Signature Version 4 (like curl/awscurl)

Usage:
  sigv4 [options] URL             URL without a scheme: http:// as curl (127.0.0.1:4566/x),
                                  https:// for an AWS host
  sigv4 presign [options] URL     print a presigned URL (sigv4 presign --help)
  sigv4 emulate [options]         run a local IAM emulator (sigv4 emulate --help)

Options:
  -X, --request METHOD   HTTP method. Default: GET, or POST with -d.
  -H, --header 'Name: value'
                         Add a header (repeatable). Signed unless proxies may change it
                         (user-agent, content-length, ...). host, authorization,
                         x-amz-date, x-amz-security-token and x-amz-content-sha256 are
                         set by sigv4 and refused here.
  -d, --data DATA|@FILE|@-
                         Request body: the text DATA, the bytes of FILE as they are, or
                         stdin (@-). No Content-Type is added: pass -H.
      --data-raw DATA    Request body: the text DATA as it is (a leading @ too), as curl.
${SCOPE}
  -i, --include          Print the status line and response headers before the body.
  -o, --output FILE      Write the body to FILE instead of stdout. FILE is created or
                         truncated when the answer's first byte arrives (as curl): a
                         call with no answer leaves it as it was. A progress meter
                         shows on stderr when it is a terminal. -o - is stdout.
  -L, --location         Follow redirects (up to 20): same origin signed again, another
                         origin sent without any SigV4 header and without your -H
                         Cookie (as curl); never to a non-http(s) URL. Without -L a
                         3xx is printed and noted on stderr.
      --cross-origin-redirect unsigned|refuse
                         With -L, a redirect to another origin: follow it unsigned, or
                         stop with exit 3. Default: unsigned.
  -m, --max-time SECONDS Stop the whole call (body included) after SECONDS (decimals
                         allowed); exit 28. Default: no limit.
      --connect-timeout SECONDS
                         Stop when the connection (TCP and TLS) is not made within
                         SECONDS; exit 28. Default: 10.
  -k, --insecure         Accept a TLS certificate that does not verify (a local emulator's
                         self-signed one). Refused for AWS hosts (exit 2): their
                         certificates always verify, so an error there means something
                         is intercepting the connection, and it would get the signed
                         request and the session token.
  -s, --silent           No progress meter, notes or error messages (exit code only).
  -S, --show-error       With -s, still print error messages.
  -v, --verbose          Print the canonical request, string to sign and the request and
                         response headers to stderr (never the secret key; the session
                         token and signature are redacted).
  -h, --help             Show this help.
  -V, --version          Print the version.

The response body streams to stdout (or -o FILE) as it arrives; diagnostics go to stderr. When AWS answers
403, sigv4 explains the likely cause on stderr (clock skew with the measured offset, wrong
region or service, a secret key that does not match, a missing IAM permission such as
execute-api:Invoke or lambda:InvokeFunctionUrl, an unknown key or expired token).

${REQUEST_EXIT_CODES}

Examples:
  sigv4 https://abc123.execute-api.eu-west-1.amazonaws.com/prod/items
  sigv4 -X POST -H 'Content-Type: application/json' -d @item.json \\
    https://abcdefghij.lambda-url.eu-west-1.on.aws/items
  sigv4 --profile dev -i -v https://abc123.execute-api.eu-west-1.amazonaws.com/prod/items
  sigv4 --service execute-api --region us-east-1 http://127.0.0.1:4566/prod/hello
`;

const PRESIGN_HELP = `sigv4 presign: print a presigned URL (query-string SigV4; only host is signed)

Usage:
  sigv4 presign [options] URL

Options:
      --expires SECONDS  How long the URL stays valid, 1-604800. Default: 300.
      --query NAME=VALUE Add a query parameter, signed with the URL (repeatable).
  -X, --request METHOD   The method the URL will be used with. Default: GET.
${SCOPE}
  -h, --help             Show this help.

The URL goes to stdout. It carries X-Amz-Security-Token when the credentials are
temporary: treat it as a secret until it expires.

${PRESIGN_EXIT_CODES}

Examples:
  sigv4 presign --expires 60 https://abc123.execute-api.eu-west-1.amazonaws.com/prod/items
  curl "$(sigv4 presign --query user=ada https://abcdefghij.lambda-url.eu-west-1.on.aws/)"
`;

const EMULATE_HELP = `sigv4 emulate: run a local IAM emulator (API Gateway / Lambda function URL SigV4 checks)

Usage:
  sigv4 emulate [options]

Options:
      --port PORT        Port on 127.0.0.1. Default: 0 (a free port, printed).
      --emulate apigateway-rest|apigateway-http|lambda-url
                         Which AWS front door to behave like. Default: apigateway-rest.
      --region REGION    Require this region in the credential scope. Default: any.
      --service NAME     Require this signing name. Default: execute-api, or lambda
                         with --emulate lambda-url.
      --cors [ORIGIN]...
                         Let pages on these origins call it (none given: any origin),
                         as CORS on a function URL or HTTP API does: preflights get 204
                         without a signature check, and every answer, 403s included,
                         carries Access-Control-Allow-Origin and exposes
                         x-amzn-ErrorType, x-amzn-RequestId and date. Default: off.
  -h, --help             Show this help.

It accepts the credentials of the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY,
AWS_SESSION_TOKEN) or, when they are not set, AWS's documented example key pair, which it
prints. Verified requests get a JSON echo of what arrived; refused ones get AWS's own 403
bodies. Each request is logged to stderr. Stop it with Ctrl-C.

${EMULATE_EXIT_CODES}

Example (two terminals):
  sigv4 emulate --port 4566
  sigv4 --service execute-api --region us-east-1 http://127.0.0.1:4566/prod/hello

For a browser app on a dev server:
  sigv4 emulate --emulate lambda-url --port 4566 --cors http://localhost:5173
`;

/** The `--help` text of a command. */
export function helpText(topic: HelpTopic): string {
  if (topic === 'presign') return PRESIGN_HELP;
  if (topic === 'emulate') return EMULATE_HELP;
  return REQUEST_HELP;
}
