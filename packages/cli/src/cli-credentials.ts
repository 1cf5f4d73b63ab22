import {
  type AwsCredentials,
  type CredentialsProvider,
  credentialsFromEnv,
  defaultCredentials,
  SigV4Error,
} from '@sigv4/core';
import type { Redactor } from './redact.js';

type Env = Readonly<Record<string, string | undefined>>;

/** Where the credentials of a command come from, for `-v`. */
export function describeCredentialSource(profile: string | undefined, env: Env): string {
  if (profile !== undefined) return `profile ${JSON.stringify(profile)}`;
  if (credentialsFromEnv(env)) return 'the environment (AWS_ACCESS_KEY_ID)';
  return 'the AWS SDK default credential chain';
}

/**
 * The credentials provider of the CLI. With `--profile`, the AWS SDK's `fromIni` for that
 * profile (`~/.aws/config` and `~/.aws/credentials`: static keys, SSO, assume-role,
 * credential_process, web identity), imported only then. Not the whole default chain: a profile
 * that does not exist must fail, not fall through to instance metadata. Without it, the environment `main` was given, then
 * core's default chain. Whatever is resolved is registered with the redactor before use.
 */
export function cliCredentials(
  profile: string | undefined,
  env: Env,
  redactor: Redactor,
): CredentialsProvider {
  const resolve = async (): Promise<AwsCredentials> => {
    if (profile === undefined) return credentialsFromEnv(env) ?? (await defaultCredentials());
    const { fromIni } = await import('@aws-sdk/credential-provider-ini');
    try {
      // File locations from the environment `main` was given (the SDK would read process.env).
      const found = await fromIni({
        profile,
        ignoreCache: true,
        ...(env.AWS_SHARED_CREDENTIALS_FILE ? { filepath: env.AWS_SHARED_CREDENTIALS_FILE } : {}),
        ...(env.AWS_CONFIG_FILE ? { configFilepath: env.AWS_CONFIG_FILE } : {}),
      })();
      return {
        accessKeyId: found.accessKeyId,
        secretAccessKey: found.secretAccessKey,
        ...(found.sessionToken ? { sessionToken: found.sessionToken } : {}),
        ...(found.expiration ? { expiration: found.expiration } : {}),
      };
    } catch (cause) {
      const reason = cause instanceof Error ? redactor.text(cause.message) : 'unknown error';
      throw new SigV4Error(
        'ERR_SIGV4_CREDENTIALS_PROVIDER_FAILED',
        `no credentials for profile ${JSON.stringify(profile)}: ${reason} Check that the profile exists in ~/.aws/config or ~/.aws/credentials (or AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE), and run \`aws sso login --profile ${profile}\` if it uses SSO.`,
        { cause },
      );
    }
  };
  return async () => {
    const credentials = await resolve();
    redactor.add(credentials.secretAccessKey);
    redactor.add(credentials.sessionToken);
    return credentials;
  };
}
