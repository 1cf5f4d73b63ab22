/**
 * The orders service's function: the Lambda proxy integration behind its REST API, whose
 * `GET /orders/{id}` uses AWS_IAM authorization. By the time it runs, API Gateway has checked the
 * caller's signature and IAM has allowed `execute-api:Invoke`; who called is in
 * `event.requestContext.identity`.
 *
 * @param {import('aws-lambda').APIGatewayProxyEvent} event
 * @returns {Promise<import('aws-lambda').APIGatewayProxyResult>}
 */
export const handler = async (event) => {
  const { identity } = event.requestContext;
  const id = decodeURIComponent(event.path.split('/').at(-1) ?? '');
  return {
    statusCode: 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ id, total: 42, requestedBy: identity.userArn }),
  };
};
