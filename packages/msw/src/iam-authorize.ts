/**
 * IAM authorization after the signature checks out: which action on which resource a request
 * asks for (`execute-api:Invoke` on `arn:aws:execute-api:{region}:{account}:{api-id}/{stage}/{METHOD}/{path}`,
 * or `lambda:InvokeFunctionUrl` on the function with `lambda:FunctionUrlAuthType`), and IAM's
 * decision from the caller's identity policies and the resource policy.
 */
import { LAMBDA_URL_NOT_AUTHORIZED, notAuthorized } from './aws-errors.js';
import type { EmulatedService, KnownCredential, RawRequest, VerifierOptions } from './contract.js';
import { invalidOption } from './emulator-error.js';
import { frontDoorId } from './host-patterns.js';
import { decide, type IamDecision, type PolicyRequest } from './iam-policy.js';
import { roleOfSession } from './iam-policy-match.js';
import { validatePolicy } from './iam-policy-validate.js';

/** The default account of the emulated resource (the account of the default `principalArn`). */
export const DEFAULT_ACCOUNT = '123456789012';

/** Who the caller is, as the verifier established it. */
export interface Caller {
  readonly credential: KnownCredential;
  readonly principalArn: string;
  readonly accountId: string;
  readonly region: string;
}

/** A refusal by IAM: the message and the AWS error it maps to. */
export interface IamRefusal {
  readonly message: string;
  readonly decision: IamDecision;
  readonly request: PolicyRequest;
}

/** Checks one verified request; undefined when it is allowed. */
export type Authorizer = (raw: RawRequest, path: string, caller: Caller) => IamRefusal | undefined;

/** The caller's account: `accountId`, else the account field of its ARN. */
export function callerAccount(credential: KnownCredential, principalArn: string): string {
  return (
    credential.accountId ?? /^arn:[^:]+:[^:]+::(\d+):/.exec(principalArn)?.[1] ?? DEFAULT_ACCOUNT
  );
}

/**
 * The caller's unique id: `userId`, else the emulator's stand-in for AWS's (`AIDA...` for a user,
 * `AROA...:{session}` for an assumed-role session).
 */
export function callerUserId(credential: KnownCredential, principalArn: string): string {
  if (credential.userId !== undefined) return credential.userId;
  const suffix = credential.accessKeyId.slice(4).toUpperCase();
  const session = /:assumed-role\/[^/]+\/(.+)$/.exec(principalArn)?.[1];
  return session === undefined ? `AIDA${suffix}` : `AROA${suffix}:${session}`;
}

/** What is asked of IAM for this request. */
export function invokeRequest(
  emulate: EmulatedService,
  raw: RawRequest,
  path: string,
  caller: Caller,
  resource: VerifierOptions['resource'],
): PolicyRequest {
  const account = resource?.accountId ?? DEFAULT_ACCOUNT;
  // `aws:PrincipalArn` of a role session is the role's ARN (IAM user guide, global condition keys).
  const context: Record<string, string> = {
    'aws:PrincipalArn': roleOfSession(caller.principalArn) ?? caller.principalArn,
    'aws:PrincipalAccount': caller.accountId,
  };
  if (emulate === 'lambda-url') {
    const name = resource?.functionName ?? 'my-function';
    return {
      principalArn: caller.principalArn,
      principalAccount: caller.accountId,
      action: 'lambda:InvokeFunctionUrl',
      resource: `arn:aws:lambda:${caller.region}:${account}:function:${name}`,
      context: { ...context, 'lambda:FunctionUrlAuthType': 'AWS_IAM' },
    };
  }
  const apiId = resource?.apiId ?? frontDoorId(raw.host);
  const trimmed = path.replace(/^\/+/, '');
  let stage = resource?.stage;
  let rest = trimmed;
  if (stage === undefined) {
    const slash = trimmed.indexOf('/');
    stage = slash === -1 ? trimmed : trimmed.slice(0, slash);
    rest = slash === -1 ? '' : trimmed.slice(slash + 1);
  }
  return {
    principalArn: caller.principalArn,
    principalAccount: caller.accountId,
    action: 'execute-api:Invoke',
    resource: `arn:aws:execute-api:${caller.region}:${account}:${apiId}/${stage}/${raw.method.toUpperCase()}/${rest}`,
    context,
  };
}

/**
 * The authorizer for these options, or undefined when no policy is configured anywhere (then a
 * valid signature is enough, as before).
 */
export function createAuthorizer(options: VerifierOptions): Authorizer | undefined {
  const resourcePolicy = options.resource?.policy;
  const anyIdentity = options.credentials.some((c) => c.policies !== undefined);
  if (resourcePolicy === undefined && !anyIdentity) return undefined;
  if (resourcePolicy !== undefined && options.emulate === 'apigateway-http') {
    // Documented: resource policies are a REST API feature (API Gateway developer guide, "Choose
    // between REST APIs and HTTP APIs"); a caller from another account assumes a role in the
    // HTTP API's account instead (AWS re:Post, api-gateway-cross-account-403).
    invalidOption(
      'resource.policy',
      'is given for an HTTP API, which has no resource policy (only REST APIs do)',
      "Give the caller a role in the API's account (its policies), as AWS has cross-account callers of an HTTP API assume one, or emulate 'apigateway-rest'.",
    );
  }
  if (resourcePolicy !== undefined) validatePolicy('resource.policy', resourcePolicy, 'resource');
  for (const [i, credential] of options.credentials.entries()) {
    if (credential.policies !== undefined && !Array.isArray(credential.policies)) {
      invalidOption(
        `credentials[${i}].policies`,
        'is not an array',
        'Pass an array of policy documents.',
      );
    }
    for (const [j, policy] of (credential.policies ?? []).entries()) {
      validatePolicy(`credentials[${i}].policies[${j}]`, policy, 'identity');
    }
  }
  const account = options.resource?.accountId ?? DEFAULT_ACCOUNT;
  return (raw, path, caller) => {
    const request = invokeRequest(options.emulate, raw, path, caller, options.resource);
    const decision = decide(caller.credential.policies ?? [], resourcePolicy, account, request);
    if (decision.allowed) return undefined;
    const message =
      options.emulate === 'lambda-url'
        ? LAMBDA_URL_NOT_AUTHORIZED
        : notAuthorized(
            caller.principalArn,
            request.action,
            request.resource,
            decision.reason === 'explicit-deny',
          );
    return { message, decision, request };
  };
}
