/**
 * What Node's HTTP server answers by itself, before any request object exists (headers over its
 * limit, a malformed request, a request that took too long): the same bytes Node writes, so a
 * `clientError` listener changes nothing on the wire, plus a report of the refusal. Node only.
 */
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FrontDoorRefusal } from './contract.js';

/** Node's own answers (`lib/_http_server.js`, `socketOnError`), keyed by parser error code. */
const NODE_ANSWERS: Readonly<
  Record<string, { status: number; reason: FrontDoorRefusal['reason'] }>
> = {
  HPE_HEADER_OVERFLOW: { status: 431, reason: 'headers-too-large' },
  HPE_CHUNK_EXTENSIONS_OVERFLOW: { status: 413, reason: 'chunk-extensions-too-large' },
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, reason: 'request-timeout' },
};
const MALFORMED = { status: 400, reason: 'malformed-request' } as const;

/** The last request line in what the parser had when it failed (best effort, never invented). */
const REQUEST_LINE = /(?:^|\r\n)([!#$%&'*+.^_`|~0-9A-Za-z-]+) (\S+) HTTP\/1\.[01]\r\n/g;
const SCAN_BYTES = 64 * 1024;

/**
 * A request-target fit for a log: the query (which may hold `X-Amz-Signature`,
 * `X-Amz-Credential` or `X-Amz-Security-Token`) is replaced by `?…`.
 */
export function redactTarget(target: string): string {
  const q = target.indexOf('?');
  return q === -1 ? target : `${target.slice(0, q)}?…`;
}

function requestLine(packet: unknown): { method: string; target: string } | undefined {
  if (!Buffer.isBuffer(packet)) return undefined;
  const text = packet.subarray(0, SCAN_BYTES).toString('latin1');
  let last: RegExpExecArray | undefined;
  // Bounded: at most one match per request line in 64 KiB.
  for (const match of text.matchAll(REQUEST_LINE)) last = match;
  const method = last?.[1];
  const target = last?.[2];
  return method === undefined || target === undefined
    ? undefined
    : { method, target: redactTarget(target) };
}

/**
 * The server's `clientError` listener: writes what Node would have written (if Node would have
 * written anything), destroys the socket as Node does, and reports the refusal. A connection
 * reset by the client is not a refusal and is not reported.
 */
export function answerClientError(
  error: Error & { code?: string; rawPacket?: unknown },
  socket: Duplex & { _httpMessage?: { _headerSent?: boolean } | null | undefined },
  report: ((refusal: FrontDoorRefusal) => void) | undefined,
): void {
  const answer = NODE_ANSWERS[error.code ?? ''] ?? MALFORMED;
  // Node answers only when no in-flight response has started writing to this socket.
  const inFlight = socket._httpMessage;
  const writes = socket.writable && (inFlight == null || inFlight._headerSent !== true);
  if (writes) {
    socket.write(
      `HTTP/1.1 ${answer.status} ${STATUS_CODES[answer.status]}\r\nConnection: close\r\n\r\n`,
      'ascii',
    );
  }
  socket.destroy(error);
  if (!writes || error.code === 'ECONNRESET' || report === undefined) return;
  const line = requestLine(error.rawPacket);
  report({
    status: answer.status,
    reason: answer.reason,
    ...(line ?? {}),
    ...(error.code === undefined ? {} : { detail: error.code }),
  });
}
