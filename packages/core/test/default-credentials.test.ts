import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import * as portable from '../src/index.js';
import { isSigV4Error } from '../src/index.node.js';

const run = promisify(execFile);
const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const dist = fileURLToPath(new URL('../dist/index.node.js', import.meta.url));

/** An environment in which the SDK's default chain finds nothing and touches no network. */
const emptyAwsEnv = {
  PATH: process.env.PATH ?? '',
  HOME: '/nonexistent-home',
  AWS_CONFIG_FILE: '/nonexistent/config',
  AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials',
  AWS_EC2_METADATA_DISABLED: 'true',
};
const lambdaEnv = {
  ...emptyAwsEnv,
  AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  AWS_SESSION_TOKEN: 'example-session-token',
};

async function signInChild(format: 'esm' | 'cjs', env: Record<string, string>) {
  const register = `data:text/javascript,import{register}from'node:module';register(${JSON.stringify(
    `file://${fixture('trace-resolve.mjs')}`,
  )})`;
  const { stdout, stderr } = await run(
    process.execPath,
    ['--import', register, fixture('sign-once.mjs'), format],
    {
      env,
      timeout: 30_000,
    },
  );
  return { stdout, loadedChain: stderr.includes('RESOLVED @aws-sdk/credential-provider-node') };
}

describe('default credentials in Node', () => {
  beforeAll(() => {
    expect(existsSync(dist), 'build @sigv4/core first (pnpm build)').toBe(true);
  });

  it.each(['esm', 'cjs'] as const)(
    '%s: Lambda-style environment credentials sign without importing the SDK default chain',
    async (format) => {
      const { stdout, loadedChain } = await signInChild(format, lambdaEnv);
      expect(stdout).toBe('SIGNED example-session-token\n');
      expect(loadedChain).toBe(false);
    },
  );

  it('without environment credentials, the SDK default chain is imported and its failure is ERR_SIGV4_CREDENTIALS_MISSING', async () => {
    const { stdout, loadedChain } = await signInChild('esm', emptyAwsEnv);
    expect(stdout).toBe('ERROR ERR_SIGV4_CREDENTIALS_MISSING\n');
    expect(loadedChain).toBe(true);
  });
});

describe('default credentials outside Node (portable entry)', () => {
  it('reads the environment when there is one', async () => {
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDEXAMPLE');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY');
    vi.stubEnv('AWS_SESSION_TOKEN', '');
    const creds = await portable.defaultCredentials();
    expect(creds.accessKeyId).toBe('AKIDEXAMPLE');
    expect(creds.sessionToken).toBeUndefined();
  });

  it('otherwise asks for the credentials option', async () => {
    vi.stubEnv('AWS_ACCESS_KEY_ID', '');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', '');
    const signer = portable.createSigner();
    const error = await signer
      .sign({ method: 'GET', url: 'https://abc.lambda-url.eu-west-1.on.aws/' })
      .catch((e) => e);
    expect(isSigV4Error(error, 'ERR_SIGV4_CREDENTIALS_MISSING')).toBe(true);
    expect(error.message).toMatch(/pass the `credentials` option/);
  });
});
