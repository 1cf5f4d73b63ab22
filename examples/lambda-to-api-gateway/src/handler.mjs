import { createSignedFetch } from '@sigv4/fetch';

// Once per execution environment. No options: the credentials are the function role's session
// credentials Lambda puts in the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY,
// AWS_SESSION_TOKEN); service and region come from the API's host.
const signedFetch = createSignedFetch();

/**
 * Looks up an order in the orders service's IAM-protected API Gateway API.
 * ORDERS_API_URL: https://{api-id}.execute-api.{region}.amazonaws.com/{stage}
 *
 * @param {{ orderId: string }} event
 * @returns {Promise<{ statusCode: number, body: string }>}
 */
export const handler = async (event) => {
  const apiUrl = process.env.ORDERS_API_URL;
  if (!apiUrl) throw new Error('Set ORDERS_API_URL in the function configuration.');
  const response = await signedFetch(`${apiUrl}/orders/${encodeURIComponent(event.orderId)}`, {
    headers: { accept: 'application/json' },
  });
  if (!response.ok) {
    console.error('orders API refused', response.status, await response.text());
    return { statusCode: 502, body: JSON.stringify({ error: 'orders API unavailable' }) };
  }
  return { statusCode: 200, body: JSON.stringify({ order: await response.json() }) };
};
