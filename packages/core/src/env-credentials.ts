import type { AwsCredentials } from './credentials.js';

type Env = Readonly<Record<string, string | undefined>>;

/** `process.env` where there is one (Node, Bun, Deno's Node compatibility), without importing anything. */
export function runtimeEnv(): Env | undefined {
  return (globalThis as { process?: { env?: Env } }).process?.env;
}

/**
 * Credentials from `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN` (and
 * `AWS_CREDENTIAL_EXPIRATION`), as Lambda sets them, or `undefined` when they are not set.
 */
export function credentialsFromEnv(
  env: Env | undefined = runtimeEnv(),
): AwsCredentials | undefined {
  const accessKeyId = env?.AWS_ACCESS_KEY_ID;
  const secretAccessKey = env?.AWS_SECRET_ACCESS_KEY;
  if (!accessKeyId || !secretAccessKey) return undefined;
  const sessionToken = env?.AWS_SESSION_TOKEN || undefined;
  const expiration = env?.AWS_CREDENTIAL_EXPIRATION
    ? new Date(env.AWS_CREDENTIAL_EXPIRATION)
    : undefined;
  return {
    accessKeyId,
    secretAccessKey,
    ...(sessionToken ? { sessionToken } : {}),
    ...(expiration && !Number.isNaN(expiration.getTime()) ? { expiration } : {}),
  };
}
