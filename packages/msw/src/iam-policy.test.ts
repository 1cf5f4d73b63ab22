/**
 * The evaluator against the examples in AWS's documentation (test/fixtures/iam-doc-examples.ts
 * names each page), then the rules of the policy language it implements, one table row each.
 */
import { describe, expect, it } from 'vitest';
import {
  carlosIdentityPolicy,
  carlosLogsBucketPolicy,
  lambdaUrlCrossAccountPolicy,
  repostApiResourcePolicy,
  repostUser1IdentityPolicy,
} from '../test/fixtures/iam-doc-examples.js';
import { isSigV4EmulatorError } from './emulator-error.js';
import { decide, type PolicyDocument, type PolicyRequest } from './iam-policy.js';
import { validatePolicy } from './iam-policy-validate.js';

const carlos = (action: string, resource: string): PolicyRequest => ({
  principalArn: 'arn:aws:iam::111122223333:user/carlossalazar',
  principalAccount: '111122223333',
  action,
  resource,
  context: {},
});

describe('AWS IAM user guide: identity-based and resource-based policy evaluation (Carlos)', () => {
  it('saving to the logs bucket is denied: the explicit deny overrides the bucket policy allow', () => {
    const decision = decide(
      [carlosIdentityPolicy],
      carlosLogsBucketPolicy('111122223333'),
      '111122223333',
      carlos('s3:PutObject', 'arn:aws:s3:::amzn-s3-demo-bucket-carlossalazar-logs/log.txt'),
    );
    expect(decision).toMatchObject({ allowed: false, reason: 'explicit-deny', resource: 'allow' });
  });
  it('his own bucket is allowed by the identity policy alone (same account: one allow)', () => {
    const decision = decide(
      [carlosIdentityPolicy],
      undefined,
      '111122223333',
      carlos('s3:PutObject', 'arn:aws:s3:::amzn-s3-demo-bucket-carlossalazar/notes.txt'),
    );
    expect(decision).toMatchObject({ allowed: true, identity: 'allow' });
  });
  it('listing buckets is allowed (AllowS3ListRead); an action it does not name is not', () => {
    const list = decide(
      [carlosIdentityPolicy],
      undefined,
      '111122223333',
      carlos('s3:ListAllMyBuckets', 'arn:aws:s3:::any'),
    );
    expect(list.allowed).toBe(true);
    const other = decide(
      [carlosIdentityPolicy],
      undefined,
      '111122223333',
      carlos('s3:GetObject', 'arn:aws:s3:::other/x'),
    );
    expect(other).toMatchObject({ allowed: false, reason: 'implicit-deny' });
  });
  it('same account: the bucket policy alone is enough for a user with no identity permission', () => {
    const decision = decide(
      [],
      carlosLogsBucketPolicy('111122223333'),
      '111122223333',
      carlos('s3:PutObject', 'arn:aws:s3:::amzn-s3-demo-bucket-carlossalazar-logs/a'),
    );
    expect(decision).toMatchObject({ allowed: true, resource: 'allow' });
  });
});

describe('AWS re:Post: cross-account IAM caller of a REST API (User1, accounts 999999999 -> 111111111)', () => {
  const user1: PolicyRequest = {
    principalArn: 'arn:aws:iam::999999999:user/User1',
    principalAccount: '999999999',
    action: 'execute-api:Invoke',
    resource: 'arn:aws:execute-api:us-east-1:111111111:AB12CDEF34/stage/GET/pets',
    context: {},
  };
  it.each([
    [
      'identity policy and resource policy',
      [repostUser1IdentityPolicy],
      repostApiResourcePolicy,
      true,
      'allowed',
    ],
    ['identity policy only', [repostUser1IdentityPolicy], undefined, false, 'cross-account'],
    ['resource policy only', [], repostApiResourcePolicy, false, 'cross-account'],
    ['neither', [], undefined, false, 'implicit-deny'],
  ] as const)(
    '%s (the decision as the article states it)',
    (_what, identity, resource, allowed, reason) => {
      expect(decide(identity, resource, '111111111', user1)).toMatchObject({ allowed, reason });
    },
  );
  it('another stage is outside the resource policy (stage/*/*), so cross-account it is refused', () => {
    const prod = { ...user1, resource: user1.resource.replace('/stage/', '/prod/') };
    expect(
      decide([repostUser1IdentityPolicy], repostApiResourcePolicy, '111111111', prod).allowed,
    ).toBe(false);
  });
});

