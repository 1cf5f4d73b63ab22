import { type IamEmulator, startIamEmulator } from '@sigv4/msw/server';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { routeToEmulator } from './route-to-emulator.mjs';

// The function role's session credentials, as Lambda puts them in the environment (AWS's
// documented example key pair; the token is made up).
const role = {
  accessKeyId: 'ASIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  sessionToken: 'IQoJb3JpZ2luX2VjEXAMPLE-session-token//of+the+caller+function==',
  principalArn: 'arn:aws:sts::123456789012:assumed-role/checkout-role/checkout-function',
};
const API_URL = 'https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/prod';

let emulator: IamEmulator;
beforeAll(async () => {
  // No region given: the emulator takes it from the Host, as API Gateway would.
  emulator = await startIamEmulator({
    emulate: 'apigateway-rest',
    credentials: [role],
    resolver: ({ raw }) => ({
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: raw.target.split('/').at(-1), total: 42 }),
    }),
  });
});
afterAll(() => emulator.close());

beforeEach(() => {
  vi.resetModules(); // a fresh execution environment: credentials are read again
  vi.stubGlobal('fetch', routeToEmulator(emulator.url));
  vi.stubEnv('AWS_ACCESS_KEY_ID', role.accessKeyId);
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', role.secretAccessKey);
  vi.stubEnv('AWS_SESSION_TOKEN', role.sessionToken);
  vi.stubEnv('AWS_REGION', 'eu-west-1');
  vi.stubEnv('ORDERS_API_URL', API_URL);
});

async function invoke(event: { orderId: string }) {
  const { handler } = await import('../src/handler.mjs');
  return handler(event);
}

describe('Lambda handler calling an IAM-protected REST API with its role credentials', () => {
  it('signs with the session credentials from the environment; the API sees the role', async () => {
    const result = await invoke({ orderId: 'ord 42' });
    expect(result).toEqual({ statusCode: 200, body: '{"order":{"id":"ord%2042","total":42}}' });

    const arrived = emulator.requests.at(-1);
    expect(arrived?.raw.host).toBe('a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com');
    expect(arrived?.raw.target).toBe('/prod/orders/ord%2042');
    const token = arrived?.raw.headers.find(([name]) => name === 'x-amz-security-token');
    expect(token?.[1]).toBe(role.sessionToken);
    expect(arrived?.result).toMatchObject({
      ok: true,
      identity: {
        accessKeyId: role.accessKeyId,
        principalArn: role.principalArn,
        region: 'eu-west-1', // inferred from the host on both sides
        service: 'execute-api',
      },
    });
    if (!arrived?.result.ok) throw new Error('refused');
    expect(arrived.result.identity.signedHeaders).toContain('x-amz-security-token');
  });

  it('a stale session token gets "The security token included in the request is invalid."', async () => {
    vi.stubEnv('AWS_SESSION_TOKEN', 'an-expired-token');
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const result = await invoke({ orderId: '1' });
    expect(result.statusCode).toBe(502);
    const refusal = emulator.requests.at(-1)?.result;
    expect(refusal?.ok).toBe(false);
    expect(errors).toHaveBeenCalledWith(
      'orders API refused',
      403,
      '{"message":"The security token included in the request is invalid."}',
    );
  });

  it('without ORDERS_API_URL the handler says which variable to set', async () => {
    vi.stubEnv('ORDERS_API_URL', '');
    await expect(invoke({ orderId: '1' })).rejects.toThrow(/ORDERS_API_URL/);
  });
});
