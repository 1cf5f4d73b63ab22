import { expect, it } from 'vitest';
import { portableHashProvider } from '../src/hash/hash-portable.js';
import * as portableEntry from '../src/index.js';
import * as nodeEntry from '../src/index.node.js';

const credentials = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  sessionToken: 'example-token',
};

it.each([0, 1_000, 64 * 1024, 3 * 1024 * 1024 + 7])(
  'the portable entry signs a %i-byte body exactly as the Node entry does',
  async (size) => {
    const body = new Uint8Array(size).map((_, i) => (i * 31) % 256);
    const request = {
      method: 'PUT',
      host: 'abc.execute-api.eu-west-1.amazonaws.com',
      path: '/prod/upload',
      headers: { 'content-type': 'application/octet-stream' },
      body,
    };
    const options = {
      credentials,
      service: 'execute-api',
      region: 'eu-west-1',
      signingDate: new Date('2026-01-01T00:00:00Z'),
    };
    const [viaNode, viaPortable] = await Promise.all([
      nodeEntry.signWireRequest(request, options),
      portableEntry.signWireRequest(request, options),
    ]);
    expect(portableHashProvider.name).toBe('sha256-js');
    expect(viaPortable.headers).toEqual(viaNode.headers);
  },
);
