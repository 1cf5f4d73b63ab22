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
    let sdk: typeof import('@aws-sdk/credential-provider-node');
    try {
      sdk = await import('@aws-sdk/credential-provider-node');
    } catch (cause) {
      // A bundle built with `--external:'@aws-sdk/*'` run where the AWS SDK is not beside it.
      const code = (cause as { code?: unknown } | null)?.code;
      const why =
        code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND'
          ? 'is not installed where this code runs (the Node.js Lambda runtime provides it)'
          : 'failed to load (see `cause`)';
      throw new SigV4Error(
        'ERR_SIGV4_CREDENTIALS_MISSING',
        `no credentials in the environment (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY), and the AWS SDK default chain is not available: @aws-sdk/credential-provider-node ${why}. Set the environment variables, install it (npm install @aws-sdk/credential-provider-node), or pass the \`credentials\` option.`,
        { cause },
      );
    }
    chain = sdk.defaultProvider();
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
