import { addSigV4Interceptor } from '@sigv4/axios';
import axios from 'axios';

/**
 * An axios client for an IAM-protected API Gateway API: every request it sends is SigV4-signed,
 * after your other interceptors, exactly as it goes on the wire.
 *
 * Against AWS pass only `baseURL`: the service and region come from its host, the credentials
 * from the environment or the AWS SDK default chain. For a custom domain or a local endpoint,
 * pass `service` and `region` too.
 *
 * @param {{ baseURL: string } & import('@sigv4/axios').SigV4InterceptorOptions} options
 */
export function createApiClient({ baseURL, ...signing }) {
  const api = axios.create({ baseURL, timeout: 10_000 });
  addSigV4Interceptor(api, signing);
  return api;
}

/**
 * @param {import('axios').AxiosInstance} api
 * @param {string} query
 */
export async function searchBooks(api, query) {
  const { data } = await api.get('/books', { params: { q: query, limit: 5 } });
  return data;
}

/**
 * @param {import('axios').AxiosInstance} api
 * @param {{ title: string, author: string }} book
 */
export async function addBook(api, book) {
  const { data } = await api.post('/books', book);
  return data;
}
