/** What AWS says when a request's `x-amz-date` is more than 5 minutes off its own clock. */
const SKEW_MESSAGE = /Signature expired|Signature not yet current|RequestTimeTooSkewed/i;
/** `(20230805T043011Z - 5 min.)`: API Gateway and Lambda give their own time in the message. */
const NOW_IN_MESSAGE = /\((\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z [-+] \d+ min\.\)/;
/** S3 and others: `<ServerTime>2024-01-01T00:00:00Z</ServerTime>`. */
const SERVER_TIME = /<ServerTime>([^<]+)<\/ServerTime>/;

/**
 * The server's time, when `response` is a clock-skew refusal (403 "Signature expired" or
 * "Signature not yet current"); `undefined` for any other response. Reads a clone, so the
 * response itself stays unread. Prefers the `Date` header; browsers hide it from cross-origin
 * callers, so the time in the message is used next.
 */
export async function serverDateFromSkewError(response: Response): Promise<Date | undefined> {
  if (response.status !== 403 || response.bodyUsed) return undefined;
  const length = Number(response.headers.get('content-length') ?? 0);
  if (length > 65_536) return undefined;
  let text: string;
  try {
    text = await response.clone().text();
  } catch {
    return undefined;
  }
  if (!SKEW_MESSAGE.test(text)) return undefined;
  const header = response.headers.get('date');
  const fromHeader = header === null ? undefined : new Date(header);
  if (fromHeader !== undefined && !Number.isNaN(fromHeader.getTime())) return fromHeader;
  const now = NOW_IN_MESSAGE.exec(text);
  if (now) {
    const [, y, mo, d, h, mi, s] = now;
    return new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}Z`);
  }
  const serverTime = SERVER_TIME.exec(text)?.[1];
  const fromBody = serverTime === undefined ? undefined : new Date(serverTime);
  return fromBody !== undefined && !Number.isNaN(fromBody.getTime()) ? fromBody : undefined;
}
