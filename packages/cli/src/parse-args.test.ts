import { describe, expect, it } from 'vitest';
import { parseCommand, parseHeader, withScheme } from './parse-args.js';
import { UsageError } from './usage-error.js';

const URL = 'https://abc123.execute-api.eu-west-1.amazonaws.com/prod/items';

describe('parseCommand', () => {
  const table: ReadonlyArray<readonly [readonly string[], Record<string, unknown>]> = [
    [
      [URL],
      { kind: 'request', method: 'GET', url: URL, headers: [], include: false, verbose: false },
    ],
    [
      ['-d', 'a=1', URL],
      { kind: 'request', method: 'POST', data: { kind: 'inline', text: 'a=1' } },
    ],
    [
      ['-XPUT', '-d', '@body.json', URL],
      { method: 'PUT', data: { kind: 'file', path: 'body.json' } },
    ],
    [['-X', 'patch', '-d', '@-', URL], { method: 'PATCH', data: { kind: 'stdin' } }],
    [['-d', '', URL], { method: 'POST', data: { kind: 'inline', text: '' } }],
    [
      ['-H', 'Content-Type: application/json', '-H', 'X-Empty:', '-H', 'X-Colon: a:b', URL],
      {
        headers: [
          ['Content-Type', 'application/json'],
          ['X-Empty', ''],
          ['X-Colon', 'a:b'],
        ],
      },
    ],
    [
      ['-iv', '--service', 'lambda', '--region', 'us-east-1', '--profile', 'dev', URL],
      { include: true, verbose: true, service: 'lambda', region: 'us-east-1', profile: 'dev' },
    ],
    [['--version'], { kind: 'version' }],
    [['presign', URL], { kind: 'presign', method: 'GET', url: URL, query: [] }],
    [
      [
        'presign',
        '--expires',
        '900',
        '--query',
        'a=1',
        '--query',
        'flag',
        '--query',
        'e=x=y',
        '-X',
        'put',
        URL,
      ],
      {
        kind: 'presign',
        method: 'PUT',
        expires: 900,
        query: [
          ['a', '1'],
          ['flag', ''],
          ['e', 'x=y'],
        ],
      },
    ],
    [['emulate'], { kind: 'emulate', port: 0, emulate: 'apigateway-rest' }],
    [
      [
        'emulate',
        '--port',
        '4566',
        '--emulate',
        'lambda-url',
        '--region',
        'eu-west-1',
        '--service',
        'lambda',
      ],
      {
        kind: 'emulate',
        port: 4566,
        emulate: 'lambda-url',
        region: 'eu-west-1',
        service: 'lambda',
      },
    ],
    [['help', 'emulate'], { kind: 'help', topic: 'emulate' }],
    [['emulate', '--cors'], { kind: 'emulate', cors: true }],
    [['emulate', '--cors', '--port', '4566'], { kind: 'emulate', port: 4566, cors: true }],
    [
      ['emulate', '--cors', 'http://localhost:5173', 'HTTP://127.0.0.1:3000/', '--port', '1'],
      { kind: 'emulate', port: 1, cors: ['http://localhost:5173', 'http://127.0.0.1:3000'] },
    ],
    [
      ['emulate', '--cors=http://localhost:5173', '--region', 'eu-west-1'],
      { kind: 'emulate', region: 'eu-west-1', cors: ['http://localhost:5173'] },
    ],
  ];
  it.each(table)('%j', (argv, expected) => {
    expect(parseCommand(argv)).toMatchObject(expected);
  });

  it('is strict: an unknown option is an error even next to --help', () => {
    expect(() => parseCommand(['--help', '--nope'])).toThrow(/^unknown option --nope\.$/);
  });

  it('emulate --cors: origins only right after it, and real origins only', () => {
    expect(parseCommand(['emulate'])).not.toHaveProperty('cors');
    expect(() => parseCommand(['emulate', 'http://localhost:5173'])).toThrow(
      /emulate takes no arguments, got "http:\/\/localhost:5173"\. Origins go right after --cors/,
    );
    expect(() => parseCommand(['emulate', '--cors', 'http://localhost:5173/app'])).toThrow(
      /--cors "http:\/\/localhost:5173\/app" is not an origin/,
    );
    expect(() => parseCommand(['emulate', '--cors', 'localhost'])).toThrow(/is not an origin/);
  });

  it('leaves out options that were not given (exactOptionalPropertyTypes)', () => {
    const command = parseCommand([URL]);
    expect(Object.keys(command).sort()).toEqual([
      'crossOriginRedirect',
      'headers',
      'include',
      'insecure',
      'kind',
      'location',
      'method',
      'showError',
      'silent',
      'url',
      'verbose',
    ]);
  });

  it('reads the transfer flags as curl does', () => {
    expect(
      parseCommand(['-sSL', '-o', 'out.bin', '-m', '2.5', '--connect-timeout', '3', URL]),
    ).toMatchObject({
      silent: true,
      showError: true,
      location: true,
      output: 'out.bin',
      maxTimeMs: 2500,
      connectTimeoutMs: 3000,
      crossOriginRedirect: 'unsigned',
    });
    expect(parseCommand(['-o', '-', URL])).not.toHaveProperty('output');
    expect(parseCommand(['-L', '--cross-origin-redirect', 'refuse', URL])).toMatchObject({
      crossOriginRedirect: 'refuse',
    });
  });

  it('usage errors name the help page of their command', () => {
    try {
      parseCommand(['presign', '--expires', '-1', URL]);
      expect.unreachable('should throw');
    } catch (error) {
      expect(error).toBeInstanceOf(UsageError);
      expect((error as UsageError).topic).toBe('presign');
    }
  });
});

describe('parseHeader', () => {
  it.each([
    ['Accept: text/plain', ['Accept', 'text/plain']],
    ['  X-Trim  :   spaced value  ', ['X-Trim', 'spaced value']],
    ['x-amz-meta-a:b', ['x-amz-meta-a', 'b']],
  ] as const)('%j', (raw, expected) => {
    expect(parseHeader(raw)).toEqual(expected);
  });

  it.each([
    'no colon',
    ': value',
    'bad name: x',
    'Host: evil',
    'X-Amz-Date: 1',
    'x-amz-security-token: t',
  ])('refuses %j', (raw) => {
    expect(() => parseHeader(raw)).toThrow(UsageError);
  });
});

describe('withScheme: URLs as curl reads them', () => {
  it.each([
    ['127.0.0.1:4566/prod/x', 'http://127.0.0.1:4566/prod/x'],
    ['localhost:4566/x?a=1', 'http://localhost:4566/x?a=1'],
    ['[::1]:4566/x', 'http://[::1]:4566/x'],
    ['api.example.com/items', 'http://api.example.com/items'],
    // AWS serves only HTTPS; plain HTTP would carry the signature and token in clear.
    [
      'abc123.execute-api.eu-west-1.amazonaws.com/prod/items',
      'https://abc123.execute-api.eu-west-1.amazonaws.com/prod/items',
    ],
    ['abc.lambda-url.eu-west-1.on.aws/', 'https://abc.lambda-url.eu-west-1.on.aws/'],
    // Left as they are: a scheme, or not a host at all.
    ['https://127.0.0.1/x', 'https://127.0.0.1/x'],
    ['HTTP://127.0.0.1/x', 'HTTP://127.0.0.1/x'],
    ['file:///etc/passwd', 'file:///etc/passwd'],
    ['mailto:someone', 'mailto:someone'],
    ['/prod/items', '/prod/items'],
    ['', ''],
  ])('%j -> %j', (raw, expected) => {
    expect(withScheme(raw)).toBe(expected);
  });
});
