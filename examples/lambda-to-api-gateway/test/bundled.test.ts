import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { type IamEmulator, startIamEmulator } from '@sigv4/msw/server';
import { build } from 'esbuild';
import { afterAll, beforeAll, expect, it } from 'vitest';

// How Lambda functions are usually deployed: one esbuild bundle, no node_modules beside it.
// Built from the published form of the packages (their dist), run in a fresh Node process.
const run = promisify(execFile);
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const role = {
  accessKeyId: 'ASIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  sessionToken: 'IQoJb3JpZ2luX2VjEXAMPLE-bundled-session-token==',
};

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

it.each(['esm', 'cjs'] as const)('the handler works as a single %s bundle', async (format) => {
  const file = join(dir, format === 'esm' ? 'index.mjs' : 'index.cjs');
  await build({
    entryPoints: [here('../src/handler.mjs')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format,
    outfile: file,
    logLevel: 'silent',
  });
  const runner = join(dir, `run-${format}.mjs`);
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
    cwd: dir,
    timeout: 30_000,
    env: {
      PATH: process.env.PATH ?? '',
      AWS_ACCESS_KEY_ID: role.accessKeyId,
      AWS_SECRET_ACCESS_KEY: role.secretAccessKey,
      AWS_SESSION_TOKEN: role.sessionToken,
      ORDERS_API_URL: 'https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/prod',
      EMULATOR_URL: emulator.url,
    },
  });
  expect(JSON.parse(stdout)).toMatchObject({ statusCode: 200 });
  const arrived = emulator.requests.at(-1);
  expect(arrived?.raw.target).toBe('/prod/orders/7');
  expect(arrived?.result).toMatchObject({ ok: true, identity: { accessKeyId: role.accessKeyId } });
});
