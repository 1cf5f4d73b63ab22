/**
 * Empties every place the AWS SDK default chain looks for credentials (the environment, the
 * shared files, container and instance metadata), so that a test sees "no credentials
 * anywhere" on any machine. `stubEnv` is vitest's `vi.stubEnv` (undone by `unstubEnvs`).
 */
export function stubNoAwsCredentials(
  stubEnv: (name: string, value: string | undefined) => unknown,
): void {
  for (const name of [
    'AWS_ACCESS_KEY_ID',
    'AWS_SECRET_ACCESS_KEY',
    'AWS_SESSION_TOKEN',
    'AWS_PROFILE',
    'AWS_WEB_IDENTITY_TOKEN_FILE',
    'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
    'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  ])
    stubEnv(name, undefined);
  stubEnv('AWS_CONFIG_FILE', '/nonexistent/sigv4-test-config');
  stubEnv('AWS_SHARED_CREDENTIALS_FILE', '/nonexistent/sigv4-test-credentials');
  stubEnv('AWS_EC2_METADATA_DISABLED', 'true');
}
