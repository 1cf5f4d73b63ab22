/**
 * IAM decides after the signature: a table of policy set-ups, each request signed by aws4 (not
 * our signer) and sent to the loopback server over a socket and through the msw handler, for a
 * REST API (`execute-api:Invoke`) and a function URL (`lambda:InvokeFunctionUrl`).
 */
import { afterAll, describe, expect, it } from 'vitest';
import type {
  EmulatedResource,
  EmulatedService,
  IamEmulator,
  KnownCredential,
  PolicyDocument,
} from '../src/contract.js';
import { startIamEmulator } from '../src/server.js';
import { sigv4Handler } from '../src/sigv4-handler.js';
import { sign } from './signers.js';
import { sendMsw, sendRaw } from './wire.js';

const NOW = new Date('2026-12-06T14:00:00Z');
const clock = () => NOW;
const API_ACCOUNT = '111122223333';
const OTHER_ACCOUNT = '444455556666';
const API_HOST = 'a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com';
const URL_HOST = 'abcdefghijklmnopqrstuvwxyz012345.lambda-url.eu-west-1.on.aws';

const sameAccountRole = {
  accessKeyId: 'ASIASAMEACCOUNT',
  secretAccessKey: 'same-account-secret',
  sessionToken: 'same-account-token',
  principalArn: `arn:aws:sts::${API_ACCOUNT}:assumed-role/checkout-role/checkout-function`,
} as const;
const otherAccountRole = {
  accessKeyId: 'ASIAOTHERACCOUNT',
  secretAccessKey: 'other-account-secret',
  sessionToken: 'other-account-token',
  principalArn: `arn:aws:sts::${OTHER_ACCOUNT}:assumed-role/billing-role/billing-function`,
} as const;

const allow = (action: string, resource: string): PolicyDocument => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: action, Resource: resource }],
});
const resourcePolicy = (
  effect: 'Allow' | 'Deny',
  principal: string,
  action: string,
  resource: string,
): PolicyDocument => ({
  Version: '2012-10-17',
  Statement: [
    { Effect: effect, Principal: { AWS: principal }, Action: action, Resource: resource },
  ],
});

const ORDERS_GET = `arn:aws:execute-api:eu-west-1:${API_ACCOUNT}:a1b2c3d4e5/prod/GET/orders/*`;
const FUNCTION = `arn:aws:lambda:eu-west-1:${API_ACCOUNT}:function:orders`;

interface Row {
  readonly name: string;
  readonly emulate: EmulatedService;
  readonly caller: 'same' | 'other';
  readonly identity?: readonly PolicyDocument[];
  readonly resource?: PolicyDocument;
  readonly allowed: boolean;
  /** The refusal's message (checked exactly). */
  readonly message?: string;
}

const callerArn = (row: Row) =>
  row.caller === 'same' ? sameAccountRole.principalArn : otherAccountRole.principalArn;
const apiArn = `arn:aws:execute-api:eu-west-1:********3333:a1b2c3d4e5/prod/GET/orders/42`;
const denied = (arn: string, suffix = '') =>
  `User: ${arn} is not authorized to perform: execute-api:Invoke on resource: ${apiArn}${suffix}`;
const LAMBDA_DENIED =
  'Forbidden. For troubleshooting Function URL authorization issues, see: https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html';

