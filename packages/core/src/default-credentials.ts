import type { CredentialsProvider } from './credentials.js';
import { credentialsFromEnv } from './env-credentials.js';
import { SigV4Error } from './errors.js';

/**
 * The default credentials outside Node: the environment variables where the runtime has a
 * `process.env`, otherwise an error asking for the `credentials` option.
 */
export const portableDefaultCredentials: CredentialsProvider = () => {
  const fromEnv = credentialsFromEnv();
  if (fromEnv) return fromEnv;
  throw new SigV4Error(
    'ERR_SIGV4_CREDENTIALS_MISSING',
    'no credentials: pass the `credentials` option, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.',
  );
};
