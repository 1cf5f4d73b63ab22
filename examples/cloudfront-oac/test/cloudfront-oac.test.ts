import { createHash } from 'node:crypto';
import { type IamEmulator, startIamEmulator } from '@sigv4/msw/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveNote } from '../src/notes-client.mjs';
import { startCloudFrontStandIn } from './cloudfront-emulator.mjs';

// What CloudFront signs with (its service principal, in AWS); AWS's documented example keys.
const oac = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  principalArn: 'arn:aws:iam::123456789012:role/cloudfront-oac-stand-in',
};

let lambdaUrl: IamEmulator;
let cloudFront: Awaited<ReturnType<typeof startCloudFrontStandIn>>;
beforeAll(async () => {
  lambdaUrl = await startIamEmulator({
    emulate: 'lambda-url',
    region: 'eu-west-1',
    credentials: [oac],
  });
  cloudFront = await startCloudFrontStandIn({
    originUrl: lambdaUrl.url,
    region: 'eu-west-1',
    credentials: oac,
  });
});
afterAll(async () => {
  await cloudFront.close();
  await lambdaUrl.close();
});

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const note = { title: 'Hello', text: 'from the viewer' };

describe('Lambda function URL behind CloudFront OAC', () => {
  it('the viewer sends only the body hash; the function URL accepts what CloudFront signed', async () => {
    const echoed = await saveNote(cloudFront.url, note);

    const viewer = cloudFront.received.at(-1);
    expect(viewer?.headers.authorization).toBeUndefined(); // the browser holds no credentials
    expect(viewer?.headers['x-amz-content-sha256']).toBe(sha256(JSON.stringify(note)));

    const atOrigin = lambdaUrl.requests.at(-1);
    expect(new TextDecoder().decode(atOrigin?.raw.body)).toBe(JSON.stringify(note));
    expect(atOrigin?.result).toMatchObject({
      ok: true,
      identity: { principalArn: oac.principalArn, service: 'lambda', region: 'eu-west-1' },
    });
    if (!atOrigin?.result.ok) throw new Error('refused');
    expect(atOrigin.result.identity.signedHeaders).toContain('x-amz-content-sha256');
    expect(echoed).toMatchObject({ method: 'POST', path: '/api/notes' });
  });

  it('a POST without x-amz-content-sha256 is refused by the function URL', async () => {
    const response = await fetch(`${cloudFront.url}/api/notes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(note),
    });
    expect(response.status).toBe(403);
    expect(response.headers.get('x-amzn-errortype')).toBe('InvalidSignatureException');
    expect(await response.text()).toMatch(/The request signature we calculated does not match/);
    expect(lambdaUrl.requests.at(-1)?.result.ok).toBe(false);
  });

  it('a body changed after hashing is refused (the hash must be of the bytes sent)', async () => {
    const response = await fetch(`${cloudFront.url}/api/notes`, {
      method: 'POST',
      headers: { 'x-amz-content-sha256': sha256('{"title":"original"}') },
      body: '{"title":"tampered"}',
    });
    expect(response.status).toBe(403);
    expect(response.headers.get('x-amzn-errortype')).toBe('InvalidSignatureException');
  });

  it('a GET needs no hash', async () => {
    const response = await fetch(`${cloudFront.url}/api/notes`);
    expect(response.status).toBe(200);
    expect(lambdaUrl.requests.at(-1)?.result.ok).toBe(true);
  });
});
