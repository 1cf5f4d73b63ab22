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
  const url = isPlainHttpUrl(config) ? config.url : serialise(config);
  const base = config.socketPath ? 'http://localhost' : pageLocation();
  if (base === undefined) return url;
  try {
    return new URL(url, base).href;
  } catch {
    return url;
  }
}

const HTTP_URL = /^https?:\/\//i;

/**
 * True when `getUri` would return `url` unchanged: no params to serialise (buildURL returns the
 * URL as it is), and an absolute http(s) URL that `baseURL` does not apply to (buildFullPath
 * returns it as it is). The common case, which then skips getUri's config merge.
 */
function isPlainHttpUrl(
  config: AxiosRequestConfig,
): config is AxiosRequestConfig & { url: string } {
  return (
    config.params == null &&
    typeof config.url === 'string' &&
    HTTP_URL.test(config.url) &&
    (!config.baseURL || config.allowAbsoluteUrls !== false)
  );
}

function serialise(config: AxiosRequestConfig): string {
  const slim: AxiosRequestConfig = {};
  if (config.url !== undefined) slim.url = config.url;
  if (config.baseURL !== undefined) slim.baseURL = config.baseURL;
  if (config.params !== undefined) slim.params = config.params;
  if (config.paramsSerializer !== undefined) slim.paramsSerializer = config.paramsSerializer;
  if (config.allowAbsoluteUrls !== undefined) slim.allowAbsoluteUrls = config.allowAbsoluteUrls;
  return bare.getUri(slim);
}

function pageLocation(): string | undefined {
  const location = (globalThis as { location?: { href?: unknown } }).location;
  return typeof location?.href === 'string' ? location.href : undefined;
}
