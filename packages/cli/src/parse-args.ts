import { parseArgs } from 'node:util';
import { isAwsHost } from './aws-host.js';
import type { HelpTopic } from './usage-error.js';
import { UsageError } from './usage-error.js';

/** Where a body comes from: `-d text`, `-d @file` (bytes as they are) or `-d @-` (stdin). */
export type DataSource =
  | { readonly kind: 'inline'; readonly text: string }
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'stdin' };

/** Options every signing command shares. */
interface ScopeArgs {
  readonly service?: string;
  readonly region?: string;
  readonly profile?: string;
}

export interface RequestCommand extends ScopeArgs {
  readonly kind: 'request';
  readonly method: string;
  readonly url: string;
  /** `-H` pairs in the order given, names as typed. */
  readonly headers: ReadonlyArray<readonly [string, string]>;
  readonly data?: DataSource;
  readonly include: boolean;
  readonly verbose: boolean;
  /** `-o FILE`: write the body there instead of stdout (`-o -` is stdout). */
  readonly output?: string;
  /** `-L`: follow redirects through @sigv4/fetch's policy. */
  readonly location: boolean;
  /** `--cross-origin-redirect`: with `-L`, what a redirect to another origin gets. */
  readonly crossOriginRedirect: CrossOriginRedirect;
  /** `--max-time`, in milliseconds: the whole call, body included. */
  readonly maxTimeMs?: number;
  /** `--connect-timeout`, in milliseconds: TCP (and TLS) connection set-up. */
  readonly connectTimeoutMs?: number;
  /** `-s`: no progress meter, no notes, no error messages (unless `-S`). */
  readonly silent: boolean;
  /** `-S`: with `-s`, still print error messages. */
  readonly showError: boolean;
  /** `-k`: accept any TLS certificate (refused for AWS hosts at parse time). */
  readonly insecure: boolean;
}

/** `--cross-origin-redirect`: follow without any SigV4 header, or stop with an error. */
export type CrossOriginRedirect = 'unsigned' | 'refuse';

export interface PresignCommand extends ScopeArgs {
  readonly kind: 'presign';
  readonly method: string;
  readonly url: string;
  readonly expires?: number;
  readonly query: ReadonlyArray<readonly [string, string]>;
}

export type EmulatedService = 'apigateway-rest' | 'apigateway-http' | 'lambda-url';
export const EMULATED_SERVICES: readonly EmulatedService[] = [
  'apigateway-rest',
  'apigateway-http',
  'lambda-url',
];

export interface EmulateCommand {
  readonly kind: 'emulate';
  readonly port: number;
  readonly emulate: EmulatedService;
  readonly region?: string;
  readonly service?: string;
  /** `--cors`: `true` for any origin, else the origins allowed. Absent: CORS off. */
  readonly cors?: true | readonly string[];
}

export type Command =
  | { readonly kind: 'help'; readonly topic: HelpTopic }
  | { readonly kind: 'version' }
  | RequestCommand
  | PresignCommand
  | EmulateCommand;

/** One option as `node:util` parseArgs takes it, plus what `--help` says about it. */
export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  readonly short?: string;
  readonly multiple?: boolean;
  /** Placeholder shown in `--help` for a value. */
  readonly value?: string;
}

const scopeOptions = {
  service: { type: 'string', value: 'NAME' },
  region: { type: 'string', value: 'REGION' },
  profile: { type: 'string', value: 'PROFILE' },
} as const satisfies Record<string, OptionSpec>;

/** Options of `sigv4 [options] URL`. */
export const REQUEST_OPTIONS = {
  request: { type: 'string', short: 'X', value: 'METHOD' },
  header: { type: 'string', short: 'H', multiple: true, value: "'Name: value'" },
  data: { type: 'string', short: 'd', multiple: true, value: 'DATA|@FILE|@-' },
  'data-raw': { type: 'string', multiple: true, value: 'DATA' },
  ...scopeOptions,
  include: { type: 'boolean', short: 'i' },
  output: { type: 'string', short: 'o', value: 'FILE' },
  location: { type: 'boolean', short: 'L' },
  'cross-origin-redirect': { type: 'string', value: 'unsigned|refuse' },
  'max-time': { type: 'string', short: 'm', value: 'SECONDS' },
  'connect-timeout': { type: 'string', value: 'SECONDS' },
  insecure: { type: 'boolean', short: 'k' },
  silent: { type: 'boolean', short: 's' },
  'show-error': { type: 'boolean', short: 'S' },
  verbose: { type: 'boolean', short: 'v' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'V' },
} as const satisfies Record<string, OptionSpec>;

