/**
 * A request dated only by an HTTP-form `Date` header (RFC 7231), no `X-Amz-Date`: AWS's API
 * references ("Common Parameters") allow leaving `X-Amz-Date` out only when `Date` is ISO 8601
 * basic, so every front door refuses it (docs/AWS-BEHAVIOUR.md: documented, not confirmed live).
 * Signed by aws4, which signs `date;host` and dates the string to sign from the `Date` header
 * when told not to add headers of its own.
 */
import aws4 from 'aws4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmulatedService, IamEmulator, RawRequest } from '../src/contract.js';
import { startIamEmulator } from '../src/server.js';
import { sigv4Handler } from '../src/sigv4-handler.js';
import { KEY } from './helpers.js';
import { sendMsw, sendRaw } from './wire.js';

const HTTP_DATE = 'Sun, 06 Dec 2026 13:58:18 GMT';
const clock = () => new Date('2026-12-06T13:58:20Z');

const doors: ReadonlyArray<{ emulate: EmulatedService; host: string; service: string }> = [
  {
    emulate: 'apigateway-rest',
    host: 'abc123defg.execute-api.eu-west-1.amazonaws.com',
    service: 'execute-api',
  },
  {
    emulate: 'apigateway-http',
    host: 'abc123defg.execute-api.eu-west-1.amazonaws.com',
    service: 'execute-api',
  },
  {
    emulate: 'lambda-url',
    host: 'abcdefghijklmnopqrstuvwxyz012345.lambda-url.eu-west-1.on.aws',
    service: 'lambda',
  },
];

function signWithHttpDate(host: string, service: string): RawRequest {
  const signed = aws4.sign(
    {
      host,
      path: '/prod/items',
      method: 'GET',
      service,
      region: 'eu-west-1',
      headers: { Date: HTTP_DATE },
      doNotModifyHeaders: true,
    },
    KEY,
  );
  const headers = Object.entries(signed.headers ?? {}).map(
    ([name, value]) => [name, String(value)] as const,
  );
  return { method: 'GET', host, target: '/prod/items', headers, body: new Uint8Array() };
}

const emulators: IamEmulator[] = [];
beforeAll(async () => {
  for (const door of doors) {
    emulators.push(await startIamEmulator({ emulate: door.emulate, credentials: [KEY], clock }));
  }
});
afterAll(async () => {
  for (const emulator of emulators) await emulator.close();
});

describe('Date header in the HTTP form, no X-Amz-Date', () => {
  it.each(doors.map((door, i) => [door.emulate, i] as const))(
    '%s refuses it on the socket and under msw',
    async (_name, i) => {
      const door = doors[i];
      const emulator = emulators[i];
      if (door === undefined || emulator === undefined) throw new Error('no emulator');
      const raw = signWithHttpDate(door.host, door.service);
      const authorization = raw.headers.find(([n]) => n.toLowerCase() === 'authorization')?.[1];
      expect(authorization).toContain('SignedHeaders=date;host,');
      expect(raw.headers.some(([n]) => n.toLowerCase() === 'x-amz-date')).toBe(false);

      const handler = sigv4Handler({
        hosts: door.host,
        emulate: door.emulate,
        credentials: [KEY],
        clock,
      });
      for (const answer of [await sendRaw(emulator.port, raw), await sendMsw(handler, raw)]) {
        expect(answer.status).toBe(403);
        expect(answer.errorType).toBe('IncompleteSignatureException');
        expect(JSON.parse(answer.body)).toEqual({
          message: `Date must be in ISO-8601 'basic format'. Got '${HTTP_DATE}'. See http://en.wikipedia.org/wiki/ISO_8601`,
        });
      }
    },
  );
});
