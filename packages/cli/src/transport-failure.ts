import { isSigV4Error } from '@sigv4/core';
import { isAwsHost } from './aws-host.js';
import type { Deadline } from './deadline.js';
import type { RequestCommand } from './parse-args.js';
import { DEFAULT_CONNECT_TIMEOUT_MS } from './transport.js';
import { InterruptedError, NetworkError, TimedOutError } from './usage-error.js';

/** The messages of an error and its causes (`fetch failed: connect ECONNREFUSED 127.0.0.1:1`). */
function causeChain(error: unknown): { text: string; codes: string[] } {
  const parts: string[] = [];
  const codes: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    parts.push(current.message);
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
    current = current.cause;
  }
  return { text: parts.join(': ') || String(error), codes };
}

const seconds = (ms: number) => `${ms / 1000} s`;

/** Core's codes for a redirect that fetch would not follow (a `TypeError` with it as `cause`). */
const REDIRECT_REFUSALS: ReadonlySet<string> = new Set([
  'ERR_SIGV4_REDIRECT_FAILED',
  'ERR_SIGV4_TOO_MANY_REDIRECTS',
]);

/**
 * What core said of a redirect it did not follow (a `file:` URL, an unparsable Location, more
 * than 20 hops), found by its code along the cause chain, or `undefined`.
 */
function redirectRefusal(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    if (isSigV4Error(current) && REDIRECT_REFUSALS.has(current.code)) return current.detail;
    current = current.cause;
  }
  return undefined;
}

/** Node's codes for a server certificate that does not verify. */
const CERTIFICATE_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

function certificateHint(host: string): string {
  return isAwsHost(host)
    ? 'AWS endpoints always present a valid certificate: something (a proxy?) is intercepting the connection. Behind a corporate TLS proxy, trust its CA with NODE_EXTRA_CA_CERTS.'
    : 'for a local server with a self-signed certificate, pass -k (--insecure); for a private CA, trust it with NODE_EXTRA_CA_CERTS.';
}

/**
 * What a failure of the transport means on the command line: a timeout (28), Ctrl-C (130), a
 * SigV4Error (3, as it is) or no answer (4).
 */
export function transportFailure(
  error: unknown,
  command: RequestCommand,
  deadline: Deadline,
  stage: string,
): unknown {
  if (isSigV4Error(error)) return error;
  const where = new URL(command.url);
  const target = `${command.method} ${where.origin}${where.pathname}`;
  if (deadline.timedOut()) {
    return new TimedOutError(
      `${target}: ${stage} within --max-time ${seconds(command.maxTimeMs ?? 0)}; stopped.`,
      'raise --max-time if the server is slow, or check that it answers at all.',
      { cause: error },
    );
  }
  if (deadline.interrupted()) return new InterruptedError('interrupted', { cause: error });
  const { text, codes } = causeChain(error);
  if (codes.includes('UND_ERR_CONNECT_TIMEOUT')) {
    const limit = command.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
    return new TimedOutError(
      `${target}: no connection to ${where.host} within ${seconds(limit)}${command.connectTimeoutMs === undefined ? ' (the default --connect-timeout)' : ' (--connect-timeout)'}.`,
      'check the host and port, your network and any firewall, or raise --connect-timeout.',
      { cause: error },
    );
  }
  const reason = text.replace(/\.$/, '');
  if (codes.some((code) => CERTIFICATE_CODES.has(code))) {
    return new NetworkError(
      `${target}: the server's certificate does not verify (${reason}).`,
      certificateHint(where.hostname),
      { cause: error },
    );
  }
  const refused = redirectRefusal(error);
  if (refused !== undefined) {
    return new NetworkError(
      `${target}: ${refused.replace(/\.$/, '')}.`,
      'drop -L to see the redirect itself.',
      {
        cause: error,
      },
    );
  }
  return new NetworkError(
    `${target}: ${stage} (${reason}).`,
    'check the URL, your network and any proxy.',
    { cause: error },
  );
}