/** Options of `sigv4 presign [options] URL`. */
export const PRESIGN_OPTIONS = {
  expires: { type: 'string', value: 'SECONDS' },
  query: { type: 'string', multiple: true, value: 'NAME=VALUE' },
  request: { type: 'string', short: 'X', value: 'METHOD' },
  ...scopeOptions,
  help: { type: 'boolean', short: 'h' },
} as const satisfies Record<string, OptionSpec>;

/** Options of `sigv4 emulate [options]`. */
export const EMULATE_OPTIONS = {
  port: { type: 'string', value: 'PORT' },
  emulate: { type: 'string', value: EMULATED_SERVICES.join('|') },
  region: { type: 'string', value: 'REGION' },
  service: { type: 'string', value: 'NAME' },
  // `--cors` takes the origins after it (none: any origin); takeCorsOrigins collects them first.
  cors: { type: 'boolean', value: '[ORIGIN]...' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies Record<string, OptionSpec>;

/** Headers the signer sets itself; a user value would be overwritten or break the signature. */
const RESERVED_HEADERS = new Set([
  'host',
  'authorization',
  'x-amz-date',
  'x-amz-security-token',
  'x-amz-content-sha256',
]);
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** Methods fetch refuses to send (the Fetch standard's forbidden methods). */
const FORBIDDEN_METHODS = new Set(['CONNECT', 'TRACE', 'TRACK']);
/** The longest time setTimeout can wait, in seconds (2^31 - 1 ms). */
const MAX_SECONDS = 2_147_483;

/** Rewrites node:util's parse errors into one sentence that names the flag. */
function parseErrorMessage(error: unknown, options: Record<string, OptionSpec>): string {
  const message = error instanceof Error ? error.message : String(error);
  const unknown = /^Unknown option '([^']*)'/.exec(message);
  if (unknown) return `unknown option ${unknown[1]}.`;
  const missing = /^Option '(?:-(\w), )?--([\w-]+)[^']*' argument missing/.exec(message);
  if (missing) {
    const [, short, long = ''] = missing;
    const flag = short ? `-${short}/--${long}` : `--${long}`;
    return `${flag} needs a value: --${long} ${options[long]?.value ?? 'VALUE'}.`;
  }
  const noValue = /^Option '(?:-\w, )?--([\w-]+)' does not take an argument/.exec(message);
  if (noValue) return `--${noValue[1]} takes no value: write --${noValue[1]} alone.`;
  return message.split('\n')[0] ?? message;
}

/** `--max-time 2.5` -> 2500 ms, or a usage error naming the flag. */
function parseSeconds(flag: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const seconds = /^\d+(\.\d+)?$/.test(raw) ? Number(raw) : Number.NaN;
  const ms = Math.round(seconds * 1000);
  if (!Number.isFinite(seconds) || ms < 1 || seconds > MAX_SECONDS) {
    throw new UsageError(
      `${flag} ${JSON.stringify(raw)} must be a number of seconds above 0 (up to ${MAX_SECONDS}), e.g. ${flag} 30 or ${flag} 2.5.`,
    );
  }
  return ms;
}

function parseCrossOrigin(raw: string | undefined): CrossOriginRedirect {
  if (raw === undefined || raw === 'unsigned') return 'unsigned';
  if (raw === 'refuse') return 'refuse';
  throw new UsageError(
    `--cross-origin-redirect ${JSON.stringify(raw)} is not unsigned or refuse. Use --cross-origin-redirect refuse to stop at a redirect to another origin.`,
  );
}

function parse<T extends Record<string, OptionSpec>>(
  args: readonly string[],
  options: T,
  topic: HelpTopic,
) {
  // parseArgs ignores the extra `value` field; it only reads type, short and multiple.
  const config = Object.fromEntries(
    Object.entries(options).map(([name, { type, short, multiple }]) => [
      name,
      { type, ...(short ? { short } : {}), ...(multiple ? { multiple } : {}) },
    ]),
  );
  try {
    return parseArgs({ args: [...args], options: config, allowPositionals: true, strict: true });
  } catch (error) {
    // node:util throws TypeErrors with ERR_PARSE_ARGS_* codes; reworded to name the flag.
    throw new UsageError(parseErrorMessage(error, options), topic);
  }
}

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const list = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

