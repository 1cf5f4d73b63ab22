/**
 * Host inference as a table: core's `resolveSigningScope`, `createSignedFetch` in @sigv4/fetch
 * and the axios interceptor in @sigv4/axios each run every row, and the request they send must
 * verify for that service and region (the independent verifier of @sigv4/msw).
 * A host is written as `new URL(...).host` gives it.
 */
export const INFERRED_HOSTS: ReadonlyArray<
  readonly [host: string, service: string, region: string]
> = [
  ['abc123.execute-api.us-east-1.amazonaws.com', 'execute-api', 'us-east-1'],
  ['abc123.execute-api.cn-north-1.amazonaws.com.cn', 'execute-api', 'cn-north-1'],
  ['abc123.execute-api.us-gov-west-1.amazonaws.com', 'execute-api', 'us-gov-west-1'],
  ['abc123-vpce-0123456789abcdef0.execute-api.us-east-1.amazonaws.com', 'execute-api', 'us-east-1'],
  [
    'vpce-0123456789abcdef0-abcdefgh.execute-api.us-east-1.vpce.amazonaws.com',
    'execute-api',
    'us-east-1',
  ],
  ['abcdefghijklmnop.lambda-url.eu-west-1.on.aws', 'lambda', 'eu-west-1'],
  // RFC 6761 loopback names: inferred exactly as the AWS host (a local emulator)
  ['abc123.execute-api.eu-west-1.localhost', 'execute-api', 'eu-west-1'],
  ['abc123.execute-api.eu-west-1.localhost:4568', 'execute-api', 'eu-west-1'],
  ['abcdefghijklmnop.lambda-url.ap-south-1.localhost:9000', 'lambda', 'ap-south-1'],
  ['xyz.appsync-api.eu-west-1.amazonaws.com', 'appsync', 'eu-west-1'],
  ['xyz.appsync-realtime-api.eu-west-1.amazonaws.com', 'appsync', 'eu-west-1'],
  ['search-my-domain-abc.eu-west-1.es.amazonaws.com', 'es', 'eu-west-1'],
  ['abc123.us-east-1.aoss.amazonaws.com', 'aoss', 'us-east-1'],
  [
    'my-svc-0123456789abcdef0.7d67968.vpc-lattice-svcs.us-west-2.on.aws',
    'vpc-lattice-svcs',
    'us-west-2',
  ],
  ['search-movies-abc123.us-east-1.cloudsearch.amazonaws.com', 'cloudsearch', 'us-east-1'],
  ['db.cluster-c1ab2cd3.eu-west-1.neptune.amazonaws.com:8182', 'neptune-db', 'eu-west-1'],
  // regional endpoints, signing names from AWS's service models
  ['sqs.eu-west-2.amazonaws.com', 'sqs', 'eu-west-2'],
  ['lambda-fips.us-east-1.amazonaws.com', 'lambda', 'us-east-1'],
  ['lambda.us-east-1.api.aws', 'lambda', 'us-east-1'],
  ['sts.ap-southeast-2.amazonaws.com', 'sts', 'ap-southeast-2'],
  ['dynamodb.ap-northeast-1.amazonaws.com', 'dynamodb', 'ap-northeast-1'],
  ['execute-api.il-central-1.amazonaws.com', 'execute-api', 'il-central-1'],
  ['bedrock-runtime.us-west-2.amazonaws.com', 'bedrock', 'us-west-2'],
  ['email.eu-central-1.amazonaws.com', 'ses', 'eu-central-1'],
  ['runtime.sagemaker.eu-west-1.amazonaws.com', 'sagemaker', 'eu-west-1'],
  ['appstream2.eu-west-1.amazonaws.com', 'appstream', 'eu-west-1'],
  ['cloudhsmv2.us-east-2.amazonaws.com', 'cloudhsm', 'us-east-2'],
  ['pinpoint.eu-west-1.amazonaws.com', 'mobiletargeting', 'eu-west-1'],
  ['personalize-runtime.us-east-1.amazonaws.com', 'personalize', 'us-east-1'],
  ['mturk-requester-sandbox.us-east-1.amazonaws.com', 'mturk-requester', 'us-east-1'],
  ['iot.eu-west-1.amazonaws.com', 'iot', 'eu-west-1'],
  ['api.ecr.eu-west-1.amazonaws.com', 'ecr', 'eu-west-1'],
  ['api.ecr-public.us-east-1.amazonaws.com', 'ecr-public', 'us-east-1'],
  ['api.pricing.us-east-1.amazonaws.com', 'pricing', 'us-east-1'],
  ['models.lex.us-east-1.amazonaws.com', 'lex', 'us-east-1'],
  ['runtime.lex.eu-west-1.amazonaws.com', 'lex', 'eu-west-1'],
  ['data.jobs.iot.eu-west-1.amazonaws.com', 'iot-jobs-data', 'eu-west-1'],
  ['streams.dynamodb.eu-west-1.amazonaws.com', 'dynamodb', 'eu-west-1'],
  ['a1b2c3-ats.iot.eu-west-1.amazonaws.com', 'iotdata', 'eu-west-1'],
  ['data.iot.eu-west-1.amazonaws.com', 'iotdata', 'eu-west-1'],
  ['data.iot-fips.us-east-1.amazonaws.com', 'iotdata', 'us-east-1'],
  ['eu-west-1.queue.amazonaws.com', 'sqs', 'eu-west-1'],
  // S3
  ['mybucket.s3.eu-west-1.amazonaws.com', 's3', 'eu-west-1'],
  ['my.dotted.bucket.s3.eu-west-1.amazonaws.com', 's3', 'eu-west-1'],
  ['s3.dualstack.ap-south-1.amazonaws.com', 's3', 'ap-south-1'],
  ['mybucket.s3-eu-west-1.amazonaws.com', 's3', 'eu-west-1'],
  ['mybucket.s3.amazonaws.com', 's3', 'us-east-1'],
  ['s3-control.eu-west-1.amazonaws.com', 's3', 'eu-west-1'],
  ['123456789012.s3-control.eu-west-1.amazonaws.com', 's3', 'eu-west-1'],
  ['myap-123456789012.s3-accesspoint.eu-west-1.amazonaws.com', 's3', 'eu-west-1'],
  ['myolap-123456789012.s3-object-lambda.eu-west-1.amazonaws.com', 's3-object-lambda', 'eu-west-1'],
  // global and legacy endpoints that sign in us-east-1
  ['sts.amazonaws.com', 'sts', 'us-east-1'],
  ['iam.amazonaws.com', 'iam', 'us-east-1'],
  ['iam.us-gov.amazonaws.com', 'iam', 'us-gov-west-1'],
  ['ec2.amazonaws.com', 'ec2', 'us-east-1'],
  ['queue.amazonaws.com', 'sqs', 'us-east-1'],
  ['route53.amazonaws.com', 'route53', 'us-east-1'],
  ['cloudfront.amazonaws.com', 'cloudfront', 'us-east-1'],
  ['global.health.amazonaws.com', 'health', 'us-east-1'],
];

