// What every call reads of redirects (its mode, the hop limit, which statuses redirect); the
// redirect itself is followed by redirect.ts, which send-signed.ts loads on first use.

/** What the caller asked of redirects, as fetch's `redirect`. */
export type RedirectMode = 'follow' | 'manual' | 'error';

/**
 * A redirect of a signed request to another origin: `'follow-unsigned'` follows it without any
 * SigV4 header (as fetch drops `Authorization`), `'error'` refuses with
 * `ERR_SIGV4_REDIRECT_BLOCKED`.
 */
export type CrossOriginRedirect = 'follow-unsigned' | 'error';

/** The most redirects followed before the call fails, as fetch. */
export const MAX_REDIRECTS = 20;

/** Statuses fetch follows. 304 and 300 are answers, not redirects. */
export function isRedirectStatus(status: number): boolean {
  return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}
