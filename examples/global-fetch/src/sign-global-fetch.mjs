import { wrapGlobalFetch } from '@sigv4/fetch';

/**
 * From now on, every `fetch` to an AWS host (`*.execute-api.*.amazonaws.com`, `*.lambda-url.*.on.aws`,
 * ...) and to `apiUrl`'s host is SigV4-signed; every other request is left alone.
 *
 * Against AWS pass only `apiUrl`: the service and region come from its host, the credentials from
 * the environment or the AWS SDK default chain (profile, SSO, instance role...). A custom domain or
 * a local endpoint says nothing about AWS: pass `service` and `region` for it.
 *
 * @param {{ apiUrl: string } & import('@sigv4/fetch').WrapGlobalFetchOptions} options
 * @returns {() => void} puts the previous `fetch` back
 */
export function signGlobalFetch({ apiUrl, ...options }) {
  return wrapGlobalFetch({ ...options, hosts: [new URL(apiUrl).host] });
}
