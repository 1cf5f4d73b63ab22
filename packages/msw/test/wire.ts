/**
 * Puts a `RawRequest` on the wire exactly as given: bytes on a socket to the loopback emulator,
 * or a `Request` through an msw handler (`getResponse`), and reads the answer back.
 */
import { connect } from 'node:net';
import { getResponse, type HttpHandler } from 'msw';
import type { RawRequest } from '../src/contract.js';

export interface Answer {
  readonly status: number;
  /** `x-amzn-ErrorType`, or null. */
  readonly errorType: string | null;
  readonly body: string;
}

/** Writes the request byte for byte to 127.0.0.1:port (Connection: close), bounded by 10 s. */
export function sendRaw(port: number, raw: RawRequest): Promise<Answer> {
  const names = raw.headers.map(([name]) => name.toLowerCase());
  const lines = [`${raw.method} ${raw.target} HTTP/1.1`];
  if (!names.includes('host')) lines.push(`Host: ${raw.host}`);
  for (const [name, value] of raw.headers) lines.push(`${name}: ${value}`);
  if (!names.includes('content-length') && raw.body.byteLength > 0) {
    lines.push(`Content-Length: ${raw.body.byteLength}`);
  }
  lines.push('Connection: close', '', '');
  const head = Buffer.from(lines.join('\r\n'), 'utf8');
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.setTimeout(10_000, () => socket.destroy(new Error('raw HTTP timed out')));
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const split = text.indexOf('\r\n\r\n');
      const headText = text.slice(0, split);
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(headText)?.[1] ?? 0);
      const type = /\r\nx-amzn-errortype: *([^\r\n]*)/i.exec(headText)?.[1] ?? null;
      let body = text.slice(split + 4);
      if (/\r\ntransfer-encoding: *chunked/i.test(headText)) body = unchunk(body);
      resolve({ status, errorType: type, body });
    });
    // Not half-closed: the server closes after answering (Connection: close).
    socket.write(Buffer.concat([head, raw.body]));
  });
}

function unchunk(text: string): string {
  let out = '';
  let rest = text;
  for (let i = 0; i < 10_000; i++) {
    const eol = rest.indexOf('\r\n');
    const size = Number.parseInt(rest.slice(0, eol), 16);
    if (!(size > 0)) break;
    out += rest.slice(eol + 2, eol + 2 + size);
    rest = rest.slice(eol + 2 + size + 2);
  }
  return out;
}

/** Headers a fetch client cannot set: the runtime writes them (or msw never sees them). */
const RUNTIME_HEADERS = new Set(['host', 'content-length', 'connection']);

/** Whether `https://{host}{target}` survives URL parsing unchanged (else a fetch cannot send it). */
export function fetchable(raw: RawRequest): boolean {
  try {
    const url = new URL(`https://${raw.host}${raw.target}`);
    return `${url.pathname}${url.search}` === raw.target && url.host === raw.host.toLowerCase();
  } catch {
    return false;
  }
}

/** Sends the request through the handler as a fetch would hand it to msw. */
export async function sendMsw(handler: HttpHandler, raw: RawRequest): Promise<Answer> {
  const headers = new Headers();
  for (const [name, value] of raw.headers) {
    if (!RUNTIME_HEADERS.has(name.toLowerCase())) headers.append(name, value);
  }
  const hasBody = raw.method !== 'GET' && raw.method !== 'HEAD';
  const request = new Request(`https://${raw.host}${raw.target}`, {
    method: raw.method,
    headers,
    ...(hasBody && raw.body.byteLength > 0 ? { body: new Uint8Array(raw.body) } : {}),
  });
  const response = await getResponse([handler], request);
  if (response === undefined) throw new Error(`no handler answered ${raw.host}`);
  return {
    status: response.status,
    errorType: response.headers.get('x-amzn-errortype'),
    body: await response.text(),
  };
}