/** `https://`, `file:`, `mailto:`: a scheme; `localhost:4566` is a host and a port. */
const SCHEME = /^[a-z][a-z0-9+.-]*:(\/\/|(?!\d))/i;

/**
 * A URL as curl reads it: without a scheme, `http://` is assumed (`127.0.0.1:4566/prod/x`,
 * `localhost:4566/x`). An AWS host gets `https://` instead: AWS serves only HTTPS, and plain
 * HTTP would carry the signed request and the session token in clear.
 */
export function withScheme(raw: string): string {
  // A host starts with a letter, a digit or `[` (IPv6): `/prod/items` is a path, not a URL.
  if (!/^[a-z0-9[]/i.test(raw) || SCHEME.test(raw)) return raw;
  let host = '';
  try {
    host = new URL(`http://${raw}`).hostname;
  } catch {
    return raw; // not a URL either way: the caller says so
  }
  return `${isAwsHost(host) ? 'https' : 'http'}://${raw}`;
}

function onePositionalUrl(positionals: readonly string[], topic: HelpTopic): string {
  if (positionals.length === 0) {
    throw new UsageError(
      'no URL given. Example: sigv4 https://abc123.execute-api.eu-west-1.amazonaws.com/prod/items',
      topic,
    );
  }
  if (positionals.length > 1) {
    throw new UsageError(
      `expected one URL, got ${positionals.length} arguments (${positionals
        .map((p) => JSON.stringify(p))
        .join(', ')}). Quote header values with spaces: -H 'Name: value'.`,
      topic,
    );
  }
  const url = withScheme(positionals[0] ?? '');
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError(
      `${JSON.stringify(url)} is not an absolute URL. Pass a full URL such as https://abc123.execute-api.eu-west-1.amazonaws.com/prod/items.`,
      topic,
    );
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new UsageError(
      `cannot send a ${parsed.protocol} URL: use an https:// (or http:// for a local server) URL.`,
      topic,
    );
  }
  return url;
}

function parseMethod(value: string | undefined, fallback: string, topic: HelpTopic): string {
  if (value === undefined) return fallback;
  if (!TOKEN.test(value)) {
    throw new UsageError(
      `-X ${JSON.stringify(value)} is not an HTTP method. Use e.g. -X POST.`,
      topic,
    );
  }
  const method = value.toUpperCase();
  if (FORBIDDEN_METHODS.has(method)) {
    throw new UsageError(
      `-X ${value}: sigv4 cannot send CONNECT, TRACE or TRACK requests (fetch forbids them). Use another method.`,
      topic,
    );
  }
  return method;
}

/** Parses `-H 'Name: value'`. */
export function parseHeader(raw: string): readonly [string, string] {
  if (/[\r\n\0]/.test(raw)) {
    throw new UsageError(
      `-H ${JSON.stringify(raw)} contains a line break (CR or LF) or a NUL: a header is one line. Give each header its own -H.`,
    );
  }
  const colon = raw.indexOf(':');
  const name = colon === -1 ? raw.trim() : raw.slice(0, colon).trim();
  if (colon === -1 || !TOKEN.test(name)) {
    throw new UsageError(
      `-H ${JSON.stringify(raw)} is not a header. Write it as -H 'Name: value', e.g. -H 'Content-Type: application/json'.`,
    );
  }
  if (RESERVED_HEADERS.has(name.toLowerCase())) {
    throw new UsageError(
      `-H ${name}: sigv4 sets this header itself when signing (host, authorization, x-amz-date, x-amz-security-token, x-amz-content-sha256). Remove it; use --service/--region/--profile to change how the request is signed.`,
    );
  }
  return [name, raw.slice(colon + 1).trim()];
}

/**
 * `-d` (`@FILE` and `@-` read a file or stdin) and `--data-raw` (the text as it is, a leading `@`
 * included, as curl): one body, given once.
 */
