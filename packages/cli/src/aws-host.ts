/**
 * Whether a host name belongs to AWS: its public endpoints (`*.amazonaws.com`, the China and
 * European Sovereign Cloud partitions, the `.aws` TLD with `*.on.aws` function URLs and
 * `*.api.aws`) and the ISO partitions. AWS serves all of them over HTTPS with certificates from
 * public CAs, which decides two things in the CLI: a URL typed without a scheme gets `https://`,
 * and `-k/--insecure` is refused.
 */
const AWS_DOMAINS = [
  'amazonaws.com',
  'amazonaws.com.cn',
  'amazonaws.eu',
  'aws',
  'c2s.ic.gov',
  'sc2s.sgov.gov',
] as const;

/** True for `abc.execute-api.eu-west-1.amazonaws.com`, `x.lambda-url.us-east-1.on.aws`, ... */
export function isAwsHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  return AWS_DOMAINS.some((domain) => host.endsWith(`.${domain}`));
}
