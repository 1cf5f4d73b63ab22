/**
 * True when a request already carries a signature or credentials of its own: an
 * `Authorization` header, or a presigned URL (a query parameter *named* `X-Amz-Signature`).
 * Decided on the parsed parameter names, never by substring: `?next=...X-Amz-Signature=1` in
 * a value is an ordinary query, and such a request is signed.
 *
 * @example
 * if (isAlreadySigned(headers, url)) return fetch(input, init); // sent as it is
 */
export function isAlreadySigned(
  headers: { has(name: string): boolean },
  url: URL | string,
): boolean {
  if (headers.has('authorization')) return true;
  const search = typeof url === 'string' ? queryOf(url) : url.search;
  if (search.length < 2 || !/x-amz-signature/i.test(search)) return false;
  for (const name of new URLSearchParams(search).keys()) {
    if (name.toLowerCase() === 'x-amz-signature') return true;
  }
  return false;
}

function queryOf(url: string): string {
  const hash = url.indexOf('#');
  const path = hash < 0 ? url : url.slice(0, hash);
  const start = path.indexOf('?');
  return start < 0 ? '' : path.slice(start);
}
