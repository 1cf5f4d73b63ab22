/**
 * The host-pattern grammar as a table: core's `compileHostPattern`, `wrapGlobalFetch({ hosts })`
 * in @sigv4/fetch and `sigv4Handler({ hosts })` in @sigv4/msw each run every row, so the two
 * packages cannot drift apart. A host is written as `new URL(...).host` gives it.
 */
export const HOST_PATTERN_CASES: ReadonlyArray<readonly [string | RegExp, string, boolean]> = [
  // exact hosts, any case, default port only unless a port is written
  ['api.example.com', 'api.example.com', true],
  ['API.Example.com', 'api.example.com', true],
  ['api.example.com', 'api.example.com.evil.org', false],
  ['api.example.com', 'evil-api.example.com', false],
  ['api.example.com', 'api.example.com:8443', false],
  ['api.example.com:8443', 'api.example.com:8443', true],
  ['api.example.com:8443', 'api.example.com', false],
  ['localhost:*', 'localhost:3000', true],
  ['localhost:*', 'localhost', false],
  // a leading `*.` is one or more labels
  ['*.example.com', 'a.example.com', true],
  ['*.example.com', 'a.b.example.com', true],
  ['*.example.com', 'example.com', false],
  ['*.example.com', 'evilexample.com', false],
  ['*.example.com', 'a.example.com:8443', false],
  // any other `*` is within one label: the msw README's pattern works in wrapGlobalFetch too
  ['*.execute-api.*.amazonaws.com', 'abc123.execute-api.eu-west-1.amazonaws.com', true],
  ['*.execute-api.*.amazonaws.com', 'abc123.execute-api.us-east-1.amazonaws.com', true],
  ['*.execute-api.*.amazonaws.com', 'abc123.execute-api.amazonaws.com', false],
  ['*.execute-api.*.amazonaws.com', 'abc123.execute-api.eu-west-1.amazonaws.com.evil.org', false],
  ['*.lambda-url.eu-west-1.on.aws', 'abcdef.lambda-url.eu-west-1.on.aws', true],
  ['*.lambda-url.eu-west-1.on.aws', 'abcdef.lambda-url.us-east-1.on.aws', false],
  ['api.example.*', 'api.example.com', true],
  ['api.example.*', 'api.example.com.evil.org', false],
  ['api-*.example.com', 'api-v2.example.com', true],
  ['api-*.example.com', 'api-.example.com', false],
  ['api-*.example.com', 'api-a.b.example.com', false],
  // a RegExp is tested on the host as it is
  [/^api\d\.example\.com$/, 'api2.example.com', true],
  [/^api\d\.example\.com$/, 'apix.example.com', false],
  [/\.lambda-url\.[a-z0-9-]+\.on\.aws$/, 'abcdef.lambda-url.eu-west-1.on.aws', true],
  [/example/g, 'api.example.com', true], // a /g RegExp answers the same every time
];
