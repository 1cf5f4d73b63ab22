/**
 * A small IAM policy evaluator: the documented subset the two invoke actions of the emulator need
 * (AWS IAM user guide, "Policy evaluation logic" and "IAM JSON policy elements reference"):
 * Effect, Action / NotAction, Resource / NotResource with `*` and `?`, Principal (resource
 * policies), the string, ARN and Null condition operators (with `IfExists`), explicit deny.
 * Written here because the maintained evaluators are AGPL (`@cloud-copilot/iam-simulate`), which
 * an Apache-2.0 package cannot depend on. Anything outside the subset is refused when the
 * options are read, never evaluated by guess.
 */
import { invalidOption } from './emulator-error.js';

/** One statement of an IAM policy, as written in JSON. */
export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: 'Allow' | 'Deny';
  /** Resource policies only: who the statement is about (`"*"`, or `{ AWS: arn | account | [...] }`). */
  readonly Principal?: '*' | { readonly AWS?: string | readonly string[] } | undefined;
  readonly Action?: string | readonly string[];
  readonly NotAction?: string | readonly string[];
  readonly Resource?: string | readonly string[];
  readonly NotResource?: string | readonly string[];
  /** `{ Operator: { key: value | values } }`, e.g. `{ StringEquals: { 'lambda:FunctionUrlAuthType': 'AWS_IAM' } }`. */
  readonly Condition?: Readonly<
    Record<string, Readonly<Record<string, string | readonly string[]>>>
  >;
}

/** An IAM policy document (identity or resource policy). */
export interface PolicyDocument {
  readonly Version?: '2012-10-17' | '2008-10-17';
  readonly Statement: PolicyStatement | readonly PolicyStatement[];
}

/** What is being asked: who, which action, on what, with which condition keys. */
export interface PolicyRequest {
  /** The caller's ARN (an IAM user, or an STS assumed-role session). */
  readonly principalArn: string;
  readonly principalAccount: string;
  readonly action: string;
  readonly resource: string;
  /** Condition keys of the request context (names compared case-insensitively). */
  readonly context: Readonly<Record<string, string>>;
}

/** The outcome of one set of policies. */
export type PolicyEffect = 'allow' | 'deny' | 'none';

const OPERATORS = new Set([
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

const list = (value: string | readonly string[] | undefined): readonly string[] =>
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
function roleOfSession(arn: string): string | undefined {
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

function statementApplies(
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

const statements = (policy: PolicyDocument): readonly PolicyStatement[] =>
  Array.isArray(policy.Statement) ? policy.Statement : [policy.Statement as PolicyStatement];

/**
 * What a set of policies says about a request: `deny` if any matching statement denies (an
 * explicit deny), else `allow` if one allows, else `none` (the implicit deny).
 */
export function evaluatePolicies(
  policies: readonly PolicyDocument[],
  request: PolicyRequest,
  kind: 'identity' | 'resource',
): PolicyEffect {
  let allowed = false;
  for (const policy of policies) {
    for (const statement of statements(policy)) {
      if (!statementApplies(statement, request, kind === 'resource')) continue;
      if (statement.Effect === 'Deny') return 'deny';
      allowed = true;
    }
  }
  return allowed ? 'allow' : 'none';
}

/** The decision of IAM for one request, and why. */
export interface IamDecision {
  readonly allowed: boolean;
  /** `explicit-deny`, `implicit-deny` (nothing allows), `cross-account` (one side does not allow). */
  readonly reason: 'allowed' | 'explicit-deny' | 'implicit-deny' | 'cross-account';
  readonly identity: PolicyEffect;
  readonly resource: PolicyEffect;
}

/**
 * IAM's decision from the caller's identity policies and the resource's policy (AWS IAM user
 * guide, "Policy evaluation logic"): an explicit deny in either wins; within one account one
 * allow is enough (the union); across accounts both the identity policy and the resource policy
 * must allow.
 */
export function decide(
  identityPolicies: readonly PolicyDocument[],
  resourcePolicy: PolicyDocument | undefined,
  resourceAccount: string,
  request: PolicyRequest,
): IamDecision {
  const identity = evaluatePolicies(identityPolicies, request, 'identity');
  const resource =
    resourcePolicy === undefined ? 'none' : evaluatePolicies([resourcePolicy], request, 'resource');
  const result = (allowed: boolean, reason: IamDecision['reason']): IamDecision => ({
    allowed,
    reason,
    identity,
    resource,
  });
  if (identity === 'deny' || resource === 'deny') return result(false, 'explicit-deny');
  if (request.principalAccount === resourceAccount) {
    return identity === 'allow' || resource === 'allow'
      ? result(true, 'allowed')
      : result(false, 'implicit-deny');
  }
  if (identity === 'allow' && resource === 'allow') return result(true, 'allowed');
  return result(
    false,
    identity === 'none' && resource === 'none' ? 'implicit-deny' : 'cross-account',
  );
}

/**
 * Checks a policy once, when the options are read: every statement has an Effect, an Action or
 * NotAction, a Resource or NotResource, a Principal in resource policies (never in identity
 * policies), and only the condition operators this evaluator knows.
 */
export function validatePolicy(
  option: string,
  policy: PolicyDocument,
  kind: 'identity' | 'resource',
): void {
  if (typeof policy !== 'object' || policy === null || policy.Statement === undefined) {
    invalidOption(
      option,
      'is not a policy document',
      'Pass { Version: "2012-10-17", Statement: [...] }.',
    );
  }
  for (const [i, s] of statements(policy).entries()) {
    const where = `${option}.Statement[${i}]`;
    if (s.Effect !== 'Allow' && s.Effect !== 'Deny') {
      invalidOption(where, `has Effect ${JSON.stringify(s.Effect)}`, "Use 'Allow' or 'Deny'.");
    }
    if ((s.Action === undefined) === (s.NotAction === undefined)) {
      invalidOption(
        where,
        'needs exactly one of Action and NotAction',
        'e.g. Action: "execute-api:Invoke".',
      );
    }
    if ((s.Resource === undefined) === (s.NotResource === undefined)) {
      invalidOption(
        where,
        'needs exactly one of Resource and NotResource',
        'e.g. Resource: "arn:aws:execute-api:*:*:*/*/GET/*".',
      );
    }
    if ('NotPrincipal' in s) {
      invalidOption(
        where,
        'uses NotPrincipal, which the emulator does not evaluate',
        'Write it with Principal and a Deny.',
      );
    }
    if (kind === 'resource' && s.Principal === undefined) {
      invalidOption(
        where,
        'has no Principal',
        'A resource policy names who it is about: Principal: { AWS: "arn:aws:iam::111122223333:role/caller" } or "*".',
      );
    }
    if (kind === 'identity' && s.Principal !== undefined) {
      invalidOption(
        where,
        'has a Principal',
        'Identity policies have none: the principal is the credential they belong to.',
      );
    }
    for (const operator of Object.keys(s.Condition ?? {})) {
      const base = operator.endsWith('IfExists') ? operator.slice(0, -'IfExists'.length) : operator;
      if (!OPERATORS.has(base)) {
        invalidOption(
          where,
          `uses the condition operator ${operator}, which the emulator does not evaluate`,
          `Use one of ${[...OPERATORS].join(', ')} (each also with IfExists).`,
        );
      }
    }
  }
}
