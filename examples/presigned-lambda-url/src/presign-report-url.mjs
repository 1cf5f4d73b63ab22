import { presignUrl } from '@sigv4/fetch';

/**
 * Server side: a URL the browser can simply `fetch` to run a long report on a Lambda function URL
 * (auth type AWS_IAM). The report's parameters travel in the query and are signed with it, so
 * the browser can neither change them nor needs any AWS credentials.
 *
 * Against AWS pass only the function URL: service (`lambda`) and region come from its host, the
 * credentials from the environment or the AWS SDK default chain. For a local endpoint pass
 * `service` and `region` too.
 *
 * @param {string} functionUrl `https://{url-id}.lambda-url.{region}.on.aws/`
 * @param {Record<string, string>} params the report's parameters
 * @param {import('@sigv4/fetch').PresignUrlOptions} [options]
 * @returns {Promise<string>}
 */
export function presignReportUrl(functionUrl, params, options = {}) {
  return presignUrl(new URL('/report', functionUrl), {
    expiresIn: 60, // Lambda URLs are reported to refuse URLs signed over 5 minutes ago anyway
    ...options,
    query: params,
  });
}
