import { createSignedFetch } from '@sigv4/fetch';

// The site is served by CloudFront, with a Lambda function URL (auth type AWS_IAM) as origin for
// /api/*. CloudFront's origin access control signs what it forwards to the function, but it does
// not hash bodies: Lambda refuses a POST or PUT unless the viewer sends x-amz-content-sha256.
// This mode adds that header (hex SHA-256 of the exact body) and signs nothing: no credentials.
const cdnFetch = createSignedFetch({ mode: 'content-sha256' });

/**
 * @param {string} siteUrl e.g. `https://d111111abcdef8.cloudfront.net`
 * @param {{ title: string, text: string }} note
 * @returns {Promise<unknown>}
 */
export async function saveNote(siteUrl, note) {
  const response = await cdnFetch(`${siteUrl}/api/notes`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(note),
  });
  if (!response.ok) throw new Error(`POST /api/notes: ${response.status} ${await response.text()}`);
  return response.json();
}
