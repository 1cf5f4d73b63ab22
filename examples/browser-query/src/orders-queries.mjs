import { fromCognitoIdentityPool } from '@aws-sdk/credential-providers';
import { createSignedFetch } from '@sigv4/fetch';
import { QueryClient } from '@tanstack/query-core';

/**
 * Browser code: TanStack Query calling an IAM-protected API with the temporary credentials of a
 * Cognito identity pool (guest or signed-in identities). The credentials provider is called once,
 * then again only shortly before the credentials expire; every request, retries included, is
 * signed with them (`x-amz-security-token` included).
 *
 * @param {{
 *   apiUrl: string,
 *   identityPoolId: string,
 *   cognitoEndpoint?: string,
 * } & Omit<import('@sigv4/fetch').SignedFetchOptions, 'credentials'>} options
 *   `apiUrl`: `https://{api-id}.execute-api.{region}.amazonaws.com/{stage}` (service and region
 *   come from its host; pass `service` and `region` for a custom domain). `identityPoolId`:
 *   `{region}:{uuid}`, the pool's region comes from it. `cognitoEndpoint`: only to point the
 *   Cognito client somewhere else than AWS (the test answers it locally).
 */
export function createOrdersQueries({ apiUrl, identityPoolId, cognitoEndpoint, ...signing }) {
  const poolRegion = identityPoolId.split(':')[0] ?? '';
  const signedFetch = createSignedFetch({
    ...signing,
    credentials: fromCognitoIdentityPool({
      identityPoolId,
      clientConfig: cognitoEndpoint
        ? { region: poolRegion, endpoint: cognitoEndpoint }
        : { region: poolRegion },
    }),
  });

  /** @param {string} orderId */
  const orderQuery = (orderId) => ({
    queryKey: ['order', orderId],
    /** @param {{ signal: AbortSignal }} context */
    queryFn: async ({ signal }) => {
      const response = await signedFetch(`${apiUrl}/orders/${encodeURIComponent(orderId)}`, {
        signal,
      });
      if (!response.ok) throw new Error(`orders API answered ${response.status}`);
      return /** @type {Promise<{ id: string }>} */ (response.json());
    },
  });

  const queryClient = new QueryClient({
    defaultOptions: { queries: { staleTime: 60_000, retry: 2, retryDelay: 200 } },
  });
  return {
    queryClient,
    /** For `useQuery(orderQuery(id))` in React, Vue, Solid or Svelte. */
    orderQuery,
    /** @param {string} orderId */
    order: (orderId) => queryClient.fetchQuery(orderQuery(orderId)),
  };
}
