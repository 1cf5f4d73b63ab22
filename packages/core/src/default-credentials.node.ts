import type { AwsCredentials, CredentialsProvider } from './credentials.js';
import { credentialsFromEnv } from './env-credentials.js';
import { SigV4Error } from './errors.js';

let chain: CredentialsProvider | undefined;

/**
 * The default credentials in Node: the environment variables first (what Lambda sets,
 * including `AWS_SESSION_TOKEN`), read without loading anything; only when they are absent is
 * `@aws-sdk/credential-provider-node`'s default chain imported (profiles, SSO, web identity,
 * container and instance metadata).
 */
export const nodeDefaultCredentials: CredentialsProvider = async () => {
  const fromEnv = credentialsFromEnv();
  if (fromEnv) return fromEnv;
  if (chain === undefined) {
    const { defaultProvider } = await import('@aws-sdk/credential-provider-node');
    chain = defaultProvider();
  }
  try {
    const found = await chain();
    return found as AwsCredentials;
  } catch (cause) {
    throw new SigV4Error(
      'ERR_SIGV4_CREDENTIALS_MISSING',
      'no credentials found in the environment (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY) nor by the AWS SDK default chain (profile, SSO, web identity, container, instance metadata). Set them, run `aws sso login` / `aws configure`, or pass the `credentials` option.',
      { cause },
    );
  }
};
