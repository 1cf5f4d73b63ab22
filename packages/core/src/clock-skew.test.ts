import { describe, expect, it } from 'vitest';
import { serverTimeFromSkewError } from './clock-skew.js';

// Texts as API Gateway, Lambda URLs and S3 send them (see @sigv4/msw's aws-errors.ts for sources).
const EXPIRED =
  '{"message":"Signature expired: 20230805T041907Z is now earlier than 20230805T042511Z (20230805T043011Z - 5 min.)"}';
const NOT_YET =
  '{"message":"Signature not yet current: 20230805T045000Z is still later than 20230805T043511Z (20230805T043011Z + 5 min.)"}';
const S3 =
  '<Error><Code>RequestTimeTooSkewed</Code><RequestTime>20230805T041907Z</RequestTime><ServerTime>2023-08-05T04:30:11Z</ServerTime></Error>';

describe('serverTimeFromSkewError', () => {
  it('prefers the Date header', () => {
    expect(
      serverTimeFromSkewError({
        status: 403,
        dateHeader: 'Sat, 05 Aug 2023 04:30:12 GMT',
        body: EXPIRED,
      }),
    ).toEqual(new Date('2023-08-05T04:30:12Z'));
  });

  it.each([
    ['expired', EXPIRED],
    ['not yet current', NOT_YET],
  ])('reads the server time from the %s message when the Date header is hidden', (_, body) => {
    expect(serverTimeFromSkewError({ status: 403, dateHeader: null, body })).toEqual(
      new Date('2023-08-05T04:30:11Z'),
    );
  });

  it("reads S3's ServerTime", () => {
    expect(serverTimeFromSkewError({ status: 403, body: S3 })).toEqual(
      new Date('2023-08-05T04:30:11Z'),
    );
  });

  it('is undefined for other refusals and other statuses', () => {
    expect(
      serverTimeFromSkewError({
        status: 403,
        dateHeader: 'Sat, 05 Aug 2023 04:30:12 GMT',
        body: '{"message":"Forbidden"}',
      }),
    ).toBeUndefined();
    expect(serverTimeFromSkewError({ status: 400, body: EXPIRED })).toBeUndefined();
    expect(
      serverTimeFromSkewError({
        status: 403,
        dateHeader: 'garbage',
        body: '{"message":"Signature expired"}',
      }),
    ).toBeUndefined();
  });
});
