import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { IamEmulator, RecordedRequest } from '@sigv4/msw/server';
import { startIamEmulator } from '@sigv4/msw/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CREDENTIALS,
  ENV,
  expectNoSecrets,
  printedCanonicalRequest,
  printedStringToSign,
  run,
  TOKEN_CREDENTIALS,
  tempDir,
} from './helpers.js';

// Every request goes over the wire to @sigv4/msw's emulator on 127.0.0.1, which recomputes the
// signature from the raw request line, headers and body bytes with its own canonicaliser.
const REGION = 'us-east-1';
const SCOPE = ['--service', 'execute-api', '--region', REGION];
const SECRETS = [
  CREDENTIALS.secretAccessKey,
  TOKEN_CREDENTIALS.secretAccessKey,
  TOKEN_CREDENTIALS.sessionToken,
];
const TOKEN_ENV = {
  AWS_ACCESS_KEY_ID: TOKEN_CREDENTIALS.accessKeyId,
  AWS_SECRET_ACCESS_KEY: TOKEN_CREDENTIALS.secretAccessKey,
  AWS_SESSION_TOKEN: TOKEN_CREDENTIALS.sessionToken,
};

let api: IamEmulator;
let lambda: IamEmulator;
let future: IamEmulator;

beforeAll(async () => {
  const credentials = [CREDENTIALS, TOKEN_CREDENTIALS];
  api = await startIamEmulator({ emulate: 'apigateway-rest', region: REGION, credentials });
  lambda = await startIamEmulator({ emulate: 'lambda-url', region: REGION, credentials });
  // An emulator whose clock is 10 minutes ahead of this machine's.
  future = await startIamEmulator({
    emulate: 'apigateway-rest',
    region: REGION,
    credentials,
    clock: () => new Date(Date.now() + 10 * 60 * 1000),
  });
});
afterAll(async () => {
  await Promise.all([api?.close(), lambda?.close(), future?.close()]);
});

function last(emulator: IamEmulator): RecordedRequest {
  const recorded = emulator.requests.at(-1);
  if (!recorded) throw new Error('the emulator received nothing');
  return recorded;
}

function verified(recorded: RecordedRequest) {
  if (!recorded.result.ok) {
    throw new Error(
      `the emulator refused the request: ${recorded.result.reason} ${recorded.result.refusal.body}`,
    );
  }
  return recorded.result.identity;
}

const sha256 = (bytes: Uint8Array | string): string =>
  createHash('sha256').update(bytes).digest('hex');
const header = (r: RecordedRequest, name: string): string | undefined =>
  r.raw.headers.find(([n]) => n.toLowerCase() === name)?.[1];

