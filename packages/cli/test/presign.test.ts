import type { IamEmulator } from '@sigv4/msw/server';
import { startIamEmulator } from '@sigv4/msw/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CREDENTIALS, expectNoSecrets, run, TOKEN_CREDENTIALS } from './helpers.js';

const REGION = 'us-east-1';
const SCOPE = ['--service', 'execute-api', '--region', REGION];
let api: IamEmulator;

beforeAll(async () => {
  api = await startIamEmulator({
    emulate: 'apigateway-rest',
    region: REGION,
    credentials: [CREDENTIALS, TOKEN_CREDENTIALS],
  });
});
afterAll(async () => {
  await api?.close();
});

async function presign(args: readonly string[], env?: Record<string, string>): Promise<string> {
  const result = await run(['presign', ...SCOPE, ...args], env ? { env } : {});
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  expect(result.stdout.endsWith('\n')).toBe(true);
  return result.stdout.trimEnd();
}

describe('sigv4 presign', () => {
  it('prints one URL that the emulator accepts with a plain GET (query mode, only host signed)', async () => {
    const url = await presign(['--expires', '60', `${api.url}/prod/report`]);
    expect(url.split('\n')).toHaveLength(1);
    const parsed = new URL(url);
    expect(parsed.searchParams.get('X-Amz-Expires')).toBe('60');
    expect(parsed.searchParams.get('X-Amz-SignedHeaders')).toBe('host');
    const response = await fetch(url);
    expect(response.status).toBe(200);
    const recorded = api.requests.at(-1);
    expect(recorded?.result.ok).toBe(true);
    if (recorded?.result.ok) expect(recorded.result.identity.mode).toBe('query');
    expectNoSecrets(url, [CREDENTIALS.secretAccessKey]);
  });

  it('--query parameters are signed with the URL (repeated names kept, spaces as %20)', async () => {
    const url = await presign([
      '--query',
      'user=Ada Lovelace',
      '--query',
      'tag=a',
      '--query',
      'tag=b',
      `${api.url}/prod/who`,
    ]);
    expect(url).toContain('user=Ada%20Lovelace&tag=a&tag=b&X-Amz-Algorithm=');
    const response = await fetch(url);
    expect(response.status).toBe(200);
    const echo = (await response.json()) as { query: string };
    expect(echo.query).toMatch(/^user=Ada%20Lovelace&tag=a&tag=b&X-Amz-/);
  });

  it('a tampered URL is refused with the mismatch 403', async () => {
    const url = await presign([`${api.url}/prod/report?id=1`]);
    const tampered = url.replace('id=1', 'id=2');
    expect(tampered).not.toBe(url);
    const response = await fetch(tampered);
    expect(response.status).toBe(403);
    expect(((await response.json()) as { message: string }).message).toMatch(
      /^The request signature we calculated does not match/,
    );
    const otherPath = url.replace('/prod/report', '/prod/admin');
    expect((await fetch(otherPath)).status).toBe(403);
  });

  it('-X PUT presigns for PUT: a PUT is accepted, a GET of the same URL refused', async () => {
    const url = await presign(['-X', 'PUT', `${api.url}/prod/upload`]);
    expect((await fetch(url, { method: 'PUT' })).status).toBe(200);
    expect((await fetch(url)).status).toBe(403);
  });

  it('with temporary credentials the URL carries the token (it must) but never the secret key', async () => {
    const env = {
      AWS_ACCESS_KEY_ID: TOKEN_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: TOKEN_CREDENTIALS.secretAccessKey,
      AWS_SESSION_TOKEN: TOKEN_CREDENTIALS.sessionToken,
    };
    const url = await presign([`${api.url}/prod/report`], env);
    expect(new URL(url).searchParams.get('X-Amz-Security-Token')).toBe(
      TOKEN_CREDENTIALS.sessionToken,
    );
    expectNoSecrets(url, [TOKEN_CREDENTIALS.secretAccessKey]);
    expect((await fetch(url)).status).toBe(200);
  });

  it('an unknown host without --service/--region exits 3', async () => {
    const result = await run(['presign', 'https://example.com/x']);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(
      /cannot tell which AWS service and region host "example\.com" belongs to/,
    );
  });

  it('infers service and region from an AWS host', async () => {
    const result = await run([
      'presign',
      'https://abc123.execute-api.eu-west-1.amazonaws.com/prod/x',
    ]);
    expect(result.code).toBe(0);
    expect(new URL(result.stdout.trim()).searchParams.get('X-Amz-Credential')).toMatch(
      /^AKIDEXAMPLE\/\d{8}\/eu-west-1\/execute-api\/aws4_request$/,
    );
  });
});