function parseData(data: readonly string[], raw: readonly string[]): DataSource | undefined {
  if (data.length + raw.length > 1) {
    throw new UsageError(
      `-d/--data-raw was given ${data.length + raw.length} times; give the whole body once (-d @file for a file, -d @- for stdin).`,
    );
  }
  const text = raw[0];
  if (text !== undefined) return { kind: 'inline', text };
  const value = data[0];
  if (value === undefined) return undefined;
  if (value === '@-') return { kind: 'stdin' };
  if (value.startsWith('@')) {
    if (value.length === 1)
      throw new UsageError('-d @ needs a file name: -d @body.json (or -d @- for stdin).');
    return { kind: 'file', path: value.slice(1) };
  }
  return { kind: 'inline', text: value };
}

function scopeArgs(values: Record<string, unknown>, topic: HelpTopic): ScopeArgs {
  const out: { service?: string; region?: string; profile?: string } = {};
  for (const name of ['service', 'region', 'profile'] as const) {
    const value = str(values[name]);
    if (value === undefined) continue;
    if (value.trim() === '') throw new UsageError(`--${name} needs a non-empty value.`, topic);
    out[name] = value;
  }
  return out;
}

function parseRequest(args: readonly string[]): Command {
  const { values, positionals } = parse(args, REQUEST_OPTIONS, 'request');
  if (values.help === true) return { kind: 'help', topic: 'request' };
  if (values.version === true) return { kind: 'version' };
  const url = onePositionalUrl(positionals, 'request');
  const data = parseData(list(values.data), list(values['data-raw']));
  const insecure = values.insecure === true;
  if (insecure) refuseInsecureForAws(url);
  const method = parseMethod(str(values.request), data === undefined ? 'GET' : 'POST', 'request');
  if (data !== undefined && (method === 'GET' || method === 'HEAD')) {
    throw new UsageError(
      `a ${method} request cannot carry a body (-d). Use -X POST or -X PUT, or drop -d.`,
    );
  }
  return {
    kind: 'request',
    method,
    url,
    headers: list(values.header).map(parseHeader),
    ...(data === undefined ? {} : { data }),
    ...scopeArgs(values, 'request'),
    include: values.include === true,
    verbose: values.verbose === true,
    ...output(str(values.output)),
    location: values.location === true,
    crossOriginRedirect: parseCrossOrigin(str(values['cross-origin-redirect'])),
    ...optional('maxTimeMs', parseSeconds('--max-time', str(values['max-time']))),
    ...optional(
      'connectTimeoutMs',
      parseSeconds('--connect-timeout', str(values['connect-timeout'])),
    ),
    silent: values.silent === true,
    showError: values['show-error'] === true,
    insecure,
  };
}

/**
 * `-k` is for local servers with self-signed certificates. AWS endpoints always present a valid
 * certificate, so a certificate error there means something is intercepting the connection, and
 * `-k` would hand it the signed request (replayable for minutes) and the session token.
 */
function refuseInsecureForAws(url: string): void {
  const host = new URL(url).hostname;
  if (!isAwsHost(host)) return;
  throw new UsageError(
    `-k/--insecure is refused for ${host}: AWS endpoints always present a valid certificate, so a certificate error there means something is intercepting the connection, and it would receive the signed request and session token. Drop -k; behind a corporate TLS proxy, trust its CA with NODE_EXTRA_CA_CERTS=/path/to/ca.pem.`,
  );
}

function optional<K extends string>(key: K, value: number | undefined): { [P in K]?: number } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: number };
}

/** `-o FILE`; `-o -` means stdout, as in curl. */
function output(value: string | undefined): { output?: string } {
  if (value === undefined || value === '-') return {};
  if (value === '')
    throw new UsageError('-o needs a file name: -o body.json (or -o - for stdout).');
  return { output: value };
}

function parseQueryPair(raw: string): readonly [string, string] {
  const eq = raw.indexOf('=');
  const name = eq === -1 ? raw : raw.slice(0, eq);
  if (name === '') {
    throw new UsageError(
      `--query ${JSON.stringify(raw)} has no name. Write --query name=value.`,
      'presign',
    );
  }
  return [name, eq === -1 ? '' : raw.slice(eq + 1)];
}

