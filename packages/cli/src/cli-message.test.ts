import { SigV4Error } from '@sigv4/core';
import { describe, expect, it } from 'vitest';
import { cliMessage } from './cli-message.js';

// Library messages speak of options (`Pass the service ... in the options`,
// `crossOriginRedirect: 'follow-unsigned'`); the CLI says the same with flags.
const LIBRARY_WORDS =
  /\[sigv4\]|in the options|option `|crossOriginRedirect|redirect: ['"]|provider|toStrictQuery|`credentials`/;

describe('cliMessage', () => {
  const cases: ReadonlyArray<readonly [string, SigV4Error, RegExp, RegExp]> = [
    [
      'an unknown host',
      new SigV4Error(
        'ERR_SIGV4_SCOPE_UNRESOLVED',
        `cannot tell which AWS service and region host "example.com" belongs to. Pass the service (for example 'execute-api' or 'lambda') and region (for example 'eu-west-1', or set AWS_REGION) in the options.`,
      ),
      /^cannot tell which AWS service and region host "example\.com" belongs to\.$/,
      /^pass --service NAME and --region REGION/,
    ],
    [
      'a host without a region',
      new SigV4Error(
        'ERR_SIGV4_SCOPE_UNRESOLVED',
        `cannot tell which AWS region host "127.0.0.1" belongs to. Pass the region (for example 'eu-west-1', or set AWS_REGION) in the options.`,
      ),
      /^cannot tell which AWS region host "127\.0\.0\.1" belongs to\.$/,
      /^pass --region REGION \(or set AWS_REGION\)\.$/,
    ],
    [
      'a cross-origin redirect refused',
      new SigV4Error(
        'ERR_SIGV4_REDIRECT_BLOCKED',
        "the server redirected a signed request to another origin (https://b.example); it was not followed, so the signature and session token stay with https://a.example. Pass crossOriginRedirect: 'follow-unsigned' to follow without the signature, or redirect: 'manual' to handle it yourself.",
        { method: 'GET', url: 'https://a.example/x?X-Amz-Signature=abc' },
      ),
      /^GET https:\/\/a\.example\/x\?…: the server redirected a signed request to another origin \(https:\/\/b\.example\); it was not followed, so the signature and session token stay with https:\/\/a\.example\.$/,
      /^drop --cross-origin-redirect refuse/,
    ],
    [
      'a failing credentials provider',
      new SigV4Error(
        'ERR_SIGV4_CREDENTIALS_PROVIDER_FAILED',
        'the credentials provider failed (see `cause`).',
        { cause: new Error('socket hang up') },
      ),
      /^could not get credentials: socket hang up$/,
      /or pass --profile NAME\.$/,
    ],
    [
      'expired credentials',
      new SigV4Error(
        'ERR_SIGV4_CREDENTIALS_EXPIRED',
        'the credentials for access key AKID…MPLE expired at 2024-01-01T00:00:00.000Z. Refresh them, or pass a provider.',
      ),
      /^the credentials for access key AKID…MPLE expired at 2024-01-01T00:00:00\.000Z\.$/,
      /^set AWS_ACCESS_KEY_ID/,
    ],
  ];
  it.each(cases)('%s: flags, not options', (_name, error, text, hint) => {
    const message = cliMessage(error);
    expect(message.text).toMatch(text);
    expect(message.hint).toMatch(hint);
    expect(`${message.text}\n${message.hint}`).not.toMatch(LIBRARY_WORDS);
  });
});
