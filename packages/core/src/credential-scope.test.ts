import { createScope } from '@smithy/signature-v4';
import { expect, it } from 'vitest';
import { signWireRequest } from './index.node.js';

it("the credential scope in the signature is smithy's createScope", async () => {
  const signed = await signWireRequest(
    { method: 'GET', host: 'abc.lambda-url.ap-south-2.on.aws', path: '/' },
    {
      credentials: {
        accessKeyId: 'AKIDEXAMPLE',
        secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
      },
      service: 'lambda',
      region: 'ap-south-2',
      signingDate: new Date('2026-02-28T23:59:59Z'),
    },
  );
  expect(signed.headers.authorization).toContain(
    `Credential=AKIDEXAMPLE/${createScope('20260228', 'ap-south-2', 'lambda')},`,
  );
});
