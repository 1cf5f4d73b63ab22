/** What the local server keeps of the requests it received: a bounded ring, large bodies hashed. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IamEmulator, RecordedRequest } from '../src/contract.js';
import { startIamEmulator } from '../src/server.js';
import { awsClient, KEY, sha256 } from './helpers.js';

let emulator: IamEmulator;
const seen: RecordedRequest[] = [];
beforeAll(async () => {
  emulator = await startIamEmulator({
    emulate: 'apigateway-http',
    region: 'us-east-1',
    credentials: [KEY],
    recordRequests: 3,
    recordBodyBytes: 8,
    onRequest: (recorded) => seen.push(recorded),
  });
});
afterAll(() => emulator.close());

const api = awsClient('execute-api', 'us-east-1');

describe('recorded requests', () => {
  it('keeps the last N, counts all, and calls onRequest for each', async () => {
    for (let i = 0; i < 5; i++) {
      expect((await fetch(await api.sign(`${emulator.url}/n/${i}`))).status).toBe(200);
    }
    expect(emulator.requests.map((r) => r.raw.target)).toEqual(['/n/2', '/n/3', '/n/4']);
    expect(emulator.received).toBe(5);
    expect(seen.map((r) => r.raw.target)).toEqual(['/n/0', '/n/1', '/n/2', '/n/3', '/n/4']);
  });

  it('keeps a small body; a larger one only as SHA-256 and length', async () => {
    const small = 'tiny';
    const large = 'x'.repeat(100);
    for (const body of [small, large]) {
      const signed = await api.sign(`${emulator.url}/b`, {
        method: 'POST',
        body,
        headers: { 'x-amz-content-sha256': sha256(body) },
      });
      expect((await fetch(signed)).status).toBe(200);
    }
    const [first, second] = emulator.requests.slice(-2);
    expect(new TextDecoder().decode(first?.raw.body)).toBe(small);
    expect(first?.body).toEqual({ byteLength: 4, sha256: sha256(small), kept: true });
    expect(second?.raw.body.byteLength).toBe(0);
    expect(second?.body).toEqual({ byteLength: 100, sha256: sha256(large), kept: false });
  });

  it('refuses a recordRequests that is not a whole number', async () => {
    await expect(
      startIamEmulator({ emulate: 'lambda-url', credentials: [KEY], recordRequests: -1 }),
    ).rejects.toMatchObject({ code: 'ERR_SIGV4_INVALID_OPTION' });
  });
});
