/**
 * The canonical request with the session token's value replaced by `[redacted]`, for logs.
 * The canonical request (header mode and presigned) holds the token in clear: it is signed
 * like any header or query parameter. It never holds the secret key, and the string to sign
 * holds only a hash of the canonical request.
 *
 * @example
 * onSigned: (info) => console.debug(redactCanonicalRequest(info.canonicalRequest))
 */
export function redactCanonicalRequest(canonicalRequest: string): string {
  return canonicalRequest
    .replace(/^x-amz-security-token:.*$/m, 'x-amz-security-token:[redacted]')
    .replace(/X-Amz-Security-Token=[^&\n]*/, 'X-Amz-Security-Token=[redacted]');
}
