import { describe, expect, it } from 'vitest';
import { isSigV4Error } from './errors.js';
import { inferScopeFromHost, resolveSigningScope } from './resolve-signing-scope.js';

const noEnv = { env: {} };

describe('resolveSigningScope: hosts AWS serves', () => {
  it.each([
    // host, service, region
    ['abc123.execute-api.us-east-1.amazonaws.com', 'execute-api', 'us-east-1'],
    ['abc123.execute-api.cn-north-1.amazonaws.com.cn', 'execute-api', 'cn-north-1'],
    ['abc123.execute-api.us-gov-west-1.amazonaws.com', 'execute-api', 'us-gov-west-1'],
    [
      'abc123-vpce-0123456789abcdef0.execute-api.us-east-1.amazonaws.com',
      'execute-api',
      'us-east-1',
    ],
    [
      'vpce-0123456789abcdef0-abcdefgh.execute-api.us-east-1.vpce.amazonaws.com',
      'execute-api',
      'us-east-1',
    ],
    ['abcdefghijklmnop.lambda-url.eu-west-1.on.aws', 'lambda', 'eu-west-1'],
    ['xyz.appsync-api.eu-west-1.amazonaws.com', 'appsync', 'eu-west-1'],
    ['xyz.appsync-realtime-api.eu-west-1.amazonaws.com', 'appsync', 'eu-west-1'],
    ['sqs.eu-west-2.amazonaws.com', 'sqs', 'eu-west-2'],
    ['lambda-fips.us-east-1.amazonaws.com', 'lambda', 'us-east-1'],
    ['lambda.us-east-1.api.aws', 'lambda', 'us-east-1'],
    ['sts.amazonaws.com', 'sts', 'us-east-1'],
    ['iam.amazonaws.com', 'iam', 'us-east-1'],
    ['iam.us-gov.amazonaws.com', 'iam', 'us-gov-west-1'],
    ['sts.ap-southeast-2.amazonaws.com', 'sts', 'ap-southeast-2'],
    ['mybucket.s3.eu-west-1.amazonaws.com', 's3', 'eu-west-1'],
    ['my.dotted.bucket.s3.eu-west-1.amazonaws.com', 's3', 'eu-west-1'],
    ['s3.dualstack.ap-south-1.amazonaws.com', 's3', 'ap-south-1'],
    ['mybucket.s3-eu-west-1.amazonaws.com', 's3', 'eu-west-1'],
    ['mybucket.s3.amazonaws.com', 's3', 'us-east-1'],
    ['dynamodb.ap-northeast-1.amazonaws.com', 'dynamodb', 'ap-northeast-1'],
    ['bedrock-runtime.us-west-2.amazonaws.com', 'bedrock', 'us-west-2'],
    ['email.eu-central-1.amazonaws.com', 'ses', 'eu-central-1'],
    ['runtime.sagemaker.eu-west-1.amazonaws.com', 'sagemaker', 'eu-west-1'],
    ['search-my-domain-abc.eu-west-1.es.amazonaws.com', 'es', 'eu-west-1'],
    ['abc123.us-east-1.aoss.amazonaws.com', 'aoss', 'us-east-1'],
    ['a1b2c3-ats.iot.eu-west-1.amazonaws.com', 'iotdata', 'eu-west-1'],
    ['execute-api.il-central-1.amazonaws.com', 'execute-api', 'il-central-1'],
  ])('%s -> %s / %s', (host, service, region) => {
    expect(resolveSigningScope(`https://${host}/prod/path`, noEnv)).toEqual({ service, region });
  });

  it('is case-insensitive and ignores ports and a trailing dot', () => {
    for (const host of [
      'ABC123.Execute-Api.US-EAST-1.AmazonAWS.com',
      'abc123.execute-api.us-east-1.amazonaws.com:8443',
      'abc123.execute-api.us-east-1.amazonaws.com.',
    ]) {
      expect(resolveSigningScope(`https://${host}/`, noEnv)).toEqual({
        service: 'execute-api',
        region: 'us-east-1',
      });
    }
  });

  it('accepts a URL object and wss:// WebSocket URLs', () => {
    expect(
      resolveSigningScope(new URL('wss://abc.execute-api.eu-west-3.amazonaws.com/prod'), noEnv),
    ).toEqual({
      service: 'execute-api',
      region: 'eu-west-3',
    });
  });
});

describe('resolveSigningScope: overrides and custom domains', () => {
  it('explicit service and region always win over the host', () => {
    expect(
      resolveSigningScope('https://abc.execute-api.us-east-1.amazonaws.com/', {
        service: 'lambda',
        region: 'eu-west-1',
      }),
    ).toEqual({ service: 'lambda', region: 'eu-west-1' });
    expect(
      resolveSigningScope('https://abc.execute-api.us-east-1.amazonaws.com/', {
        region: 'eu-west-1',
        ...noEnv,
      }),
    ).toEqual({
      service: 'execute-api',
      region: 'eu-west-1',
    });
  });

  it('a custom domain takes service and region from the overrides', () => {
    expect(
      resolveSigningScope('https://api.example.com/v1', {
        service: 'execute-api',
        region: 'eu-west-2',
      }),
    ).toEqual({
      service: 'execute-api',
      region: 'eu-west-2',
    });
  });

  it('a custom domain falls back to AWS_REGION, then AWS_DEFAULT_REGION, for the region only', () => {
    expect(
      resolveSigningScope('https://api.example.com/', {
        service: 'execute-api',
        env: { AWS_REGION: 'ap-south-1', AWS_DEFAULT_REGION: 'x' },
      }),
    ).toEqual({ service: 'execute-api', region: 'ap-south-1' });
    expect(
      resolveSigningScope('https://api.example.com/', {
        service: 'execute-api',
        env: { AWS_DEFAULT_REGION: 'sa-east-1' },
      }),
    ).toEqual({
      service: 'execute-api',
      region: 'sa-east-1',
    });
  });

  it('never guesses: an unknown host without overrides is a typed error naming the options to pass', () => {
    for (const url of [
      'https://api.example.com/v1',
      'http://127.0.0.1:3000/',
      'https://ec2.amazonaws.com/',
    ]) {
      let error: unknown;
      try {
        resolveSigningScope(url, { env: { AWS_REGION: 'us-east-1' } });
      } catch (e) {
        error = e;
      }
      expect(isSigV4Error(error, 'ERR_SIGV4_SCOPE_UNRESOLVED')).toBe(true);
      expect((error as Error).message).toMatch(/service .*execute-api.* and region/);
    }
  });

  it('with the service given but no region anywhere, the error asks for the region only', () => {
    expect(() =>
      resolveSigningScope('https://api.example.com/', { service: 'execute-api', ...noEnv }),
    ).toThrow(/Pass the region/);
  });

  it('inferScopeFromHost returns undefined rather than guessing', () => {
    expect(inferScopeFromHost('localhost')).toBeUndefined();
    expect(inferScopeFromHost('my-lb-1234.us-east-1.elb.amazonaws.com')).toBeUndefined();
    expect(inferScopeFromHost('example.com')).toBeUndefined();
  });

  it('an unparseable URL is ERR_SIGV4_INVALID_URL', () => {
    expect(() => resolveSigningScope('not a url')).toThrow(
      expect.objectContaining({ code: 'ERR_SIGV4_INVALID_URL' }),
    );
  });
});
