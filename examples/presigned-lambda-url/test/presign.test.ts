import { type IamEmulator, startIamEmulator } from '@sigv4/msw/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { presignReportUrl } from '../src/presign-report-url.mjs';

const credentials = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
};

let emulator: IamEmulator;
beforeAll(async () => {
  emulator = await startIamEmulator({
    emulate: 'lambda-url',
    region: 'eu-central-1',
    credentials: [credentials],
  });
});
afterAll(() => emulator.close());

const presign = (user: string) =>
  presignReportUrl(
    `${emulator.url}/`,
    { user },
    { service: 'lambda', region: 'eu-central-1', credentials },
  );

describe('presigned Lambda function URL (Node side)', () => {
  it('a plain fetch of the presigned URL is verified, the parameters signed in the query', async () => {
    const url = await presign('Bjarne Stroustrup');
    const response = await fetch(url);
    expect(response.status).toBe(200);
    const arrived = emulator.requests.at(-1);
    expect(arrived?.raw.target).toMatch(/^\/report\?/);
    expect(arrived?.raw.target).toContain('user=Bjarne%20Stroustrup');
    expect(arrived?.raw.target).toContain('X-Amz-Expires=60');
    expect(arrived?.raw.headers.some(([name]) => name.toLowerCase() === 'authorization')).toBe(
      false,
    );
    expect(arrived?.result).toMatchObject({
      ok: true,
      identity: {
        mode: 'query',
        signedHeaders: ['host'],
        service: 'lambda',
        region: 'eu-central-1',
      },
    });
  });

  it('changing a parameter of the presigned URL gets the 403 AWS gives', async () => {
    const url = await presign('Ada Lovelace');
    const tampered = url.replace('user=Ada%20Lovelace', 'user=Mallory');
    expect(tampered).not.toBe(url);
    const response = await fetch(tampered);
    expect(response.status).toBe(403);
    expect(response.headers.get('x-amzn-errortype')).toBe('InvalidSignatureException');
    expect(await response.text()).toMatch(/The request signature we calculated does not match/);
  });

  it('the function URL without a signature answers {"Message":"Forbidden"}', async () => {
    const response = await fetch(`${emulator.url}/report?user=Ada`);
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ Message: 'Forbidden' });
    expect(response.headers.get('x-amzn-errortype')).toBe('AccessDeniedException');
  });
});