describe('Lambda developer guide: cross-account function URL caller (role example, 444455556666)', () => {
  const session: PolicyRequest = {
    principalArn: 'arn:aws:sts::444455556666:assumed-role/example/session-1',
    principalAccount: '444455556666',
    action: 'lambda:InvokeFunctionUrl',
    resource: 'arn:aws:lambda:us-east-1:123456789012:function:my-function',
    context: { 'lambda:FunctionUrlAuthType': 'AWS_IAM' },
  };
  const identity: PolicyDocument = {
    Statement: { Effect: 'Allow', Action: 'lambda:InvokeFunctionUrl', Resource: '*' },
  };
  it('a session of the role named in the policy, with an identity allow, is allowed', () => {
    expect(decide([identity], lambdaUrlCrossAccountPolicy, '123456789012', session).allowed).toBe(
      true,
    );
  });
  it('without the identity allow it is refused (cross-account needs both)', () => {
    expect(decide([], lambdaUrlCrossAccountPolicy, '123456789012', session)).toMatchObject({
      allowed: false,
      reason: 'cross-account',
      resource: 'allow',
    });
  });
  it('the condition lambda:FunctionUrlAuthType must hold (a NONE URL is not covered)', () => {
    const none = { ...session, context: { 'lambda:FunctionUrlAuthType': 'NONE' } };
    expect(decide([identity], lambdaUrlCrossAccountPolicy, '123456789012', none).resource).toBe(
      'none',
    );
  });
  it('another role of that account is not the principal', () => {
    const other = { ...session, principalArn: 'arn:aws:sts::444455556666:assumed-role/other/s' };
    expect(decide([identity], lambdaUrlCrossAccountPolicy, '123456789012', other).resource).toBe(
      'none',
    );
  });
});

describe('policy language rules', () => {
  const api = 'arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/prod/GET/orders/42';
  const req: PolicyRequest = {
    principalArn: 'arn:aws:iam::123456789012:user/ada',
    principalAccount: '123456789012',
    action: 'execute-api:Invoke',
    resource: api,
    context: { 'aws:PrincipalAccount': '123456789012' },
  };
  const allow = (statement: Record<string, unknown>): PolicyDocument => ({
    Statement: { Effect: 'Allow', ...statement } as PolicyDocument['Statement'],
  });
  it.each([
    ['exact resource', { Action: 'execute-api:Invoke', Resource: api }, true],
    [
      'wildcards per ARN part',
      { Action: 'execute-api:Invoke', Resource: 'arn:aws:execute-api:*:*:a1b2c3d4e5/*/GET/*' },
      true,
    ],
    [
      '? is one character',
      { Action: 'execute-api:Invoke', Resource: 'arn:aws:execute-api:eu-west-?:*:*' },
      true,
    ],
    [
      'another method',
      { Action: 'execute-api:Invoke', Resource: 'arn:aws:execute-api:*:*:a1b2c3d4e5/*/POST/*' },
      false,
    ],
    ['action case-insensitive', { Action: 'Execute-API:invoke', Resource: '*' }, true],
    ['action wildcard', { Action: 'execute-api:*', Resource: '*' }, true],
    ['NotAction', { NotAction: 'execute-api:Invoke', Resource: '*' }, false],
    ['NotResource', { Action: '*', NotResource: 'arn:aws:execute-api:*:*:*/dev/*' }, true],
    [
      'StringEquals on a present key',
      {
        Action: '*',
        Resource: '*',
        Condition: { StringEquals: { 'aws:principalaccount': '123456789012' } },
      },
      true,
    ],
    [
      'StringEquals on an absent key',
      { Action: '*', Resource: '*', Condition: { StringEquals: { 'aws:SourceVpc': 'vpc-1' } } },
      false,
    ],
    [
      'StringNotEquals on an absent key',
      { Action: '*', Resource: '*', Condition: { StringNotEquals: { 'aws:SourceVpc': 'vpc-1' } } },
      true,
    ],
    [
      'StringEqualsIfExists on an absent key',
      {
        Action: '*',
        Resource: '*',
        Condition: { StringEqualsIfExists: { 'aws:SourceVpc': 'vpc-1' } },
      },
      true,
    ],
    [
      'Null true on an absent key',
      { Action: '*', Resource: '*', Condition: { Null: { 'aws:SourceVpc': 'true' } } },
      true,
    ],
  ] as const)('%s', (_what, statement, allowed) => {
    expect(decide([allow(statement)], undefined, '123456789012', req).allowed).toBe(allowed);
  });
  it('an explicit deny in the resource policy beats a same-account identity allow', () => {
    const deny: PolicyDocument = {
      Statement: { Effect: 'Deny', Principal: '*', Action: 'execute-api:Invoke', Resource: api },
    };
    const decision = decide([allow({ Action: '*', Resource: '*' })], deny, '123456789012', req);
    expect(decision).toMatchObject({ allowed: false, reason: 'explicit-deny' });
  });
  it.each([
    [
      { Statement: { Effect: 'Permit', Action: '*', Resource: '*' } },
      'identity',
      /Effect "Permit"/,
    ],
    [{ Statement: { Effect: 'Allow', Resource: '*' } }, 'identity', /Action and NotAction/],
    [
      { Statement: { Effect: 'Allow', Action: '*', Resource: '*' } },
      'resource',
      /has no Principal/,
    ],
    [
      {
        Statement: {
          Effect: 'Allow',
          Action: '*',
          Resource: '*',
          Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
        },
      },
      'identity',
      /IpAddress, which the emulator does not evaluate/,
    ],
  ] as const)('refuses a policy it cannot evaluate faithfully (%#)', (policy, kind, message) => {
    let thrown: unknown;
    try {
      validatePolicy('policy', policy as unknown as PolicyDocument, kind);
    } catch (error) {
      thrown = error;
    }
    expect(isSigV4EmulatorError(thrown, 'ERR_SIGV4_INVALID_OPTION')).toBe(true);
    expect(String((thrown as Error).message)).toMatch(message);
  });
});