/**
 * Hosts whose service is inferred but whose region the host does not name: the `region` option
 * (or AWS_REGION) decides, never a guess.
 */
export const SERVICE_ONLY_HOSTS: ReadonlyArray<readonly [host: string, service: string]> = [
  ['mybucket.s3-accelerate.amazonaws.com', 's3'],
  ['my.bucket.s3-accelerate.dualstack.amazonaws.com', 's3'],
];

/**
 * Hosts not inferred (the caller passes `service` and `region`), with the reason the error gives
 * (none for a host that is plainly not AWS's).
 */
export const REFUSED_HOSTS: ReadonlyArray<readonly [host: string, reason: RegExp]> = [
  ['api.example.com', /belongs to\. Pass/],
  ['127.0.0.1:3000', /belongs to\. Pass/],
  ['localhost', /belongs to\. Pass/],
  ['abc123.execute-api.localhost', /belongs to\. Pass/],
  ['myservice.amazonaws.com', /us-east-1 would be a guess/],
  ['foo.bar.eu-west-1.amazonaws.com', /no AWS service model has this endpoint prefix/],
  ['my-lb-1234.us-east-1.elb.amazonaws.com', /load balancer/],
  ['d111111abcdef8.cloudfront.amazonaws.com.example', /belongs to\. Pass/],
  ['x.y.amazonaws.com', /a host shape this table does not know/],
];
