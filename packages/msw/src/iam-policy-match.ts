/**
 * How one policy statement meets a request: wildcards in actions and ARNs, the Principal of a
 * resource policy, and the condition operators the emulator evaluates (AWS IAM user guide, "IAM
 * JSON policy elements reference").
 */
import type { PolicyDocument, PolicyRequest, PolicyStatement } from './iam-policy.js';

/** The condition operators evaluated (each also with `IfExists`). */
export const OPERATORS: ReadonlySet<string> = new Set([
  'StringEquals',
  'StringNotEquals',
  'StringEqualsIgnoreCase',
  'StringNotEqualsIgnoreCase',
  'StringLike',
  'StringNotLike',
  'ArnEquals',
  'ArnLike',
  'ArnNotEquals',
  'ArnNotLike',
  'Null',
]);

/** A policy field that is a string or a list of them, as a list. */
export const list = (value: string | readonly string[] | undefined): readonly string[] =>
  value === undefined ? [] : typeof value === 'string' ? [value] : value;

/** `*` any run of characters, `?` one character; the rest literal. */
function globMatch(pattern: string, value: string, ignoreCase = false): boolean {
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${source}$`, ignoreCase ? 'is' : 's').test(value);
}

/** ARNs are matched part by part (six colon-separated parts; wildcards do not cross a colon). */
function arnMatch(pattern: string, arn: string): boolean {
  if (pattern === '*') return true;
  const p = pattern.split(':');
  const a = arn.split(':');
  if (p.length < 6 || a.length < 6) return globMatch(pattern, arn);
  const head = (parts: string[]) => [...parts.slice(0, 5), parts.slice(5).join(':')];
  const pp = head(p);
  const aa = head(a);
  return pp.every((part, i) => globMatch(part, aa[i] ?? ''));
}

/** The role an STS session belongs to: `arn:aws:sts::1:assumed-role/R/s` -> `arn:aws:iam::1:role/R`. */
export function roleOfSession(arn: string): string | undefined {
  const m = /^arn:([^:]+):sts::(\d+):assumed-role\/([^/]+)\/.+$/.exec(arn);
  return m === null ? undefined : `arn:${m[1]}:iam::${m[2]}:role/${m[3]}`;
}

function principalMatches(
  principal: PolicyStatement['Principal'],
  request: PolicyRequest,
): boolean {
  if (principal === undefined) return false;
  if (principal === '*') return true;
  const role = roleOfSession(request.principalArn);
  return list(principal.AWS).some(
    (entry) =>
      entry === '*' ||
      entry === request.principalAccount ||
      entry === `arn:aws:iam::${request.principalAccount}:root` ||
      entry === request.principalArn ||
      (role !== undefined && entry === role),
  );
}

function conditionHolds(
  operator: string,
  key: string,
  wanted: readonly string[],
  request: PolicyRequest,
): boolean {
  const found = Object.entries(request.context).find(
    ([name]) => name.toLowerCase() === key.toLowerCase(),
  );
  const base = operator.endsWith('IfExists') ? operator.slice(0, -'IfExists'.length) : operator;
  if (base === 'Null') return wanted.some((w) => (w === 'true') === (found === undefined));
  if (found === undefined) {
    // Documented: a key absent from the request context makes a positive operator false, a
    // negated one (`...Not...`) true; with `IfExists` the condition holds.
    return operator.endsWith('IfExists') || base.includes('Not');
  }
  const value = found[1];
  switch (base) {
    case 'StringEquals':
      return wanted.includes(value);
    case 'StringNotEquals':
      return !wanted.includes(value);
    case 'StringEqualsIgnoreCase':
      return wanted.some((w) => w.toLowerCase() === value.toLowerCase());
    case 'StringNotEqualsIgnoreCase':
      return !wanted.some((w) => w.toLowerCase() === value.toLowerCase());
    case 'StringLike':
      return wanted.some((w) => globMatch(w, value));
    case 'StringNotLike':
      return !wanted.some((w) => globMatch(w, value));
    // Documented: ArnEquals and ArnLike are the same test (each ARN part on its own, wildcards
    // allowed), as are ArnNotEquals and ArnNotLike.
    case 'ArnEquals':
    case 'ArnLike':
      return wanted.some((w) => arnMatch(w, value));
    case 'ArnNotEquals':
    case 'ArnNotLike':
      return !wanted.some((w) => arnMatch(w, value));
    default:
      return false;
  }
}

export function statementApplies(
  statement: PolicyStatement,
  request: PolicyRequest,
  isResourcePolicy: boolean,
): boolean {
  if (isResourcePolicy && !principalMatches(statement.Principal, request)) return false;
  const action = (patterns: readonly string[]) =>
    patterns.some((p) => globMatch(p, request.action, true));
  if (statement.Action !== undefined && !action(list(statement.Action))) return false;
  if (statement.NotAction !== undefined && action(list(statement.NotAction))) return false;
  const resource = (patterns: readonly string[]) =>
    patterns.some((p) => arnMatch(p, request.resource));
  if (statement.Resource !== undefined && !resource(list(statement.Resource))) return false;
  if (statement.NotResource !== undefined && resource(list(statement.NotResource))) return false;
  for (const [operator, keys] of Object.entries(statement.Condition ?? {})) {
    for (const [key, wanted] of Object.entries(keys)) {
      if (!conditionHolds(operator, key, list(wanted), request)) return false;
    }
  }
  return true;
}

/** The statements of a policy (`Statement` may be one object or a list). */
export const statementsOf = (policy: PolicyDocument): readonly PolicyStatement[] =>
  Array.isArray(policy.Statement) ? policy.Statement : [policy.Statement as PolicyStatement];
