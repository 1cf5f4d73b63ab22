/**
 * S3 keys go out in the form S3 computes after decoding each segment (unreserved characters bare,
 * the rest escaped once): `GET https://s3.amazonaws.com/b/%41` is sent as `/b/A`. That the
 * signature is aws-crt's for that path is checked on 500 random keys in
 * packages/core/test/s3-keys-aws-crt.test.ts; here, the path as fetch would send it.
 */
import { verifySigV4 } from '@sigv4/msw';
import { describe, expect, it } from 'vitest';
import { createSignedFetch } from '../src/index.js';
import { CREDENTIALS, KNOWN, rawOf, recordingFetch } from './helpers.js';

async function sendS3(path: string) {
  const rec = recordingFetch();
  const signedFetch = createSignedFetch({ credentials: CREDENTIALS, fetch: rec.fetch });
  await signedFetch(`https://s3.amazonaws.com${path}`);
  const sent = rec.sent[0];
  if (sent === undefined) throw new Error('nothing was sent');
  return rawOf(sent);
}

describe('createSignedFetch: S3 paths as S3 decodes them', () => {
  it.each([
    ['/b/%41', '/b/A'],
    ['/b/%7e%2D%5F', '/b/~-_'],
    ['/b/summer (1).jpg', '/b/summer%20%281%29.jpg'],
    ['/b/caf%c3%a9%2Bx+y', '/b/caf%C3%A9%2Bx%2By'],
    ['/b/a%2Fb', '/b/a%2Fb'],
  ])('%s goes out as %s', async (path, sentPath) => {
    expect((await sendS3(path)).target).toBe(sentPath);
  });

  it('/b/%41 is signed as /b/A (the canonical path @sigv4/msw computes from the wire)', async () => {
    const result = await verifySigV4(await sendS3('/b/%41'), {
      credentials: KNOWN,
      emulate: 'apigateway-rest',
      service: 's3',
      region: 'us-east-1',
      normalizePath: false,
    });
    expect(result).toMatchObject({ ok: true });
    if (result.ok) expect(result.identity.canonicalRequest.split('\n')[1]).toBe('/b/A');
  });
});
