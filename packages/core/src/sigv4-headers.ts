/**
 * The headers a SigV4 signature adds. A re-sign removes them first, and none of them ever
 * follows a request to another origin. The one list, for core, its pipeline and the adapters.
 */
export const SIGV4_HEADERS: readonly string[] = [
  'authorization',
  'x-amz-date',
  'x-amz-security-token',
  'x-amz-content-sha256',
];
