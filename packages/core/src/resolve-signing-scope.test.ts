import { describe, expect, it } from 'vitest';
import { INFERRED_HOSTS, REFUSED_HOSTS, SERVICE_ONLY_HOSTS } from '../test/host-scope-cases.js';
import { readBotocoreExtract, readModels } from '../test/service-models.js';
import { isSigV4Error } from './errors.js';
import { inferScopeFromHost, resolveSigningScope } from './resolve-signing-scope.js';
import { SIGNING_NAMES_SOURCE } from './signing-names.generated.js';

const noEnv = { env: {} };

describe('resolveSigningScope: hosts AWS serves', () => {
  it.each(INFERRED_HOSTS)('%s -> %s / %s', (host, service, region) => {
    expect(resolveSigningScope(`https://${host}/prod/path`, noEnv)).toEqual({ service, region });
  });

  it.each(SERVICE_ONLY_HOSTS)(
    '%s -> %s, the region from the option or AWS_REGION only',
    (host, service) => {
      expect(
        resolveSigningScope(`https://${host}/k`, { env: { AWS_REGION: 'eu-west-3' } }),
      ).toEqual({
        service,
        region: 'eu-west-3',
      });
      expect(resolveSigningScope(`https://${host}/k`, { region: 'ap-south-1', ...noEnv })).toEqual({
        service,
        region: 'ap-south-1',
      });
      expect(inferScopeFromHost(host)).toBeUndefined();
      expect(() => resolveSigningScope(`https://${host}/k`, noEnv)).toThrow(/Pass the region/);
    },
  );

  it.each(REFUSED_HOSTS)('%s is refused: %s', (host, reason) => {
    let error: unknown;
    try {
      resolveSigningScope(`https://${host}/`, { env: { AWS_REGION: 'us-east-1' } });
    } catch (e) {
      error = e;
    }
    expect(isSigV4Error(error, 'ERR_SIGV4_SCOPE_UNRESOLVED')).toBe(true);
    expect((error as Error).message).toMatch(reason);
    expect(inferScopeFromHost(host)).toBeUndefined();
  });

  it("every endpoint prefix of AWS's service models infers its signing name", () => {
    const models = readModels();
    const botocore = readBotocoreExtract();
    expect(models.version).toBe(SIGNING_NAMES_SOURCE.awsSdk);
    expect(botocore.version).toBe(SIGNING_NAMES_SOURCE.botocore);
    const all = new Map([...models.prefixes, ...botocore.prefixes]);
    expect(all.size).toBe(SIGNING_NAMES_SOURCE.endpointPrefixes);
    const wrong: string[] = [];
    for (const [prefix, signingName] of all) {
      const scope = inferScopeFromHost(`${prefix}.eu-west-1.amazonaws.com`);
      if (scope?.service !== signingName || scope.region !== 'eu-west-1')
        wrong.push(`${prefix}: ${scope?.service} instead of ${signingName}`);
    }
    expect(wrong).toEqual([]);
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
      'https://myservice.amazonaws.com/',
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
