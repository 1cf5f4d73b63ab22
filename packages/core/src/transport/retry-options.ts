import { invalidOption } from './invalid-option.js';

/** When and how often a failed request is sent again. Every attempt is signed afresh. */
export interface RetryOptions {
  /**
   * Attempts after the first, 0 to 10.
   * @default 2 when `retry` is an object, 0 when `retry` is absent
   * @example { retry: { limit: 3 } }
   */
  limit?: number | undefined;
  /**
   * Methods that may be retried. Non-idempotent methods (POST, PATCH) are retried only when listed here.
   * @default ['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']
   * @example { retry: { methods: ['GET', 'POST'] } }
   */
  methods?: readonly string[] | undefined;
  /**
   * Response statuses that are retried (network errors are retried too; aborts never).
   * @default [408, 429, 500, 502, 503, 504]
   * @example { retry: { statusCodes: [503] } }
   */
  statusCodes?: readonly number[] | undefined;
  /**
   * Milliseconds to wait before retry number `attempt` (1-based). A `Retry-After` in seconds
   * is honoured up to 30 s.
   * @default (attempt) => Math.min(300 * 2 ** (attempt - 1), 5000)
   * @example { retry: { delay: () => 0 } }
   */
  delay?: ((attempt: number) => number) | undefined;
}

/** Retry options with their defaults applied and checked. */
export interface RetryPolicy {
  readonly limit: number;
  readonly methods: ReadonlySet<string>;
  readonly statusCodes: ReadonlySet<number>;
  readonly delay: (attempt: number) => number;
}

const DEFAULT_METHODS = ['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE'];
const DEFAULT_STATUS_CODES = [408, 429, 500, 502, 503, 504];
const defaultDelay = (attempt: number): number => Math.min(300 * 2 ** (attempt - 1), 5000);

/** No retries: what `retry` absent means. */
export const NO_RETRY: RetryPolicy = {
  limit: 0,
  methods: new Set(DEFAULT_METHODS),
  statusCodes: new Set(DEFAULT_STATUS_CODES),
  delay: defaultDelay,
};

/**
 * Checks `retry` (a number or `RetryOptions`) and applies the defaults. Every sub-option is
 * checked here, at construction: a wrong type is `ERR_SIGV4_INVALID_OPTION` naming it
 * (`retry.methods`), never a TypeError on the first request.
 */
export function resolveRetry(given: unknown, owner: string): RetryPolicy {
  if (given === undefined) return NO_RETRY;
  if (typeof given === 'number') return { ...NO_RETRY, limit: checkLimit(given, owner, 'retry') };
  if (typeof given !== 'object' || given === null || Array.isArray(given)) {
    throw invalidOption(
      owner,
      'retry',
      'a whole number from 0 to 10, or { limit, methods, statusCodes, delay }',
    );
  }
  const options = given as Record<string, unknown>;
  for (const key of Object.keys(options)) {
    if (!['limit', 'methods', 'statusCodes', 'delay'].includes(key)) {
      throw invalidOption(
        owner,
        `retry.${key}`,
        'absent: retry takes limit, methods, statusCodes and delay',
      );
    }
  }
  const limit = options.limit === undefined ? 2 : checkLimit(options.limit, owner, 'retry.limit');
  const methods = options.methods ?? DEFAULT_METHODS;
  if (
    !Array.isArray(methods) ||
    methods.some((m) => typeof m !== 'string' || !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(m))
  ) {
    throw invalidOption(owner, 'retry.methods', "an array of method names such as ['GET', 'PUT']");
  }
  const statusCodes = options.statusCodes ?? DEFAULT_STATUS_CODES;
  if (
    !Array.isArray(statusCodes) ||
    statusCodes.some((s) => typeof s !== 'number' || !Number.isInteger(s) || s < 100 || s > 599)
  ) {
    throw invalidOption(
      owner,
      'retry.statusCodes',
      'an array of HTTP statuses (numbers 100-599) such as [503]',
    );
  }
  const delay = options.delay ?? defaultDelay;
  if (typeof delay !== 'function') {
    throw invalidOption(owner, 'retry.delay', 'a function (attempt) => milliseconds');
  }
  return {
    limit,
    methods: new Set((methods as string[]).map((m) => m.toUpperCase())),
    statusCodes: new Set(statusCodes as number[]),
    delay: delay as (attempt: number) => number,
  };
}

function checkLimit(value: unknown, owner: string, name: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0 || value > 10) {
    throw invalidOption(owner, name, 'a whole number from 0 to 10');
  }
  return value;
}