const rows: readonly Row[] = [
  {
    name: 'no policy anywhere: the signature is enough (as before)',
    emulate: 'apigateway-rest',
    caller: 'other',
    allowed: true,
  },
  {
    name: 'same account, identity policy allows',
    emulate: 'apigateway-rest',
    caller: 'same',
    identity: [allow('execute-api:Invoke', ORDERS_GET)],
    allowed: true,
  },
  {
    name: 'same account, only the resource policy allows',
    emulate: 'apigateway-rest',
    caller: 'same',
    resource: resourcePolicy(
      'Allow',
      `arn:aws:iam::${API_ACCOUNT}:role/checkout-role`,
      'execute-api:Invoke',
      ORDERS_GET,
    ),
    allowed: true,
  },
  {
    name: 'same account, identity policy for another method',
    emulate: 'apigateway-rest',
    caller: 'same',
    identity: [
      allow(
        'execute-api:Invoke',
        `arn:aws:execute-api:eu-west-1:${API_ACCOUNT}:a1b2c3d4e5/prod/POST/orders/*`,
      ),
    ],
    allowed: false,
    message: denied(sameAccountRole.principalArn),
  },
  {
    name: 'wildcards in the resource: */*/GET/*',
    emulate: 'apigateway-rest',
    caller: 'same',
    identity: [allow('execute-api:*', 'arn:aws:execute-api:*:*:a1b2c3d4e5/*/GET/*')],
    allowed: true,
  },
  {
    name: 'wildcards in the resource: another API id',
    emulate: 'apigateway-rest',
    caller: 'same',
    identity: [allow('execute-api:Invoke', 'arn:aws:execute-api:*:*:zzzzzzzzzz/*')],
    allowed: false,
    message: denied(sameAccountRole.principalArn),
  },
  {
    name: 'explicit deny in the resource policy beats the identity allow',
    emulate: 'apigateway-rest',
    caller: 'same',
    identity: [allow('execute-api:Invoke', '*')],
    resource: resourcePolicy('Deny', '*', 'execute-api:Invoke', ORDERS_GET),
    allowed: false,
    message: denied(sameAccountRole.principalArn, ' with an explicit deny'),
  },
  {
    name: 'cross-account, both sides allow',
    emulate: 'apigateway-rest',
    caller: 'other',
    identity: [allow('execute-api:Invoke', ORDERS_GET)],
    resource: resourcePolicy(
      'Allow',
      `arn:aws:iam::${OTHER_ACCOUNT}:role/billing-role`,
      'execute-api:Invoke',
      ORDERS_GET,
    ),
    allowed: true,
  },
  {
    name: 'cross-account, resource policy missing',
    emulate: 'apigateway-rest',
    caller: 'other',
    identity: [allow('execute-api:Invoke', ORDERS_GET)],
    allowed: false,
    message: denied(otherAccountRole.principalArn),
  },
  {
    name: 'cross-account, identity policy missing',
    emulate: 'apigateway-rest',
    caller: 'other',
    identity: [],
    resource: resourcePolicy('Allow', OTHER_ACCOUNT, 'execute-api:Invoke', ORDERS_GET),
    allowed: false,
    message: denied(otherAccountRole.principalArn),
  },
  {
    name: 'function URL: no policy anywhere',
    emulate: 'lambda-url',
    caller: 'other',
    allowed: true,
  },
  {
    name: 'function URL: same account, identity allows',
    emulate: 'lambda-url',
    caller: 'same',
    identity: [allow('lambda:InvokeFunctionUrl', FUNCTION)],
    allowed: true,
  },
  {
    name: 'function URL: identity allows another function',
    emulate: 'lambda-url',
    caller: 'same',
    identity: [allow('lambda:InvokeFunctionUrl', `${FUNCTION}-v2`)],
    allowed: false,
    message: LAMBDA_DENIED,
  },
  {
    name: 'function URL: cross-account with the AuthType condition, both sides',
    emulate: 'lambda-url',
    caller: 'other',
    identity: [allow('lambda:InvokeFunctionUrl', '*')],
    resource: {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${OTHER_ACCOUNT}:role/billing-role` },
          Action: 'lambda:InvokeFunctionUrl',
          Resource: FUNCTION,
          Condition: { StringEquals: { 'lambda:FunctionUrlAuthType': 'AWS_IAM' } },
        },
      ],
    },
    allowed: true,
  },
  {
    name: 'function URL: resource policy only for AuthType NONE',
    emulate: 'lambda-url',
    caller: 'other',
    identity: [allow('lambda:InvokeFunctionUrl', '*')],
    resource: {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: '*',
          Action: 'lambda:InvokeFunctionUrl',
          Resource: FUNCTION,
          Condition: { StringEquals: { 'lambda:FunctionUrlAuthType': 'NONE' } },
        },
      ],
    },
    allowed: false,
    message: LAMBDA_DENIED,
  },
  {
    name: 'function URL: cross-account, resource policy missing',
    emulate: 'lambda-url',
    caller: 'other',
    identity: [allow('lambda:InvokeFunctionUrl', '*')],
    allowed: false,
    message: LAMBDA_DENIED,
  },
];

const started: IamEmulator[] = [];
afterAll(async () => {
  for (const emulator of started) await emulator.close();
});

function setup(row: Row) {
  const credentials: KnownCredential[] = [sameAccountRole, otherAccountRole].map((c) =>
    row.identity === undefined ? c : { ...c, policies: row.identity },
  );
  const resource: EmulatedResource = {
    accountId: API_ACCOUNT,
    functionName: 'orders',
    ...(row.resource === undefined ? {} : { policy: row.resource }),
  };
  return { emulate: row.emulate, credentials, resource, clock };
}

describe('IAM policy decisions, on the socket and under msw', () => {
  it.each(rows.map((row) => [row.name, row] as const))('%s', async (_name, row) => {
    const options = setup(row);
    const emulator = await startIamEmulator(options);
    started.push(emulator);
    const host = row.emulate === 'lambda-url' ? URL_HOST : API_HOST;
    const handler = sigv4Handler({ ...options, hosts: host });
    const creds = row.caller === 'same' ? sameAccountRole : otherAccountRole;
    const raw = await sign('aws4', {
      method: 'GET',
      host,
      path: '/prod/orders/42',
      query: '',
      service: row.emulate === 'lambda-url' ? 'lambda' : 'execute-api',
      region: 'eu-west-1',
      creds,
      date: NOW,
    });
    for (const [where, answer] of [
      ['socket', await sendRaw(emulator.port, raw)],
      ['msw', await sendMsw(handler, raw)],
    ] as const) {
      if (row.allowed) {
        expect(answer.status, where).toBe(200);
        expect(JSON.parse(answer.body).identity.principalArn, where).toBe(callerArn(row));
      } else {
        expect(answer.status, where).toBe(403);
        expect(answer.errorType, where).toBe('AccessDeniedException');
        expect(JSON.parse(answer.body), where).toEqual({ Message: row.message });
      }
    }
    const recorded = emulator.requests.at(-1)?.result;
    expect(recorded?.ok).toBe(row.allowed);
    if (recorded !== undefined && !recorded.ok) expect(recorded.reason).toBe('access-denied');
  });

  it('an HTTP API has no resource policy: refused at start (REST APIs only, as in AWS)', async () => {
    await expect(
      startIamEmulator({
        emulate: 'apigateway-http',
        credentials: [sameAccountRole],
        resource: { policy: resourcePolicy('Allow', '*', 'execute-api:Invoke', '*') },
      }),
    ).rejects.toThrow(/Option `resource.policy` is given for an HTTP API/);
  });

  it('an HTTP API caller from another account is refused even with an identity allow', async () => {
    const options = {
      emulate: 'apigateway-http' as const,
      credentials: [{ ...otherAccountRole, policies: [allow('execute-api:Invoke', '*')] }],
      resource: { accountId: API_ACCOUNT },
      clock,
    };
    const emulator = await startIamEmulator(options);
    started.push(emulator);
    const raw = await sign('aws4', {
      method: 'GET',
      host: API_HOST,
      path: '/prod/orders/42',
      query: '',
      service: 'execute-api',
      region: 'eu-west-1',
      creds: otherAccountRole,
      date: NOW,
    });
    for (const answer of [
      await sendRaw(emulator.port, raw),
      await sendMsw(sigv4Handler({ ...options, hosts: API_HOST }), raw),
    ]) {
      expect(answer.status).toBe(403);
      expect(answer.errorType).toBe('AccessDeniedException');
    }
  });

  it('a policy the emulator cannot evaluate is refused at start, naming the option', async () => {
    await expect(
      startIamEmulator({
        emulate: 'apigateway-rest',
        credentials: [sameAccountRole],
        resource: {
          policy: {
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Principal: '*',
                Action: 'execute-api:Invoke',
                Resource: '*',
                Condition: { IpAddress: { 'aws:SourceIp': '192.0.2.0/24' } },
              },
            ],
          },
        },
      }),
    ).rejects.toThrow(
      /Option `resource.policy.Statement\[0\]` uses the condition operator IpAddress/,
    );
  });
});
