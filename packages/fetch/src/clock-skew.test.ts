import { describe, expect, it } from 'vitest';
import { serverDateFromSkewError } from './clock-skew.js';

// Texts as API Gateway sends them (see /work/shared/AWS-BEHAVIOUR.md).
const expired =
  'Signature expired: 20230805T041907Z is now earlier than 20230805T042511Z (20230805T043011Z - 5 min.)';
const notYet =
  'Signature not yet current: 20230805T050000Z is still later than 20230805T043511Z (20230805T043011Z + 5 min.)';

const refusal = (message: string, headers: Record<string, string> = {}, status = 403) =>
  new Response(JSON.stringify({ message }), { status, headers });

describe('serverDateFromSkewError', () => {
  it.each([
    [
      'expired, Date header',
      refusal(expired, { date: 'Sat, 05 Aug 2023 04:30:12 GMT' }),
      '2023-08-05T04:30:12.000Z',
    ],
    [
      'expired, time from the message (browsers hide Date)',
      refusal(expired),
      '2023-08-05T04:30:11.000Z',
    ],
    ['not yet current, time from the message', refusal(notYet), '2023-08-05T04:30:11.000Z'],
    [
      'S3 RequestTimeTooSkewed',
      new Response(
        '<Error><Code>RequestTimeTooSkewed</Code><ServerTime>2023-08-05T04:30:11Z</ServerTime></Error>',
        { status: 403 },
      ),
      '2023-08-05T04:30:11.000Z',
    ],
  ])('%s', async (_name, response, iso) => {
    expect((await serverDateFromSkewError(response))?.toISOString()).toBe(iso);
    expect(response.bodyUsed).toBe(false);
  });

  it.each([
    [
      'another 403',
      refusal('Missing Authentication Token', { date: 'Sat, 05 Aug 2023 04:30:12 GMT' }),
    ],
    ['a skew text on a 200', refusal(expired, { date: 'Sat, 05 Aug 2023 04:30:12 GMT' }, 200)],
  ])('%s: undefined', async (_name, response) => {
    expect(await serverDateFromSkewError(response)).toBeUndefined();
  });
});
