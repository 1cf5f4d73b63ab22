import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { EXIT } from '../src/exit-codes.js';
import {
  EMULATE_OPTIONS,
  type OptionSpec,
  PRESIGN_OPTIONS,
  REQUEST_OPTIONS,
} from '../src/parse-args.js';
import { run } from './helpers.js';

const URL = 'https://abc123.execute-api.eu-west-1.amazonaws.com/prod/items';

/** Every ' and " opens and closes (apostrophes inside words aside). */
function balancedQuotes(text: string): boolean {
  const withoutApostrophes = text.replace(/(?<=\w)'(?=\w)/g, '');
  const count = (quote: string) => withoutApostrophes.split(quote).length - 1;
  return count("'") % 2 === 0 && count('"') % 2 === 0;
}

describe('usage errors exit 2 with what to do', () => {
  const cases: ReadonlyArray<readonly [string, readonly string[], RegExp]> = [
    ['no arguments', [], /no URL given\. Usage: sigv4 \[options\] URL/],
    ['an unknown option', ['--nope', URL], /^sigv4: unknown option --nope\.\n/],
    [
      'a missing option value',
      [URL, '-X'],
      /^sigv4: -X\/--request needs a value: --request METHOD\.\n/,
    ],
    ['a flag given a value', ['--include=yes', URL], /--include takes no value/],
    [
      'a header with a line break (CR/LF)',
      ['-H', 'X-A: 1\r\nX-Injected: 2', URL],
      /^sigv4: -H "X-A: 1\\r\\nX-Injected: 2" contains a line break \(CR or LF\)/,
    ],
    ['a header with a bare LF', ['-H', 'X-A: 1\nb', URL], /-H .* contains a line break/],
    [
      '-X TRACE',
      ['-X', 'TRACE', URL],
      /^sigv4: -X TRACE: sigv4 cannot send CONNECT, TRACE or TRACK/,
    ],
    ['-X connect (any case)', ['-X', 'connect', URL], /-X connect: sigv4 cannot send/],
    ['-X TRACK', ['-X', 'TRACK', URL], /-X TRACK: sigv4 cannot send/],
    [
      '--max-time abc',
      ['--max-time', 'abc', URL],
      /--max-time "abc" must be a number of seconds above 0/,
    ],
    [
      '--max-time 0',
      ['--max-time', '0', URL],
      /--max-time "0" must be a number of seconds above 0/,
    ],
    [
      '--connect-timeout -1',
      ['--connect-timeout=-1', URL],
      /--connect-timeout "-1" must be a number of seconds/,
    ],
    [
      '--cross-origin-redirect bogus',
      ['-L', '--cross-origin-redirect', 'bogus', URL],
      /--cross-origin-redirect "bogus" is not unsigned or refuse/,
    ],
    ['-o with an empty name', ['-o', '', URL], /-o needs a file name/],
    ['two URLs', [URL, URL], /expected one URL, got 2 arguments/],
    ['a relative URL', ['/prod/items'], /"\/prod\/items" is not an absolute URL\. Pass a full URL/],
    ['an ftp URL', ['ftp://example.com/x'], /cannot send a ftp: URL/],
    [
      'a header without a colon',
      ['-H', 'Accept application/json', URL],
      /is not a header\. Write it as -H 'Name: value'/,
    ],
    [
      'a header sigv4 sets itself',
      ['-H', 'Authorization: Bearer x', URL],
      /-H Authorization: sigv4 sets this header itself/,
    ],
    [
      'a GET with a body',
      ['-X', 'GET', '-d', 'x', URL],
      /a GET request cannot carry a body \(-d\)/,
    ],
    ['-d twice', ['-d', 'a', '-d', 'b', URL], /-d\/--data-raw was given 2 times/],
    [
      'an unreadable -d @file',
      ['-d', '@/nonexistent/sigv4-body.json', URL],
      /cannot read -d @\/nonexistent\/sigv4-body\.json \(ENOENT\)/,
    ],
    ['a bad method', ['-X', 'GE T', URL], /is not an HTTP method/],
    ['an empty --region', ['--region', '', URL], /--region needs a non-empty value/],
  ];
  it.each(cases)('%s', async (_name, argv, message) => {
    const result = await run(argv);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toMatch(/\nsigv4: hint: run 'sigv4 --help' for the options\.\n$/);
    // Two lines, one style: what is wrong, then the hint.
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(2);
    expect(result.stderr).not.toMatch(/\[sigv4\]|Error:|\n\s+at /);
    expect(balancedQuotes(result.stderr), result.stderr).toBe(true);
    expect(result.stdout).toBe('');
  });

  const subcommandCases: ReadonlyArray<readonly [string, readonly string[], RegExp, string]> = [
    [
      'presign --expires 0',
      ['presign', '--expires', '0', URL],
      /--expires "0" must be a whole number of seconds from 1 to 604800/,
      'presign',
    ],
    ['presign --expires abc', ['presign', '--expires', 'abc', URL], /--expires "abc"/, 'presign'],
    ['presign --query without a name', ['presign', '--query', '=x', URL], /has no name/, 'presign'],
    ['presign without a URL', ['presign'], /no URL given/, 'presign'],
    [
      'emulate --emulate bogus',
      ['emulate', '--emulate', 'bogus'],
      /is not one of apigateway-rest, apigateway-http, lambda-url/,
      'emulate',
    ],
    ['emulate --port 70000', ['emulate', '--port', '70000'], /--port "70000" must be 0/, 'emulate'],
    ['emulate with an argument', ['emulate', URL], /emulate takes no arguments/, 'emulate'],
  ];
  it.each(subcommandCases)('%s', async (_name, argv, message, topic) => {
    const result = await run(argv);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toContain(`sigv4: hint: run 'sigv4 ${topic} --help' for the options.`);
  });
});

/** Every option of a table as it must appear in help: `--name` and `-x, --name` for shorts. */
function expectDocumented(help: string, options: Record<string, OptionSpec>): void {
  for (const [name, spec] of Object.entries(options)) {
    expect(help, `--${name}`).toMatch(new RegExp(`(^|\\s)--${name}\\b`, 'm'));
    if (spec.short) expect(help, `-${spec.short}`).toContain(`-${spec.short}, --${name}`);
    if (spec.value) expect(help, `--${name} ${spec.value}`).toContain(`--${name} ${spec.value}`);
  }
}

describe('the README', () => {
  it('documents every request flag and every exit code', async () => {
    const readme = await readFile(new globalThis.URL('../README.md', import.meta.url), 'utf8');
    for (const [name, spec] of Object.entries(REQUEST_OPTIONS) as Array<[string, OptionSpec]>) {
      expect(readme, `--${name}`).toContain(spec.short ? `-${spec.short}, --${name}` : `--${name}`);
    }
    for (const code of Object.values(EXIT))
      expect(readme).toMatch(new RegExp(`^\\| ${code} +\\|`, 'm'));
  });
});

describe('--help and --version', () => {
  it('--help lists every request option, the subcommands and every exit code', async () => {
    const result = await run(['--help']);
    expect(result.code).toBe(0);
    expectDocumented(result.stdout, REQUEST_OPTIONS);
    expect(result.stdout).toContain('sigv4 presign [options] URL');
    expect(result.stdout).toContain('sigv4 emulate [options]');
    for (const code of Object.values(EXIT))
      expect(result.stdout).toMatch(new RegExp(`^  ${code} +\\S`, 'm'));
    expect(result.stdout).toContain('execute-api:Invoke');
  });

  it('-h works too, and help wins over a missing URL', async () => {
    expect((await run(['-h'])).stdout).toBe((await run(['--help'])).stdout);
    expect((await run(['-X', 'POST', '--help'])).code).toBe(0);
  });

  it('presign --help lists every presign option', async () => {
    const result = await run(['presign', '--help']);
    expect(result.code).toBe(0);
    expectDocumented(result.stdout, PRESIGN_OPTIONS);
    expect(result.stdout).toMatch(/Exit codes:/);
  });

  it('emulate --help lists every emulate option', async () => {
    const result = await run(['emulate', '--help']);
    expect(result.code).toBe(0);
    expectDocumented(result.stdout, EMULATE_OPTIONS);
    expect(result.stdout).toContain(
      'sigv4 --service execute-api --region us-east-1 http://127.0.0.1:4566/prod/hello',
    );
  });

  it('help TOPIC is the same page', async () => {
    expect((await run(['help', 'presign'])).stdout).toBe((await run(['presign', '--help'])).stdout);
  });

  it('--version prints the package version', async () => {
    const pkg = JSON.parse(
      await readFile(new globalThis.URL('../package.json', import.meta.url), 'utf8'),
    ) as {
      version: string;
    };
    const result = await run(['--version']);
    expect(result).toMatchObject({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
  });
});
