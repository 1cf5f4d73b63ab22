/**
 * The whole scenario on a laptop: the checkout function (src/handler.mjs) signs a call with its
 * role's session credentials -> the local API Gateway checks the signature, then IAM -> the orders
 * function (src/orders-handler.mjs) answers, seeing the caller in requestContext.identity. Then the
 * 403s: the role's policy removed, and a caller in another account without the API's resource policy.
 */
import { type IamEmulator, type PolicyDocument, startIamEmulator } from '@sigv4/msw/server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { checkoutRolePolicy, ordersApiResourcePolicy } from '../src/iam-policies.mjs';
import { handler as ordersHandler } from '../src/orders-handler.mjs';
import { routeToEmulator } from './route-to-emulator.mjs';

const ORDERS_ACCOUNT = '123456789012';
const API_ARN = `arn:aws:execute-api:eu-west-1:${ORDERS_ACCOUNT}:a1b2c3d4e5`;
const API_URL = 'https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/prod';

/** The checkout function's role session, in the orders account or in another one. */
const roleIn = (account: string) => ({
  accessKeyId: 'ASIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  sessionToken: 'IQoJb3JpZ2luX2VjEXAMPLE-session-token//of+the+caller+function==',
  principalArn: `arn:aws:sts::${account}:assumed-role/checkout-role/checkout-function`,
});

let emulator: IamEmulator | undefined;
async function ordersApi(options: {
  account: string;
  identityPolicies: PolicyDocument[];
  resourcePolicy?: PolicyDocument;
}) {
  emulator = await startIamEmulator({
    emulate: 'apigateway-rest',
    credentials: [{ ...roleIn(options.account), policies: options.identityPolicies }],
    resource: {
      accountId: ORDERS_ACCOUNT,
      ...(options.resourcePolicy === undefined ? {} : { policy: options.resourcePolicy }),
    },
    handler: ordersHandler,
  });
  vi.stubGlobal('fetch', routeToEmulator(emulator.url));
}
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

beforeEach(() => {
  vi.resetModules();
  const role = roleIn(ORDERS_ACCOUNT);
  vi.stubEnv('AWS_ACCESS_KEY_ID', role.accessKeyId);
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', role.secretAccessKey);
  vi.stubEnv('AWS_SESSION_TOKEN', role.sessionToken);
  vi.stubEnv('AWS_REGION', 'eu-west-1');
  vi.stubEnv('ORDERS_API_URL', API_URL);
});

async function checkout(orderId: string) {
  const { handler } = await import('../src/handler.mjs');
  return handler({ orderId });
}

describe('checkout function -> IAM-protected orders API -> orders function', () => {
  it('the role policy allows: the orders function sees the caller role in requestContext.identity', async () => {
    await ordersApi({ account: ORDERS_ACCOUNT, identityPolicies: [checkoutRolePolicy(API_ARN)] });
    const result = await checkout('ord-42');
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body)).toEqual({
      order: {
        id: 'ord-42',
        total: 42,
        requestedBy: `arn:aws:sts::${ORDERS_ACCOUNT}:assumed-role/checkout-role/checkout-function`,
      },
    });
  });

  it('the role policy removed: 403 AccessDeniedException naming the role and the resource', async () => {
    await ordersApi({ account: ORDERS_ACCOUNT, identityPolicies: [] });
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const result = await checkout('ord-42');
    expect(result.statusCode).toBe(502);
    expect(errors).toHaveBeenCalledWith(
      'orders API refused',
      403,
      JSON.stringify({
        Message: `User: arn:aws:sts::${ORDERS_ACCOUNT}:assumed-role/checkout-role/checkout-function is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:eu-west-1:********9012:a1b2c3d4e5/prod/GET/orders/ord-42`,
      }),
    );
    const refused = emulator?.requests.at(-1)?.result;
    expect(refused?.ok === false && refused.refusal.errorType).toBe('AccessDeniedException');
  });

  it('the role policy allows only other paths: 403', async () => {
    const other: PolicyDocument = {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: 'execute-api:Invoke', Resource: `${API_ARN}/prod/POST/*` },
      ],
    };
    await ordersApi({ account: ORDERS_ACCOUNT, identityPolicies: [other] });
    vi.spyOn(console, 'error').mockImplementation(() => {});
    expect((await checkout('ord-42')).statusCode).toBe(502);
  });

  describe('the checkout function in another account (444455556666)', () => {
    const CALLER_ACCOUNT = '444455556666';
    const callerRole = `arn:aws:iam::${CALLER_ACCOUNT}:role/checkout-role`;

    it('without the orders API resource policy: 403, even though its role policy allows', async () => {
      await ordersApi({ account: CALLER_ACCOUNT, identityPolicies: [checkoutRolePolicy(API_ARN)] });
      const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
      expect((await checkout('ord-42')).statusCode).toBe(502);
      expect(errors.mock.calls[0]?.[1]).toBe(403);
      expect(String(errors.mock.calls[0]?.[2])).toContain(
        `User: arn:aws:sts::${CALLER_ACCOUNT}:assumed-role/checkout-role/checkout-function is not authorized to perform: execute-api:Invoke`,
      );
    });

    it('with the resource policy naming its role too: 200', async () => {
      await ordersApi({
        account: CALLER_ACCOUNT,
        identityPolicies: [checkoutRolePolicy(API_ARN)],
        resourcePolicy: ordersApiResourcePolicy(API_ARN, callerRole),
      });
      const result = await checkout('ord-42');
      expect(result.statusCode).toBe(200);
      expect(JSON.parse(result.body).order.requestedBy).toBe(
        `arn:aws:sts::${CALLER_ACCOUNT}:assumed-role/checkout-role/checkout-function`,
      );
    });
  });
});
