const FETCH_NORMALISED = new Set(['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT']);

/**
 * The method as fetch sends it (WHATWG fetch, "normalize a method"): `DELETE`, `GET`, `HEAD`,
 * `OPTIONS`, `POST` and `PUT` are upper-cased whatever their case; any other method is sent,
 * and so signed, exactly as given (`patch` stays `patch`, and AWS sees `patch`).
 *
 * @example
 * normalizeMethod('post') // 'POST'
 * normalizeMethod('patch') // 'patch'
 */
export function normalizeMethod(method: string): string {
  const upper = method.toUpperCase();
  return FETCH_NORMALISED.has(upper) ? upper : method;
}
