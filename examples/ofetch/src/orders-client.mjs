import { createSignedFetch } from '@sigv4/fetch';
import { createFetch } from 'ofetch';

/**
 * An ofetch `$fetch` for an IAM-protected API Gateway API: ofetch calls the signed fetch for
 * every attempt, so a retry is signed again (fresh `x-amz-date` and signature), never replayed.
 *
 * Against AWS pass only `apiUrl`: service and region come from its host, credentials from the
 * environment or the AWS SDK default chain. For a custom domain or a local endpoint, pass
 * `service` and `region` too.
 *
 * @param {{ apiUrl: string } & import('@sigv4/fetch').SignedFetchOptions} options
 */
export function createOrdersClient({ apiUrl, ...signing }) {
  const $fetch = createFetch({ fetch: createSignedFetch(signing) });
  return $fetch.create({ baseURL: apiUrl, timeout: 10_000, retry: 2, retryDelay: 100 });
}

/**
 * @param {import('ofetch').$Fetch} api
 * @param {string} orderId
 */
export function getOrder(api, orderId) {
  return api(`/orders/${encodeURIComponent(orderId)}`);
}

/**
 * @param {import('ofetch').$Fetch} api
 * @param {{ sku: string, quantity: number }} order
 */
export function placeOrder(api, order) {
  return api('/orders', { method: 'POST', body: order });
}