describe('sending signed requests', () => {
  it('GET: 200, exit 0, the body on stdout, and the emulator verifies the signature', async () => {
    const result = await run([...SCOPE, `${api.url}/prod/hello?b=2&a=1`]);
    expect(result.code).toBe(0);
    const recorded = last(api);
    const identity = verified(recorded);
    expect(identity).toMatchObject({
      accessKeyId: 'AKIDEXAMPLE',
      service: 'execute-api',
      region: REGION,
    });
    expect(recorded.raw.method).toBe('GET');
    expect(recorded.raw.target).toBe('/prod/hello?b=2&a=1');
    expect(JSON.parse(result.stdout)).toMatchObject({ method: 'GET', path: '/prod/hello' });
    expect(result.stderr).toBe('');
  });

  it('POST -d: the exact text arrives, signed with its SHA-256', async () => {
    const body = '{"name":"Ada Lovelace","note":"naïve ✓"}';
    const result = await run([
      ...SCOPE,
      '-H',
      'Content-Type: application/json',
      '-d',
      body,
      `${api.url}/prod/items`,
    ]);
    expect(result.code).toBe(0);
    const recorded = last(api);
    const identity = verified(recorded);
    expect(recorded.raw.method).toBe('POST');
    expect(Buffer.from(recorded.raw.body).toString('utf8')).toBe(body);
    expect(header(recorded, 'x-amz-content-sha256')).toBe(sha256(body));
    expect(identity.signedHeaders).toContain('content-type');
  });

  it('PUT -d @file: the file bytes arrive as they are (binary, CRLF, trailing newline)', async () => {
    const { dir, remove } = await tempDir();
    try {
      const bytes = new Uint8Array([0, 1, 2, 0xff, 0xfe, 13, 10, 0x41, 10]);
      const file = join(dir, 'body.bin');
      await writeFile(file, bytes);
      const result = await run([...SCOPE, '-X', 'PUT', '-d', `@${file}`, `${api.url}/prod/blob`]);
      expect(result.code).toBe(0);
      const recorded = last(api);
      verified(recorded);
      expect(recorded.raw.method).toBe('PUT');
      expect([...recorded.raw.body]).toEqual([...bytes]);
      expect(header(recorded, 'x-amz-content-sha256')).toBe(sha256(bytes));
    } finally {
      await remove();
    }
  });

  it('-d @- reads the body from stdin', async () => {
    async function* stdin() {
      yield new TextEncoder().encode('first,');
      yield new TextEncoder().encode('second');
    }
    const result = await run([...SCOPE, '-d', '@-', `${api.url}/prod/stream`], { stdin: stdin() });
    expect(result.code).toBe(0);
    const recorded = last(api);
    verified(recorded);
    expect(Buffer.from(recorded.raw.body).toString('utf8')).toBe('first,second');
  });

  it('Lambda function URL: POST carries and signs x-amz-content-sha256, and is accepted', async () => {
    const result = await run([
      '--service',
      'lambda',
      '--region',
      REGION,
      '-d',
      'ping',
      `${lambda.url}/`,
    ]);
    expect(result.code).toBe(0);
    const recorded = last(lambda);
    const identity = verified(recorded);
    expect(identity.service).toBe('lambda');
    expect(identity.signedHeaders).toContain('x-amz-content-sha256');
    expect(header(recorded, 'x-amz-content-sha256')).toBe(sha256('ping'));
  });

  it('-i prints the status line and the response headers before the body', async () => {
    const result = await run([...SCOPE, '-i', `${api.url}/prod/hello`]);
    expect(result.code).toBe(0);
    const [head = '', body = ''] = result.stdout.split('\n\n');
    expect(head.split('\n')[0]).toBe('HTTP/1.1 200 OK');
    expect(head).toMatch(/^content-type: application\/json$/m);
    expect(JSON.parse(body)).toMatchObject({ path: '/prod/hello' });
  });

  it('-v prints the canonical request and string to sign the emulator computed, and no secret', async () => {
    const result = await run([...SCOPE, '-v', '-d', 'x=1', `${api.url}/prod/a%20b/../c?q=%2A`]);
    expect(result.code).toBe(0);
    const identity = verified(last(api));
    expect(printedCanonicalRequest(result.stderr)).toBe(identity.canonicalRequest);
    expect(printedStringToSign(result.stderr)).toBe(identity.stringToSign);
    // What fetch sends: the WHATWG URL resolves `..` before anything is signed.
    expect(result.stderr).toMatch(/^> POST \/prod\/c\?q=%2A HTTP\/1\.1$/m);
    expect(result.stderr).toMatch(/Signature=\[redacted\]/);
    expect(result.stderr).toMatch(/^< HTTP\/1\.1 200 OK$/m);
    expectNoSecrets(result.stdout + result.stderr, SECRETS);
  });

  it('-v with temporary credentials: the token is redacted in the canonical request, and printed nowhere', async () => {
    const result = await run([...SCOPE, '-v', '-i', `${api.url}/prod/hello`], { env: TOKEN_ENV });
    expect(result.code).toBe(0);
    const identity = verified(last(api));
    expect(identity.accessKeyId).toBe(TOKEN_CREDENTIALS.accessKeyId);
    expect(identity.signedHeaders).toContain('x-amz-security-token');
    const expected = identity.canonicalRequest.replace(
      `x-amz-security-token:${TOKEN_CREDENTIALS.sessionToken}`,
      'x-amz-security-token:[redacted]',
    );
    expect(expected).not.toBe(identity.canonicalRequest);
    expect(printedCanonicalRequest(result.stderr)).toBe(expected);
    // The emulator echoes the request headers: the token in the echoed body is redacted too.
    expect(result.stdout).toContain('"x-amz-security-token":"[redacted]"');
    expectNoSecrets(result.stdout + result.stderr, SECRETS);
  });
});

