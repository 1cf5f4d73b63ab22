/**
 * Options that would fail later, or with a misleading message, are refused at construction with
 * an `ERR_SIGV4_INVALID_OPTION` naming the option and what is wrong with it.
 */
import { describe, expect, it } from 'vitest';
import type { SigV4HandlerOptions } from '../src/contract.js';
import { isSigV4EmulatorError } from '../src/emulator-error.js';
import { startIamEmulator } from '../src/server.js';
import { sigv4Handler } from '../src/sigv4-handler.js';
import { KEY } from './helpers.js';
import { sign } from './signers.js';
import { sendMsw } from './wire.js';

const NOW = new Date('2026-12-06T14:00:00Z');

function refusal(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    expect(isSigV4EmulatorError(error, 'ERR_SIGV4_INVALID_OPTION')).toBe(true);
    return error as Error;
  }
  throw new Error('accepted');
}

describe('sigv4Handler without emulate', () => {
  it('refuses a host that names no front door, naming `emulate` (not a 500 on every request)', () => {
    const error = refusal(() => sigv4Handler({ hosts: 'api.example.com', credentials: [KEY] }));
    expect(error.message).toBe(
      "[sigv4/msw] Option `emulate` is needed for hosts 'api.example.com', which is neither an API Gateway (*.execute-api.*) nor a Lambda function URL (*.lambda-url.*) host. Pass emulate: 'apigateway-rest' | 'apigateway-http' | 'lambda-url'.",
    );
    expect(() =>
      sigv4Handler({
        hosts: ['*.execute-api.*.amazonaws.com', '*.example.com'],
        credentials: [KEY],
      }),
    ).toThrow("hosts '*.example.com'");
  });

  it.each([
    '*.execute-api.*.amazonaws.com',
    'a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com',
    '*.lambda-url.eu-west-1.on.aws',
    '*.execute-api.eu-west-1.localhost:*',
    '*.lambda-url.*.localhost:4566',
  ])('accepts %s, whose hosts say their front door', (hosts) => {
    expect(() => sigv4Handler({ hosts, credentials: [KEY] })).not.toThrow();
  });

  it('with emulate, the same host is guarded and verifies', async () => {
    const handler = sigv4Handler({
      hosts: 'api.example.com',
      emulate: 'apigateway-http',
      region: 'eu-west-1',
      credentials: [KEY],
      clock: () => NOW,
    });
    const signed = await sign('aws4', {
      method: 'GET',
      host: 'api.example.com',
      path: '/items',
      query: '',
      service: 'execute-api',
      region: 'eu-west-1',
      creds: KEY,
      date: NOW,
    });
    const answer = await sendMsw(handler, signed);
    expect(answer.status, answer.body).toBe(200);
  });
});

describe('credentials given as one object instead of a list', () => {
  const one = KEY as unknown as SigV4HandlerOptions['credentials'];

  it('sigv4Handler says it is one object, not that it is empty', () => {
    const error = refusal(() =>
      sigv4Handler({ hosts: '*.execute-api.*.amazonaws.com', credentials: one }),
    );
    expect(error.message).toBe(
      '[sigv4/msw] Option `credentials` is one object, not a list. Pass a list of the keys to accept: credentials: [{ accessKeyId, secretAccessKey }].',
    );
  });

  it('startIamEmulator says the same', async () => {
    await expect(startIamEmulator({ emulate: 'lambda-url', credentials: one })).rejects.toThrow(
      'Option `credentials` is one object, not a list.',
    );
  });

  it('an empty list is still "is empty"', () => {
    expect(
      refusal(() =>
        sigv4Handler({ hosts: 'a.example.com', emulate: 'lambda-url', credentials: [] }),
      ).message,
    ).toContain('Option `credentials` is empty.');
  });
});
