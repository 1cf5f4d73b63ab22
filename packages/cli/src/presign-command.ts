import { createSigner, resolveSigningScope } from '@sigv4/core';
import { cliCredentials } from './cli-credentials.js';
import { EXIT, type ExitCode } from './exit-codes.js';
import type { CliIo } from './io.js';
import type { PresignCommand } from './parse-args.js';
import type { Redactor } from './redact.js';

/** Repeated `--query` names become arrays (the name repeats in the URL). */
export function queryObject(
  pairs: ReadonlyArray<readonly [string, string]>,
): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = Object.create(null);
  for (const [name, value] of pairs) {
    const existing = out[name];
    if (existing === undefined) out[name] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else out[name] = [existing, value];
  }
  return out;
}

/**
 * `sigv4 presign URL`: prints a presigned URL on stdout. This is the one place sigv4 prints a
 * credential on purpose: with temporary credentials the URL carries X-Amz-Security-Token, as it
 * must to work.
 */
export async function runPresign(
  command: PresignCommand,
  io: CliIo,
  redactor: Redactor,
): Promise<ExitCode> {
  const scope = resolveSigningScope(command.url, {
    service: command.service,
    region: command.region,
    env: io.env,
  });
  const signer = createSigner({
    credentials: cliCredentials(command.profile, io.env, redactor),
    service: scope.service,
    region: scope.region,
    ...(io.clock ? { clock: io.clock } : {}),
  });
  const url = await signer.presign(command.url, {
    method: command.method,
    ...(command.expires === undefined ? {} : { expiresIn: command.expires }),
    ...(command.query.length === 0 ? {} : { query: queryObject(command.query) }),
  });
  io.stdout.write(`${url}\n`);
  return EXIT.ok;
}
