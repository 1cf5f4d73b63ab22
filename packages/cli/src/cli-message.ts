import type { SigV4Error } from '@sigv4/core';

/** A SigV4Error in CLI words: what failed, and one hint that names flags. */
export interface CliMessage {
  readonly text: string;
  readonly hint: string | undefined;
}

/**
 * Sentences of library messages that speak of library options (`Pass the service ... in the
 * options`, `crossOriginRedirect`, `redirect: "manual"`, `toStrictQuery()`, a provider): the
 * CLI's hint says the same with flags.
 */
const LIBRARY_WORDS =
  /\bin the options\b|\boption\b|`credentials`|crossOriginRedirect|redirect: ['"]|toStrictQuery|\bprovider\b|\bas a value\b/;

const CREDENTIALS_HINT =
  'set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN), or pass --profile NAME.';

function hintFor(error: SigV4Error): string | undefined {
  switch (error.code) {
    case 'ERR_SIGV4_SCOPE_UNRESOLVED':
      return /service and region/.test(error.detail)
        ? 'pass --service NAME and --region REGION (e.g. --service execute-api --region eu-west-1).'
        : 'pass --region REGION (or set AWS_REGION).';
    case 'ERR_SIGV4_CREDENTIALS_MISSING':
    case 'ERR_SIGV4_CREDENTIALS_INVALID':
    case 'ERR_SIGV4_CREDENTIALS_EXPIRED':
    case 'ERR_SIGV4_CREDENTIALS_PROVIDER_FAILED':
      return CREDENTIALS_HINT;
    case 'ERR_SIGV4_REDIRECT_BLOCKED':
      return 'drop --cross-origin-redirect refuse to follow it without the signature, or drop -L to see the redirect itself.';
    case 'ERR_SIGV4_AMBIGUOUS_QUERY':
      return 'write a space as %20 and a plus as %2B in the URL.';
    case 'ERR_SIGV4_INVALID_URL':
      return 'pass a full http:// or https:// URL.';
    default:
      return undefined;
  }
}

/** Splits after `.`, `!` or `?` followed by a space and a capital or a backquote. */
function sentences(text: string): string[] {
  return text.split(/(?<=[.!?])\s+(?=[A-Z`(])/);
}

/** The message of a SigV4Error rewritten for the command line, without the `[sigv4]` prefix. */
export function cliMessage(error: SigV4Error): CliMessage {
  const where = error.message.startsWith('[sigv4] ')
    ? error.message.slice('[sigv4] '.length, error.message.length - error.detail.length)
    : '';
  const [first = '', ...rest] = sentences(error.detail);
  const cause =
    error.cause instanceof Error && error.cause.message !== '' ? error.cause.message : undefined;
  // The CLI's credentials come from the environment, a profile or the default chain.
  let head = first.replace(/^the credentials provider failed/, 'could not get credentials');
  if (head.includes('(see `cause`)')) {
    head = head.replace(' (see `cause`)', '').replace(/\.$/, cause ? `: ${cause}` : '.');
  } else if (
    cause !== undefined &&
    !error.detail.includes(cause) &&
    error.code !== 'ERR_SIGV4_CREDENTIALS_MISSING'
  ) {
    head = `${head.replace(/\.$/, '')} (${cause})`;
  }
  const kept = rest.filter((sentence) => !LIBRARY_WORDS.test(sentence));
  return { text: [`${where}${head}`, ...kept].join(' '), hint: hintFor(error) };
}
