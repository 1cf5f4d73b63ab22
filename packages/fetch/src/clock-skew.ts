import { serverTimeFromSkewError } from '@sigv4/core/internal';

/**
 * The server's time, when `response` is a clock-skew refusal (403 "Signature expired" or
 * "Signature not yet current"); `undefined` for any other response. Reads a clone, so the
 * response itself stays unread; skips bodies over 64 KiB.
 */
export async function serverDateFromSkewError(response: Response): Promise<Date | undefined> {
  if (response.status !== 403 || response.bodyUsed) return undefined;
  const length = Number(response.headers.get('content-length') ?? 0);
  if (length > 65_536) return undefined;
  let body: string;
  try {
    body = await response.clone().text();
  } catch {
    return undefined;
  }
  return serverTimeFromSkewError({
    status: response.status,
    dateHeader: response.headers.get('date'),
    body,
  });
}