describe('explaining AWS 403s', () => {
  it('a wrong secret: the mismatch 403, exit 1, and "the secret access key is wrong"', async () => {
    const env = { ...ENV, AWS_SECRET_ACCESS_KEY: 'not-the-right-secret-key-for-this-access-key' };
    const result = await run([...SCOPE, `${api.url}/prod/hello`], { env });
    expect(result.code).toBe(1);
    const recorded = last(api);
    expect(recorded.result.ok).toBe(false);
    expect(JSON.parse(result.stdout).message).toMatch(
      /^The request signature we calculated does not match/,
    );
    expect(result.stderr).toMatch(
      /AWS refused the request \(403 InvalidSignatureException: The request signature we calculated does not match/,
    );
    expect(result.stderr).toMatch(
      /likely cause: AWS computed exactly the request that was signed, so the secret access key is wrong: it does not belong to access key AKID…MPLE/,
    );
    expect(result.stderr).toMatch(/fix: check AWS_SECRET_ACCESS_KEY/);
    expectNoSecrets(result.stdout + result.stderr, [env.AWS_SECRET_ACCESS_KEY, ...SECRETS]);
  });

  it('a wrong secret with a session token: the REST API echoes the canonical string, token redacted', async () => {
    const env = {
      ...TOKEN_ENV,
      AWS_SECRET_ACCESS_KEY: 'another-wrong-secret-access-key-0123456789',
    };
    const result = await run([...SCOPE, `${api.url}/prod/hello`], { env });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('x-amz-security-token:[redacted]');
    expect(result.stderr).toMatch(/the secret access key is wrong/);
    expectNoSecrets(result.stdout + result.stderr, [env.AWS_SECRET_ACCESS_KEY, ...SECRETS]);
  });

  it('a wrong secret on a Lambda URL (no canonical string in the answer): the generic mismatch causes', async () => {
    const env = { ...ENV, AWS_SECRET_ACCESS_KEY: 'not-the-right-secret-key-for-this-access-key' };
    const result = await run(
      ['--service', 'lambda', '--region', REGION, '-d', '{}', `${lambda.url}/`],
      { env },
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /likely cause: the signature does not match\. Most often the secret access key does not belong/,
    );
    expect(result.stderr).toMatch(/x-amz-content-sha256 against the body/);
  });

  it('a server clock 10 minutes ahead: "Signature expired" and the measured offset', async () => {
    const result = await run([...SCOPE, `${future.url}/prod/hello`]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /403 InvalidSignatureException: Signature expired: \d{8}T\d{6}Z is now earlier than/,
    );
    expect(result.stderr).toMatch(
      /likely cause: clock skew: the server's clock is \d+ s \(\d+ min \d+ s\) ahead of this machine's/,
    );
    const offset = Number(/offset \+(\d+) s\)/.exec(result.stderr)?.[1]);
    expect(offset).toBeGreaterThanOrEqual(598);
    expect(offset).toBeLessThanOrEqual(602);
    expect(result.stderr).toMatch(/fix: synchronise this machine's clock/);
  });

  it('a local clock 10 minutes ahead: "Signature not yet current" and the offset the other way', async () => {
    const result = await run([...SCOPE, `${api.url}/prod/hello`], {
      clock: () => new Date(Date.now() + 10 * 60 * 1000),
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Signature not yet current/);
    expect(result.stderr).toMatch(
      /the server's clock is \d+ s \(\d+ min \d+ s\) behind this machine's/,
    );
    const offset = Number(/offset -(\d+) s\)/.exec(result.stderr)?.[1]);
    expect(offset).toBeGreaterThanOrEqual(598);
    expect(offset).toBeLessThanOrEqual(602);
  });

  it('the wrong region: names the region and says to pass --region', async () => {
    const result = await run([
      '--service',
      'execute-api',
      '--region',
      'eu-west-1',
      `${api.url}/prod/hello`,
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Credential should be scoped to a valid region, not 'eu-west-1'/);
    expect(result.stderr).toMatch(
      /likely cause: wrong credential scope: the request was signed for execute-api in eu-west-1/,
    );
    expect(result.stderr).toMatch(/fix: pass the endpoint's region \(`region`, --region;/);
  });

  it('the wrong service: says which --service the endpoint wants', async () => {
    const result = await run(['--service', 'lambda', '--region', REGION, `${api.url}/prod/hello`]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /fix: pass service execute-api \(`service`, --service; the request was signed for lambda\)/,
    );
  });

  it('an unknown access key: says AWS does not know it', async () => {
    const env = {
      AWS_ACCESS_KEY_ID: 'AKIDUNKNOWNEXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'some-secret-for-an-unknown-key',
    };
    const result = await run([...SCOPE, `${api.url}/prod/hello`], { env });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /UnrecognizedClientException: The security token included in the request is invalid\./,
    );
    expect(result.stderr).toMatch(/AWS does not know access key AKID…MPLE/);
    expectNoSecrets(result.stdout + result.stderr, [env.AWS_SECRET_ACCESS_KEY]);
  });

  it('a wrong session token: says the token is expired or belongs to another key', async () => {
    const env = { ...TOKEN_ENV, AWS_SESSION_TOKEN: 'FwoGZXIvYXdzEXPIREDTOKENEXAMPLE0123456789' };
    const result = await run([...SCOPE, `${api.url}/prod/hello`], { env });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /likely cause: the session token is expired or does not belong to access key/,
    );
    expectNoSecrets(result.stdout + result.stderr, [env.AWS_SESSION_TOKEN, ...SECRETS]);
  });

  it('an IAM policy denial on API Gateway names execute-api:Invoke and the resource', async () => {
    const denying = await startIamEmulator({
      emulate: 'apigateway-rest',
      region: REGION,
      credentials: [CREDENTIALS],
      resolver: () => ({
        status: 403,
        headers: {
          'content-type': 'application/json',
          'x-amzn-ErrorType': 'AccessDeniedException',
        },
        body: JSON.stringify({
          Message:
            'User: arn:aws:iam::123456789012:user/ada is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:us-east-1:********7890:abc123/prod/GET/hello',
        }),
      }),
    });
    try {
      const result = await run([...SCOPE, `${denying.url}/prod/hello`]);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(
        /likely cause: the signature is valid but IAM denies it: arn:aws:iam::123456789012:user\/ada lacks execute-api:Invoke on arn:aws:execute-api:us-east-1:\*+7890:abc123\/prod\/GET\/hello/,
      );
      expect(result.stderr).toMatch(/fix: allow execute-api:Invoke/);
    } finally {
      await denying.close();
    }
  });

  it('a Lambda function URL "Forbidden" to a signed request names lambda:InvokeFunctionUrl', async () => {
    const denying = await startIamEmulator({
      emulate: 'lambda-url',
      region: REGION,
      credentials: [CREDENTIALS],
      resolver: () => ({
        status: 403,
        headers: {
          'content-type': 'application/json',
          'x-amzn-ErrorType': 'AccessDeniedException',
        },
        body: JSON.stringify({ Message: 'Forbidden' }),
      }),
    });
    try {
      const result = await run(['--service', 'lambda', '--region', REGION, `${denying.url}/`]);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(
        /lacks lambda:InvokeFunctionUrl on arn:aws:lambda:us-east-1:<account-id>:function:<function-name>/,
      );
      expect(result.stderr).toMatch(/resource-based policy/);
    } finally {
      await denying.close();
    }
  });

  it('a 404 is an HTTP error (exit 1) with no 403 explanation', async () => {
    const missing = await startIamEmulator({
      emulate: 'apigateway-http',
      credentials: [CREDENTIALS],
      resolver: () => ({ status: 404, body: 'no such item' }),
    });
    try {
      const result = await run([...SCOPE, `${missing.url}/items/42`]);
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('no such item');
      expect(result.stderr).toBe('');
    } finally {
      await missing.close();
    }
  });
});

describe('errors before or instead of an answer', () => {
  it("an unknown host without --service/--region exits 3 with core's message", async () => {
    const result = await run([`${api.url}/prod/hello`]);
    expect(result.code).toBe(3);
    // CLI words: the flags, not core's "Pass the service ... in the options".
    expect(result.stderr).toBe(
      'sigv4: cannot tell which AWS service and region host "127.0.0.1" belongs to.\n' +
        'sigv4: hint: pass --service NAME and --region REGION (e.g. --service execute-api --region eu-west-1).\n',
    );
    expect(result.stdout).toBe('');
  });

  it('the region may come from AWS_REGION when --service is given', async () => {
    const result = await run(['--service', 'execute-api', `${api.url}/prod/hello`], {
      env: { ...ENV, AWS_REGION: REGION },
    });
    expect(result.code).toBe(0);
    expect(verified(last(api)).region).toBe(REGION);
  });

  it('--profile reads the profile from the credentials file (fromIni)', async () => {
    const { dir, remove } = await tempDir();
    try {
      const credentialsFile = join(dir, 'credentials');
      await writeFile(
        credentialsFile,
        `[default]\naws_access_key_id = AKIDWRONGDEFAULTEXAMPLE\naws_secret_access_key = wrong-default-secret-key-0000\n\n[dev]\naws_access_key_id = ${TOKEN_CREDENTIALS.accessKeyId}\naws_secret_access_key = ${TOKEN_CREDENTIALS.secretAccessKey}\naws_session_token = ${TOKEN_CREDENTIALS.sessionToken}\n`,
      );
      const env = {
        // The environment's keys must not win over an explicit --profile.
        ...ENV,
        AWS_SHARED_CREDENTIALS_FILE: credentialsFile,
        AWS_CONFIG_FILE: join(dir, 'config'),
      };
      const result = await run([...SCOPE, '--profile', 'dev', '-v', `${api.url}/prod/hello`], {
        env,
      });
      expect(result.code).toBe(0);
      expect(verified(last(api)).accessKeyId).toBe(TOKEN_CREDENTIALS.accessKeyId);
      expect(result.stderr).toMatch(
        /credentials: access key ASIA…EY01 from profile "dev", with a session token/,
      );
      // The secret and token came from the file, not the environment: still redacted.
      expectNoSecrets(result.stdout + result.stderr, SECRETS);
    } finally {
      await remove();
    }
  });

  it('a --profile that does not exist exits 3, names the profile and says how to fix it', async () => {
    const { dir, remove } = await tempDir();
    try {
      const env = {
        AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'),
        AWS_CONFIG_FILE: join(dir, 'config'),
      };
      await writeFile(env.AWS_SHARED_CREDENTIALS_FILE, '[other]\naws_access_key_id = AKIAOTHER\n');
      const result = await run([...SCOPE, '--profile', 'nobody', `${api.url}/prod/hello`], { env });
      expect(result.code).toBe(3);
      expect(result.stderr).toMatch(
        /^sigv4: GET http:\/\/127\.0\.0\.1:\d+\/prod\/hello: no credentials for profile "nobody": .*\[nobody\]/,
      );
      expect(result.stderr).toMatch(/aws sso login --profile nobody/);
      expect(result.stderr).toMatch(/\nsigv4: hint: .*or pass --profile NAME\.\n$/);
      expect(result.stderr).not.toMatch(/\[sigv4\]|in the options|provider/);
    } finally {
      await remove();
    }
  });

  it('a refused connection exits 4 with the reason', async () => {
    const port = await new Promise<number>((resolve) => {
      const server = createServer();
      server.listen(0, '127.0.0.1', () => {
        const address = server.address();
        const free = typeof address === 'object' && address ? address.port : 0;
        server.close(() => resolve(free));
      });
    });
    const result = await run([...SCOPE, `http://127.0.0.1:${port}/prod/hello`]);
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(
      /GET http:\/\/127\.0\.0\.1:\d+\/prod\/hello: no response \(fetch failed: .*ECONNREFUSED/,
    );
  });
});
