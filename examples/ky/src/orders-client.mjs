import { createSignedFetch } from '@sigv4/fetch';
import ky from 'ky';

/**
 * A ky instance for an IAM-protected API Gateway API: ky calls the signed fetch for every
 * attempt, so a retry is signed again (fresh `x-amz-date` and signature), never replayed.
 *
 * Against AWS pass only `apiUrl`: service and region come from its host, credentials from the
 * environment or the AWS SDK default chain. For a custom domain or a local endpoint, pass
 * `service` and `region` too.
 *
 * @param {{ apiUrl: string } & import('@sigv4/fetch').SignedFetchOptions} options
 */
export function createOrdersClient({ apiUrl, ...signing }) {
  return ky.create({
    prefixUrl: apiUrl,
    fetch: createSignedFetch(signing),
    timeout: 10_000,
    retry: { limit: 2, backoffLimit: 1_000 },
  });
}

/**
 * @param {import('ky').KyInstance} api
 * @param {string} orderId
 */
export function getOrder(api, orderId) {
  return api.get(`orders/${encodeURIComponent(orderId)}`).json();
}

/**
 * @param {import('ky').KyInstance} api
 * @param {{ sku: string, quantity: number }} order
 */
export function placeOrder(api, order) {
  return api.post('orders', { json: order }).json();
}
