import { isSigV4Error } from '@sigv4/core';
import { AxiosError, type InternalAxiosRequestConfig } from 'axios';

type FollowRedirectsCode = 'ERR_FR_TOO_MANY_REDIRECTS' | 'ERR_FR_REDIRECTION_FAILURE';

/**
 * An error shaped as follow-redirects' (under axios's http adapter) for the same case: its
 * `name` (`Error [ERR_FR_...]`), `code`, message and `cause`.
 */
export function followRedirectsError(
  code: FollowRedirectsCode,
  message: string,
  cause: unknown,
): Error {
  const error = new Error(message, { cause });
  error.name = `Error [${code}]`;
  return Object.assign(error, { code });
}

/** follow-redirects' refusal of a hop, for a `beforeRedirect` that threw `cause`. */
export function redirectionFailure(cause: unknown): Error {
  const detail = (cause as { message?: unknown } | null)?.message;
  const message = `Redirected request failed${typeof detail === 'string' ? `: ${detail}` : ''}`;
  return followRedirectsError('ERR_FR_REDIRECTION_FAILURE', message, cause);
}

/**
 * The pipeline's redirect refusals, told apart by `code` (never by message), as axios's http
 * adapter rejects for the same cases: `AxiosError.from` of follow-redirects' error, with the
 * last hop's request as `error.request` and follow-redirects' error (whose `cause` is the
 * pipeline's) as `cause`. Anything else is returned as it is.
 */
export function axiosRedirectError(
  error: unknown,
  config: InternalAxiosRequestConfig,
  request: unknown,
): unknown {
  let cause: Error | undefined;
  if (isSigV4Error(error, 'ERR_SIGV4_TOO_MANY_REDIRECTS')) {
    cause = followRedirectsError(
      'ERR_FR_TOO_MANY_REDIRECTS',
      'Maximum number of redirects exceeded',
      error,
    );
  } else if (isSigV4Error(error, 'ERR_SIGV4_REDIRECT_FAILED')) {
    cause = followRedirectsError(
      'ERR_FR_REDIRECTION_FAILURE',
      `Redirected request failed: ${error.detail}`,
      error,
    );
  } else if ((error as { code?: unknown } | null)?.code === 'ERR_FR_REDIRECTION_FAILURE') {
    cause = error as Error; // a beforeRedirect that refused the hop
  }
  return cause === undefined ? error : AxiosError.from(cause, undefined, config, request);
}
