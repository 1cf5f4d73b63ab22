/**
 * The IAM policies of the scenario, as you would deploy them: the caller function role's identity
 * policy, and the orders API's resource policy (needed when the caller is in another account).
 */

/**
 * The checkout function role's identity policy: read orders on the orders API.
 * @param {string} ordersApiArn `arn:aws:execute-api:{region}:{account}:{api-id}`
 */
export const checkoutRolePolicy = (ordersApiArn) => ({
  Version: /** @type {const} */ ('2012-10-17'),
  Statement: [
    {
      Sid: 'ReadOrders',
      Effect: /** @type {const} */ ('Allow'),
      Action: 'execute-api:Invoke',
      Resource: `${ordersApiArn}/prod/GET/orders/*`,
    },
  ],
});

/**
 * The orders API's resource policy: lets the checkout role of another account read orders.
 * @param {string} ordersApiArn `arn:aws:execute-api:{region}:{account}:{api-id}`
 * @param {string} callerRoleArn `arn:aws:iam::{caller-account}:role/{role-name}`
 */
export const ordersApiResourcePolicy = (ordersApiArn, callerRoleArn) => ({
  Version: /** @type {const} */ ('2012-10-17'),
  Statement: [
    {
      Sid: 'CheckoutReadsOrders',
      Effect: /** @type {const} */ ('Allow'),
      Principal: { AWS: callerRoleArn },
      Action: 'execute-api:Invoke',
      Resource: `${ordersApiArn}/prod/GET/orders/*`,
    },
  ],
});
