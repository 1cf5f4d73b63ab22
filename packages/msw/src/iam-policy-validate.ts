/**
 * Checks a policy once, when the options are read, so that a policy the emulator cannot evaluate
 * faithfully is refused with a message naming the statement, never evaluated by guess.
 */
import { invalidOption } from './emulator-error.js';
import type { PolicyDocument } from './iam-policy.js';
import { OPERATORS, statementsOf } from './iam-policy-match.js';

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
  for (const [i, s] of statementsOf(policy).entries()) {
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
