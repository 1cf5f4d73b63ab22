/**
 * Loads the official SigV4 conformance vectors in ./sigv4-test-suite (see its README.txt and
 * license files) into plain objects. Test data only: shared by the core and msw test suites.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, 'sigv4-test-suite');

export interface VectorRequest {
  method: string;
  /** The request-target as in the file: the literal wire path and query. */
  target: string;
  path: string;
  query: string;
  /** Headers in file order; a folded (obs-fold) value keeps its line breaks. */
  headers: [string, string][];
  host: string;
  body: string;
}

export interface VectorExpectation {
  canonicalRequest: string;
  stringToSign: string;
  signature: string;
}

export interface VectorCase {
  suite: 'aws-c-auth' | 'legacy';
  name: string;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  /** The token is added after signing, unsigned. */
  omitSessionToken: boolean;
  region: string;
  service: string;
  date: Date;
  expiresIn: number;
  normalize: boolean;
  /** Add and sign x-amz-content-sha256 (header mode). */
  signBody: boolean;
  request: VectorRequest;
  header: VectorExpectation;
  /** Query-mode (presign) expectations; the 2015 suite has none. */
  query?: VectorExpectation;
  /** Why this case cannot pass, when it is the suites' known conflict. */
  conflict?: string;
}

export function parseRawRequest(text: string): VectorRequest {
  const split = text.indexOf('\n\n');
  const head = split === -1 ? text : text.slice(0, split);
  const body = split === -1 ? '' : text.slice(split + 2);
  const lines = head.split('\n');
  const requestLine = lines.shift() ?? '';
  const firstSpace = requestLine.indexOf(' ');
  const lastSpace = requestLine.lastIndexOf(' ');
  const method = requestLine.slice(0, firstSpace);
  const target = requestLine.slice(firstSpace + 1, lastSpace);
  const headers: [string, string][] = [];
  for (const line of lines) {
    if (line === '') continue;
    const last = headers.at(-1);
    if ((line.startsWith(' ') || line.startsWith('\t')) && last) {
      last[1] += `\n${line}`;
      continue;
    }
    const colon = line.indexOf(':');
    headers.push([line.slice(0, colon), line.slice(colon + 1)]);
  }
  const q = target.indexOf('?');
  const host = headers.find(([name]) => name.toLowerCase() === 'host')?.[1].trim() ?? '';
  return {
    method,
    target,
    path: q === -1 ? target : target.slice(0, q),
    query: q === -1 ? '' : target.slice(q + 1),
    headers,
    host,
    body,
  };
}

const read = (...parts: string[]): string => readFileSync(join(...parts), 'utf8');
const signatureOf = (authorization: string): string =>
  /Signature=([0-9a-f]{64})/.exec(authorization)?.[1] ?? '';

function loadAwsCAuth(): VectorCase[] {
  const dir = join(ROOT, 'aws-c-auth-v4');
  return readdirSync(dir)
    .filter((name) => statSync(join(dir, name)).isDirectory())
    .sort()
    .map((name) => {
      const ctx = JSON.parse(read(dir, name, 'context.json'));
      const token: string | undefined = ctx.credentials.token;
      return {
        suite: 'aws-c-auth' as const,
        name,
        accessKeyId: ctx.credentials.access_key_id,
        secretAccessKey: ctx.credentials.secret_access_key,
        ...(token ? { sessionToken: token } : {}),
        omitSessionToken: ctx.omit_session_token === true,
        region: ctx.region,
        service: ctx.service,
        date: new Date(ctx.timestamp),
        expiresIn: ctx.expiration_in_seconds,
        normalize: ctx.normalize,
        signBody: ctx.sign_body,
        request: parseRawRequest(read(dir, name, 'request.txt')),
        header: {
          canonicalRequest: read(dir, name, 'header-canonical-request.txt'),
          stringToSign: read(dir, name, 'header-string-to-sign.txt'),
          signature: read(dir, name, 'header-signature.txt').trim(),
        },
        query: {
          canonicalRequest: read(dir, name, 'query-canonical-request.txt'),
          stringToSign: read(dir, name, 'query-string-to-sign.txt'),
          signature: read(dir, name, 'query-signature.txt').trim(),
        },
      };
    });
}

const LEGACY_TOKEN_FILE = join('post-sts-token', 'readme.txt');

function loadLegacy(): VectorCase[] {
  const dir = join(ROOT, 'legacy-aws-sig-v4-test-suite');
  const token = read(dir, LEGACY_TOKEN_FILE).trim().split('\n').at(-1)?.trim() ?? '';
  const cases: VectorCase[] = [];
  const visit = (folder: string, rel: string): void => {
    for (const entry of readdirSync(folder).sort()) {
      const full = join(folder, entry);
      if (!statSync(full).isDirectory()) continue;
      const req = join(full, `${entry}.req`);
      let raw: string;
      try {
        raw = readFileSync(req, 'utf8');
      } catch {
        visit(full, join(rel, entry));
        continue;
      }
      const request = parseRawRequest(raw);
      const sentToken = request.headers.find(
        ([n]) => n.toLowerCase() === 'x-amz-security-token',
      )?.[1];
      const name = join(rel, entry);
      cases.push({
        suite: 'legacy',
        name,
        accessKeyId: 'AKIDEXAMPLE',
        secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
        ...(sentToken
          ? { sessionToken: sentToken }
          : entry === 'post-sts-header-after'
            ? { sessionToken: token }
            : {}),
        omitSessionToken: entry === 'post-sts-header-after',
        region: 'us-east-1',
        service: 'service',
        date: new Date('2015-08-30T12:36:00Z'),
        expiresIn: 3600,
        normalize: true,
        signBody: false,
        request,
        header: {
          canonicalRequest: read(full, `${entry}.creq`),
          stringToSign: read(full, `${entry}.sts`),
          signature: signatureOf(read(full, `${entry}.authz`)),
        },
        ...(entry === 'get-header-value-multiline'
          ? {
              conflict:
                'Known conflict between the suites (sigv4-test-suite/README.txt): the 2015 suite joins folded header lines with ",", the current aws-c-auth suite (the truth, and what AWS signers do) with " ". No signer passes both.',
            }
          : {}),
      });
    }
  };
  visit(dir, '');
  return cases;
}

export function loadVectors(): VectorCase[] {
  return [...loadAwsCAuth(), ...loadLegacy()];
}
