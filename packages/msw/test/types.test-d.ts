import type {
  APIGatewayProxyHandler,
  APIGatewayProxyHandlerV2WithIAMAuthorizer,
  LambdaFunctionURLHandlerWithIAMAuthorizer,
} from 'aws-lambda';
import { describe, expectTypeOf, it } from 'vitest';
import { sigv4Handler } from '../src/index.js';
import type { EmulatedLambdaHandler, PolicyDocument } from '../src/server.js';
import { startIamEmulator } from '../src/server.js';

const key = { accessKeyId: 'AKIDTEST', secretAccessKey: 'test-secret' };
const credentials = [key];

describe('@sigv4/msw types', () => {
  it("a handler typed for one front door's event is accepted as it is", () => {
    const rest: APIGatewayProxyHandler = async (event) => ({
      statusCode: 200,
      body: event.requestContext.identity.userArn ?? '',
    });
    const http: APIGatewayProxyHandlerV2WithIAMAuthorizer = async (event) =>
      event.requestContext.authorizer.iam.userArn;
    const url: LambdaFunctionURLHandlerWithIAMAuthorizer = async (event) => ({
      statusCode: 200,
      body: event.requestContext.authorizer.iam.accountId,
    });
    void startIamEmulator({ emulate: 'apigateway-rest', credentials, handler: rest });
    void startIamEmulator({ emulate: 'apigateway-http', credentials, handler: http });
    sigv4Handler({ hosts: '*.lambda-url.eu-west-1.on.aws', credentials, handler: url });
    expectTypeOf(rest).toExtend<EmulatedLambdaHandler>();
  });

  it('policies are typed documents', () => {
    const policy: PolicyDocument = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: '*' }],
    };
    void startIamEmulator({
      emulate: 'apigateway-rest',
      credentials: [{ ...key, policies: [policy] }],
      resource: { accountId: '111122223333' },
    });
    // @ts-expect-error Effect is Allow or Deny
    const wrong: PolicyDocument = { Statement: { Effect: 'Permit', Action: '*', Resource: '*' } };
    void wrong;
  });
});
