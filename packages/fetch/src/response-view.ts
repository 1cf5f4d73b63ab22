/** What fetch's own `Response` would say about where it came from. */
export interface ResponseOrigin {
  readonly url: string;
  readonly redirected: boolean;
  readonly type: ResponseType;
}

/**
 * Makes `response` report `url`, `redirected` and `type` as fetch's own response would after
 * the redirects the pipeline followed (or after a 403 was re-wrapped to be read), and keeps
 * them on every `clone()`. The runtime's getters cannot be set, so they are shadowed by own
 * properties.
 */
export function withOrigin(response: Response, origin: ResponseOrigin): Response {
  const own = (value: unknown) => ({ value, configurable: true });
  Object.defineProperties(response, {
    url: own(origin.url),
    redirected: own(origin.redirected),
    type: own(origin.type),
    clone: own(function clone(this: Response): Response {
      return withOrigin(Response.prototype.clone.call(this), origin);
    }),
  });
  return response;
}
