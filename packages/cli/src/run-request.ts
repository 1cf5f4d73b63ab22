import { createSigner, resolveSigningScope, type SignedRequest } from '@sigv4/core';
import { cliCredentials, describeCredentialSource } from './cli-credentials.js';
import { EXIT, type ExitCode } from './exit-codes.js';
import { explain403, formatExplanation } from './explain-403.js';
import type { CliIo } from './io.js';
import type { RequestCommand } from './parse-args.js';
import { readBody } from './read-body.js';
import { hideSignature, type Redactor } from './redact.js';
import { NetworkError } from './usage-error.js';

/** Writes diagnostic lines to stderr, each through the redactor. */
export function stderrLines(
  io: CliIo,
  redactor: Redactor,
  prefix: string,
  lines: readonly string[],
) {
  for (const line of lines)
    io.stderr.write(`${redactor.text(hideSignature(`${prefix}${line}`))}\n`);
}

function shortKey(accessKeyId: string): string {
  return accessKeyId.length > 8
    ? `${accessKeyId.slice(0, 4)}…${accessKeyId.slice(-4)}`
    : accessKeyId;
}

function printSigned(
  io: CliIo,
  redactor: Redactor,
  command: RequestCommand,
  signed: SignedRequest,
  headers: ReadonlyArray<readonly [string, string]>,
  source: string,
  accessKeyId: string,
): void {
  const scopeLine = signed.stringToSign.split('\n')[2] ?? '';
  stderrLines(io, redactor, '* ', [
    `signing for service ${signed.scope.service} in region ${signed.scope.region} (scope ${scopeLine})`,
    `credentials: access key ${shortKey(accessKeyId)} from ${source}${signed.headers['x-amz-security-token'] ? ', with a session token' : ''}`,
    `signed headers: ${signed.signedHeaders.join(';')}`,
    'canonical request:',
  ]);
  // Verbatim (only the token redacted), so it can be compared with AWS's "should have been".
  io.stderr.write(`${redactor.text(signed.canonicalRequest)}\n`);
  io.stderr.write('* string to sign:\n');
  io.stderr.write(`${redactor.text(signed.stringToSign)}\n`);
  const target = new URL(signed.url);
  stderrLines(io, redactor, '> ', [
    `${command.method} ${target.pathname}${target.search} HTTP/1.1`,
    `host: ${target.host}`,
    ...headers.map(([name, value]) => `${name}: ${value}`),
  ]);
}

function responseHeaderLines(response: Response): string[] {
  const lines = [`HTTP/1.1 ${response.status} ${response.statusText}`.trimEnd()];
  for (const [name, value] of response.headers) {
    if (name === 'set-cookie') continue;
    lines.push(`${name}: ${value}`);
  }
  for (const cookie of response.headers.getSetCookie()) lines.push(`set-cookie: ${cookie}`);
  return lines;
}

/** Why fetch failed, from its `cause` chain (`connect ECONNREFUSED 127.0.0.1:1`). */
function networkReason(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    parts.push(current.message);
    current = current.cause;
  }
  return parts.join(': ') || String(error);
}

/** `sigv4 [options] URL`: signs with core, sends with fetch, prints, explains a 403. */
export async function runRequest(
  command: RequestCommand,
  io: CliIo,
  redactor: Redactor,
): Promise<ExitCode> {
  const body = await readBody(command.data, io.stdin);
  const scope = resolveSigningScope(command.url, {
    service: command.service,
    region: command.region,
    env: io.env,
  });
  const clock = io.clock ?? (() => new Date());
  const signer = createSigner({
    credentials: cliCredentials(command.profile, io.env, redactor),
    service: scope.service,
    region: scope.region,
    clock,
  });
  const signed = await signer.sign({
    method: command.method,
    url: command.url,
    headers: command.headers,
    body,
  });
  // The caller's headers, then exactly what core added (no name can clash: parse-args refuses them).
  const headers: Array<readonly [string, string]> = [
    ...command.headers,
    ...Object.entries(signed.headers),
  ];
  const accessKeyId = (await signer.credentials()).accessKeyId;
  if (command.verbose) {
    const source = describeCredentialSource(command.profile, io.env);
    printSigned(io, redactor, command, signed, headers, source, accessKeyId);
  }

  const fetchImpl = io.fetch ?? globalThis.fetch;
  let response: Response;
  let bytes: Uint8Array;
  try {
    response = await fetchImpl(signed.url, {
      method: command.method,
      headers: headers.map(([name, value]) => [name, value] as [string, string]),
      ...(body === undefined ? {} : { body }),
      redirect: 'manual',
    });
    bytes = new Uint8Array(await response.arrayBuffer());
  } catch (cause) {
    const where = new URL(signed.url);
    throw new NetworkError(
      `${command.method} ${where.origin}${where.pathname}: no response (${networkReason(cause)}). Check the URL, your network and any proxy.`,
      { cause },
    );
  }
  const receivedAt = clock();

  const head = responseHeaderLines(response);
  if (command.verbose) stderrLines(io, redactor, '< ', head);
  if (command.include) io.stdout.write(`${redactor.text(head.join('\n'))}\n\n`);
  io.stdout.write(redactor.bytes(bytes));

  if (response.status === 403) {
    const explanation = explain403({
      method: command.method,
      url: signed.url,
      service: scope.service,
      region: scope.region,
      signedHeaders: signed.signedHeaders,
      canonicalRequest: signed.canonicalRequest,
      stringToSign: signed.stringToSign,
      accessKeyId,
      hasSessionToken: signed.headers['x-amz-security-token'] !== undefined,
      errorType: response.headers.get('x-amzn-errortype') ?? undefined,
      serverDate: response.headers.get('date') ?? undefined,
      body: new TextDecoder().decode(bytes),
      receivedAt,
    });
    if (bytes.byteLength > 0 && bytes[bytes.byteLength - 1] !== 0x0a) io.stderr.write('\n');
    if (explanation) stderrLines(io, redactor, 'sigv4: ', formatExplanation(explanation));
  }
  return response.status >= 400 ? EXIT.httpError : EXIT.ok;
}