function parsePresign(args: readonly string[]): Command {
  const { values, positionals } = parse(args, PRESIGN_OPTIONS, 'presign');
  if (values.help === true) return { kind: 'help', topic: 'presign' };
  const url = onePositionalUrl(positionals, 'presign');
  const expiresRaw = str(values.expires);
  let expires: number | undefined;
  if (expiresRaw !== undefined) {
    expires = /^\d+$/.test(expiresRaw) ? Number(expiresRaw) : Number.NaN;
    if (!Number.isSafeInteger(expires) || expires < 1 || expires > 604_800) {
      throw new UsageError(
        `--expires ${JSON.stringify(expiresRaw)} must be a whole number of seconds from 1 to 604800 (7 days).`,
        'presign',
      );
    }
  }
  return {
    kind: 'presign',
    method: parseMethod(str(values.request), 'GET', 'presign'),
    url,
    ...(expires === undefined ? {} : { expires }),
    query: list(values.query).map(parseQueryPair),
    ...scopeArgs(values, 'presign'),
  };
}

/** A browser origin as given to `--cors`, canonical (`http://localhost:5173`), or a usage error. */
function parseOrigin(raw: string): string {
  let url: URL | undefined;
  try {
    url = new URL(raw);
  } catch {
    url = undefined;
  }
  if (url === undefined || url.origin === 'null' || `${url.origin}/` !== url.href.toLowerCase()) {
    throw new UsageError(
      `--cors ${JSON.stringify(raw)} is not an origin. Give scheme, host and port only, e.g. --cors http://localhost:5173 (or --cors alone for any origin).`,
      'emulate',
    );
  }
  return url.origin;
}

/**
 * `--cors [ORIGIN]...`: the arguments after `--cors` up to the next option are its origins.
 * Returns the arguments for parseArgs (with a bare `--cors`) and the origins collected.
 */
function takeCorsOrigins(args: readonly string[]): { rest: string[]; origins: string[] } {
  const rest: string[] = [];
  const origins: string[] = [];
  let inCors = false;
  // Bounded by the number of arguments.
  for (const [index, arg] of args.entries()) {
    if (arg === '--') {
      rest.push(...args.slice(index));
      break;
    }
    if (arg === '--cors' || arg.startsWith('--cors=')) {
      inCors = arg === '--cors';
      rest.push('--cors');
      if (!inCors) origins.push(parseOrigin(arg.slice('--cors='.length)));
    } else if (inCors && !arg.startsWith('-')) {
      origins.push(parseOrigin(arg));
    } else {
      inCors = false;
      rest.push(arg);
    }
  }
  return { rest, origins };
}

function parseEmulate(args: readonly string[]): Command {
  const { rest, origins } = takeCorsOrigins(args);
  const { values, positionals } = parse(rest, EMULATE_OPTIONS, 'emulate');
  if (values.help === true) return { kind: 'help', topic: 'emulate' };
  if (positionals.length > 0) {
    throw new UsageError(
      `emulate takes no arguments, got ${JSON.stringify(positionals[0])}. Origins go right after --cors: --cors http://localhost:5173.`,
      'emulate',
    );
  }
  const portRaw = str(values.port) ?? '0';
  const port = /^\d+$/.test(portRaw) ? Number(portRaw) : Number.NaN;
  if (!Number.isInteger(port) || port > 65_535) {
    throw new UsageError(
      `--port ${JSON.stringify(portRaw)} must be 0 (a free port) or 1-65535.`,
      'emulate',
    );
  }
  const emulateRaw = str(values.emulate) ?? 'apigateway-rest';
  const emulate = EMULATED_SERVICES.find((name) => name === emulateRaw);
  if (emulate === undefined) {
    throw new UsageError(
      `--emulate ${JSON.stringify(emulateRaw)} is not one of ${EMULATED_SERVICES.join(', ')}.`,
      'emulate',
    );
  }
  const { service, region } = scopeArgs(values, 'emulate');
  return {
    kind: 'emulate',
    port,
    emulate,
    ...(region === undefined ? {} : { region }),
    ...(service === undefined ? {} : { service }),
    ...(values.cors === true ? { cors: origins.length === 0 ? true : [...new Set(origins)] } : {}),
  };
}

/** Turns argv (without `node` and the script) into a command; throws `UsageError` when it cannot. */
export function parseCommand(argv: readonly string[]): Command {
  const [first, ...rest] = argv;
  if (first === undefined) {
    throw new UsageError(
      'no URL given. Usage: sigv4 [options] URL (sigv4 --help lists the options).',
    );
  }
  if (first === 'presign') return parsePresign(rest);
  if (first === 'emulate') return parseEmulate(rest);
  if (first === 'help') {
    const topic = rest[0] === 'presign' || rest[0] === 'emulate' ? rest[0] : 'request';
    return { kind: 'help', topic };
  }
  return parseRequest(argv);
}
