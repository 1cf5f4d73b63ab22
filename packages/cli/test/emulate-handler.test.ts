/** `sigv4 emulate --handler FILE`: a Lambda handler answers verified requests with AWS's event. */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../src/main.js';
import { collector, run } from './helpers.js';

const EXAMPLE_ENV = {
  AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
};
const HANDLER = fileURLToPath(new URL('./fixtures/caller-handler.mjs', import.meta.url));

describe('sigv4 emulate --handler', () => {
  it('the handler receives the REST proxy event with the verified caller and answers', async () => {
    const stdout = collector();
    const stderr = collector();
    const controller = new AbortController();
    const exit = main(['emulate', '--handler', HANDLER], {
      stdout,
      stderr,
      env: {},
      signal: controller.signal,
    });
    let url: string | undefined;
    for (let i = 0; i < 100 && url === undefined; i++) {
      url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout.text())?.[1];
      if (url === undefined) await new Promise((r) => setTimeout(r, 20));
    }
    try {
      expect(url, stderr.text()).toBeDefined();
      expect(stdout.text()).toContain('answers verified requests');
      const ok = await run(
        ['--service', 'execute-api', '--region', 'us-east-1', `${url}/prod/orders/42`],
        { env: EXAMPLE_ENV },
      );
      expect(ok.code).toBe(0);
      expect(JSON.parse(ok.stdout)).toEqual({
        caller: 'arn:aws:iam::123456789012:user/AKIDEXAMPLE',
        accessKey: 'AKIDEXAMPLE',
        path: '/orders/42',
        stage: 'prod',
      });
      const unsigned = await fetch(`${url}/prod/orders/42`);
      expect(unsigned.status).toBe(403);
    } finally {
      controller.abort();
      expect(await exit).toBe(0);
    }
  });

  it('a file without a handler export is a usage error (exit 2) that says what to export', async () => {
    const result = await run([
      'emulate',
      '--handler',
      fileURLToPath(new URL('./helpers.ts', import.meta.url)),
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/exports no function named handler/);
  });

  it('a file that does not exist is a usage error (exit 2)', async () => {
    const result = await run(['emulate', '--handler', './no-such-handler.mjs']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /--handler \.\/no-such-handler\.mjs: cannot load it \(ERR_MODULE_NOT_FOUND\)/,
    );
  });
});
