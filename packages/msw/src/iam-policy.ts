/**
 * A small IAM policy evaluator: the documented subset the two invoke actions of the emulator need
 * (AWS IAM user guide, "Policy evaluation logic" and "IAM JSON policy elements reference"):
 * Effect, Action / NotAction, Resource / NotResource with `*` and `?`, Principal (resource
 * policies), the string, ARN and Null condition operators (with `IfExists`), explicit deny.
 * Written here because the maintained evaluators are AGPL (`@cloud-copilot/iam-simulate`), which
 * an Apache-2.0 package cannot depend on. Anything outside the subset is refused when the
 * options are read, never evaluated by guess (iam-policy-validate.ts); how a statement meets a
 * request is in iam-policy-match.ts.
 */
import { statementApplies, statementsOf } from './iam-policy-match.js';

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
    for (const statement of statementsOf(policy)) {
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
