import { Axios, type AxiosRequestConfig } from 'axios';

// A bare Axios with no defaults: its public `getUri` joins baseURL and url and serialises
// params exactly as the adapters do (buildFullPath + buildURL), without merging any defaults
// a second time (the config reaching an adapter is already merged).
const bare = new Axios({});

/**
 * The absolute URL axios will request for `config`: `baseURL` joined with `url` (or `url` alone
 * when absolute and allowed), then `params` serialised with the configured serializer. A
 * relative result is resolved against `http://localhost` for a Unix socket (as the Node
 * adapter does) and against the page's location in a browser.
 */
export function requestUrl(config: AxiosRequestConfig): string {
  const slim: AxiosRequestConfig = {};
  if (config.url !== undefined) slim.url = config.url;
  if (config.baseURL !== undefined) slim.baseURL = config.baseURL;
  if (config.params !== undefined) slim.params = config.params;
  if (config.paramsSerializer !== undefined) slim.paramsSerializer = config.paramsSerializer;
  if (config.allowAbsoluteUrls !== undefined) slim.allowAbsoluteUrls = config.allowAbsoluteUrls;
  const url = bare.getUri(slim);
  const base = config.socketPath ? 'http://localhost' : pageLocation();
  if (base === undefined) return url;
  try {
    return new URL(url, base).href;
  } catch {
    return url;
  }
}

function pageLocation(): string | undefined {
  const location = (globalThis as { location?: { href?: unknown } }).location;
  return typeof location?.href === 'string' ? location.href : undefined;
}
