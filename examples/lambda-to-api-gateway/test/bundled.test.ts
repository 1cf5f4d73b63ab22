import { execFile } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { type IamEmulator, startIamEmulator } from '@sigv4/msw/server';
import { build } from 'esbuild';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { lambdaBundle } from '../build.mjs';

// How the README says to deploy it: one minified esbuild bundle with `@aws-sdk/*` external (the
// Node.js Lambda runtime ships AWS SDK v3), no node_modules beside it. Built from the published
// form of the packages (their dist), run in a fresh Node process.
const run = promisify(execFile);
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const role = {
  accessKeyId: 'ASIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  sessionToken: 'IQoJb3JpZ2luX2VjEXAMPLE-bundled-session-token==',
};
/** The size README.md reports; the budget is 100 KB. */
const BUDGET_BYTES = 100 * 1024;

let emulator: IamEmulator;
let dir: string;
beforeAll(async () => {
  emulator = await startIamEmulator({ emulate: 'apigateway-rest', credentials: [role] });
  dir = mkdtempSync(join(tmpdir(), 'sigv4-lambda-bundle-'));
});
afterAll(async () => {
  await emulator.close();
  rmSync(dir, { recursive: true, force: true });
});

async function bundle(format: 'esm' | 'cjs', into: string): Promise<string> {
  const file = join(into, format === 'esm' ? 'index.mjs' : 'index.cjs');
  const result = await build({ ...lambdaBundle(format, file), metafile: true });
  const inputs = Object.keys(result.metafile.inputs);
  // Nothing of the AWS SDK is inside: the runtime has it.
  expect(inputs.filter((path) => path.includes('node_modules/@aws-sdk/'))).toEqual([]);
  // smithy's signer is inside @sigv4/core's build (bundled there, tree-shaken), not a package
  // the bundle resolves: nothing of @smithy/* is taken from node_modules, nor from NODE_PATH.
  expect(inputs.filter((path) => path.includes('node_modules/@smithy/'))).toEqual([]);
  expect(inputs.some((path) => /packages\/core\/dist\//.test(path))).toBe(true);
  return file;
}

async function invoke(file: string, cwd: string, env: Record<string, string>) {
  const runner = join(cwd, 'run.mjs');
  writeFileSync(
    runner,
    [
      `import { routeToEmulator } from ${JSON.stringify(here('./route-to-emulator.mjs'))};`,
      'globalThis.fetch = routeToEmulator(process.env.EMULATOR_URL);',
      `const { handler } = await import(${JSON.stringify(file)});`,
      "process.stdout.write(JSON.stringify(await handler({ orderId: '7' })));",
    ].join('\n'),
  );
  const { stdout } = await run(process.execPath, [runner], {
    cwd,
    timeout: 30_000,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: cwd, // no ~/.aws of the machine running the test
      AWS_EC2_METADATA_DISABLED: 'true',
      ORDERS_API_URL: 'https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/prod',
      EMULATOR_URL: emulator.url,
      ...env,
    },
  });
  return JSON.parse(stdout) as { statusCode: number };
}

it.each(['esm', 'cjs'] as const)(
  'the %s bundle is under 100 KB minified and signs with the role credentials of the environment',
  async (format) => {
    const into = join(dir, format);
    mkdirSync(into);
    const file = await bundle(format, into);
    expect(statSync(file).size).toBeLessThan(BUDGET_BYTES);
    // No node_modules at all: with credentials in the environment nothing of the SDK is loaded.
    const result = await invoke(file, into, {
      AWS_ACCESS_KEY_ID: role.accessKeyId,
      AWS_SECRET_ACCESS_KEY: role.secretAccessKey,
      AWS_SESSION_TOKEN: role.sessionToken,
    });
    expect(result).toMatchObject({ statusCode: 200 });
    const arrived = emulator.requests.at(-1);
    expect(arrived?.raw.target).toBe('/prod/orders/7');
    expect(arrived?.result).toMatchObject({
      ok: true,
      identity: { accessKeyId: role.accessKeyId },
    });
  },
);

it('without credentials in the environment the bundle uses the SDK default chain the runtime provides', async () => {
  const into = join(dir, 'chain');
  mkdirSync(join(into, 'node_modules', '@aws-sdk'), { recursive: true });
  // As /var/runtime/node_modules does in Lambda: the AWS SDK beside the function, not in it.
  const fromCore = createRequire(join(here('../../../packages/core'), 'package.json'));
  const provider = dirname(
    realpathSync(fromCore.resolve('@aws-sdk/credential-provider-node/package.json')),
  );
  symlinkSync(provider, join(into, 'node_modules', '@aws-sdk', 'credential-provider-node'), 'dir');
  const file = await bundle('esm', into);
  writeFileSync(
    join(into, 'credentials'),
    `[default]\naws_access_key_id = ${role.accessKeyId}\naws_secret_access_key = ${role.secretAccessKey}\naws_session_token = ${role.sessionToken}\n`,
  );
  writeFileSync(join(into, 'config'), '[default]\nregion = eu-west-1\n');
  const result = await invoke(file, into, {
    AWS_SHARED_CREDENTIALS_FILE: join(into, 'credentials'),
    AWS_CONFIG_FILE: join(into, 'config'),
  });
  expect(result).toMatchObject({ statusCode: 200 });
  expect(emulator.requests.at(-1)?.result).toMatchObject({
    ok: true,
    identity: { accessKeyId: role.accessKeyId },
  });
  expect(readFileSync(file, 'utf8')).toContain('@aws-sdk/credential-provider-node');
});

it('a bundle signs with its own smithy, never one the runtime has on NODE_PATH', async () => {
  const into = join(dir, 'node-path');
  // As the Lambda runtime's NODE_PATH does: a directory of packages (here a smithy that leaves a
  // mark when it is loaded, then behaves as smithy) outside the function.
  const runtime = join(into, 'runtime', 'node_modules');
  const fake = join(runtime, '@smithy', 'signature-v4');
  mkdirSync(fake, { recursive: true });
  const fromCore = createRequire(join(here('../../../packages/core'), 'package.json'));
  const real = fromCore.resolve('@smithy/signature-v4');
  const mark = join(into, 'loaded-from-node-path');
  writeFileSync(join(fake, 'package.json'), '{"name":"@smithy/signature-v4","main":"index.js"}');
  writeFileSync(
    join(fake, 'index.js'),
    `require('node:fs').writeFileSync(${JSON.stringify(mark)}, 'x');\nmodule.exports = require(${JSON.stringify(real)});\n`,
  );
  const file = await bundle('esm', into);
  const result = await invoke(file, into, {
    NODE_PATH: runtime,
    AWS_ACCESS_KEY_ID: role.accessKeyId,
    AWS_SECRET_ACCESS_KEY: role.secretAccessKey,
    AWS_SESSION_TOKEN: role.sessionToken,
  });
  expect(result).toMatchObject({ statusCode: 200 });
  expect(emulator.requests.at(-1)?.result).toMatchObject({ ok: true });
  expect(existsSync(mark)).toBe(false);
});

it('without credentials and without the AWS SDK beside it, the message names the package to install', async () => {
  const into = join(dir, 'no-sdk');
  mkdirSync(into);
  const file = await bundle('esm', into);
  const runner = join(into, 'run.mjs');
  writeFileSync(
    runner,
    [
      `const { handler } = await import(${JSON.stringify(file)});`,
      "try { await handler({ orderId: '7' }); process.stdout.write('{}'); }",
      'catch (e) { process.stdout.write(JSON.stringify({ code: e.code, message: e.message })); }',
    ].join('\n'),
  );
  const { stdout } = await run(process.execPath, [runner], {
    cwd: into,
    timeout: 30_000,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: into,
      AWS_EC2_METADATA_DISABLED: 'true',
      ORDERS_API_URL: 'https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/prod',
    },
  });
  const error = JSON.parse(stdout) as { code?: string; message?: string };
  expect(error.code).toBe('ERR_SIGV4_CREDENTIALS_MISSING');
  // The message itself, not only its `cause`, says what is missing and how to fix it.
  expect(error.message).toContain(
    'the AWS SDK default chain is not available: @aws-sdk/credential-provider-node is not installed where this code runs',
  );
  expect(error.message).toContain('npm install @aws-sdk/credential-provider-node');
  expect(error.message).toContain('AWS_ACCESS_KEY_ID');
});
