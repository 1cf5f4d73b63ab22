import { describe, expect, it } from 'vitest';
import { isAwsHost } from './aws-host.js';

describe('isAwsHost', () => {
  it.each([
    ['abc123.execute-api.eu-west-1.amazonaws.com', true],
    ['ABC.EXECUTE-API.US-EAST-1.AMAZONAWS.COM.', true],
    ['abcdefghij.lambda-url.eu-west-1.on.aws', true],
    ['sts.cn-north-1.amazonaws.com.cn', true],
    ['s3.dualstack.us-east-1.api.aws', true],
    ['amazonaws.com.evil.example', false],
    ['notamazonaws.com', false],
    ['api.example.com', false],
    ['127.0.0.1', false],
    ['localhost', false],
  ])('%s -> %s', (host, expected) => {
    expect(isAwsHost(host)).toBe(expected);
  });
});
