/** AWS credentials, as the SDKs and the Lambda environment give them. */
export interface AwsCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** Present for temporary credentials (roles, SSO, Lambda). Sent as `x-amz-security-token`. */
  readonly sessionToken?: string | undefined;
  /** When temporary credentials stop working. Refreshed shortly before. */
  readonly expiration?: Date | undefined;
}

/** A function that returns credentials, like the AWS SDK's credential providers. */
export type CredentialsProvider = () => Promise<AwsCredentials> | AwsCredentials;

/** Credentials as a value or as a provider. */
export type CredentialsInput = AwsCredentials | CredentialsProvider;
