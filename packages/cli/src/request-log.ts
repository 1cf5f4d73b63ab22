import type { SignedRequestInfo } from '@sigv4/fetch';
import type { CliIo } from './io.js';
import { hideSignature, type Redactor } from './redact.js';
import { escapeControls, escapeLines } from './terminal-text.js';

/**
 * What `sigv4` prints about a request and its answer on stderr (`-v`, notes) and stdout (`-i`).
 * Everything goes through the redactor: the session token and signatures never show. Every line
 * is printed with its control characters escaped: a server's status line and headers, and a
 * redirect's target, are the server's bytes.
 */
export interface RequestLog {
  /** A diagnostic line on stderr, `sigv4: ` prefixed unless `prefix` says otherwise. */
  note(line: string): void;
  /** `-v`: what was signed (scope, credentials, canonical request, string to sign). */
  signed(info: SignedRequestInfo, credentials: string | undefined): void;
  /** `-v`: the request line and headers as they go on the wire. */
  sent(method: string, url: string, headers: Headers): void;
  /** `-v`: the status line and headers received. */
  received(head: readonly string[]): void;
}

export function createRequestLog(
  io: CliIo,
  redactor: Redactor,
  flags: { verbose: boolean; quiet: boolean },
): RequestLog {
  const line = (text: string) =>
    io.stderr.write(`${escapeControls(redactor.text(hideSignature(text)))}\n`);
  const lines = (prefix: string, texts: readonly string[]) => {
    for (const text of texts) line(`${prefix}${text}`);
  };
  return {
    note(text) {
      if (!flags.quiet) line(`sigv4: ${text}`);
    },
    signed(info, credentials) {
      if (!flags.verbose) return;
      const [, , scope = ''] = info.stringToSign.split('\n');
      const [, region = '', service = ''] = scope.split('/');
      lines('* ', [
        `signing for service ${service} in region ${region} (scope ${scope})`,
        ...(credentials === undefined ? [] : [`credentials: ${credentials}`]),
        `signed headers: ${info.signedHeaders.join(';')}`,
        'canonical request:',
      ]);
      // Verbatim (the token is already [redacted]), to compare with AWS's "should have been".
      io.stderr.write(`${escapeLines(redactor.text(info.canonicalRequest))}\n`);
      io.stderr.write('* string to sign:\n');
      io.stderr.write(`${escapeLines(redactor.text(info.stringToSign))}\n`);
    },
    sent(method, url, headers) {
      if (!flags.verbose) return;
      const target = new URL(url);
      const signed = headers.has('authorization');
      lines('> ', [
        `${method} ${target.pathname}${target.search} HTTP/1.1`,
        `host: ${target.host}`,
        ...[...headers].map(([name, value]) => `${name}: ${value}`),
      ]);
      if (!signed) line('* (sent without a signature: another origin than the one signed for)');
    },
    received(head) {
      if (flags.verbose) lines('< ', head);
    },
  };
}

/** The status line and headers of a response, one per line (`set-cookie` kept apart). */
export function responseHeaderLines(response: Response): string[] {
  const lines = [`HTTP/1.1 ${response.status} ${response.statusText}`.trimEnd()];
  for (const [name, value] of response.headers) {
    if (name === 'set-cookie') continue;
    lines.push(`${name}: ${value}`);
  }
  for (const cookie of response.headers.getSetCookie()) lines.push(`set-cookie: ${cookie}`);
  return lines;
}
