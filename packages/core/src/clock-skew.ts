/** What AWS says when a request's `x-amz-date` is more than 5 minutes off its own clock. */
const SKEW_MESSAGE = /Signature expired|Signature not yet current|RequestTimeTooSkewed/i;
/** `(20230805T043011Z - 5 min.)`: API Gateway and Lambda give their own time in the message. */
const NOW_IN_MESSAGE = /\((\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z [-+] \d+ min\.\)/;
/** S3 and others: `<ServerTime>2024-01-01T00:00:00Z</ServerTime>`. */
const SERVER_TIME = /<ServerTime>([^<]+)<\/ServerTime>/;

/** A response as far as clock-skew detection needs it, whatever the HTTP client. */
export interface SkewResponse {
  readonly status: number;
  /** The `Date` response header, if the client can see it (browsers hide it cross-origin). */
  readonly dateHeader?: string | null | undefined;
  /** The response body as text. */
  readonly body: string;
}

const validDate = (value: string | undefined | null): Date | undefined => {
  if (value === undefined || value === null) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
};

/**
 * The server's time when a response is AWS's clock-skew refusal (403 "Signature expired",
 * "Signature not yet current", S3's `RequestTimeTooSkewed`), otherwise `undefined`. Pass it to
 * `signer.adjustClock()` and sign again. Prefers the `Date` header, then the time AWS writes in
 * the message, then S3's `<ServerTime>`.
 *
 * @example
 * const serverTime = serverTimeFromSkewError({ status: res.status, dateHeader: res.headers.get('date'), body: await res.clone().text() });
 * if (serverTime) signer.adjustClock(serverTime);
 */
export function serverTimeFromSkewError(response: SkewResponse): Date | undefined {
  if (response.status !== 403 || !SKEW_MESSAGE.test(response.body)) return undefined;
  const fromHeader = validDate(response.dateHeader);
  if (fromHeader) return fromHeader;
  const now = NOW_IN_MESSAGE.exec(response.body);
  if (now) {
    const [, y, mo, d, h, mi, s] = now;
    return validDate(`${y}-${mo}-${d}T${h}:${mi}:${s}Z`);
  }
  return validDate(SERVER_TIME.exec(response.body)?.[1]);
}
