// SITE_URL=https://d111111abcdef8.cloudfront.net node src/main.mjs
import { saveNote } from './notes-client.mjs';

const siteUrl = process.env.SITE_URL;
if (!siteUrl) {
  console.error(
    'Set SITE_URL to your CloudFront distribution (https://{id}.cloudfront.net or your domain),' +
      ' or run `npx -y pnpm@10 demo` at the repository root to run against a local emulator.',
  );
  process.exit(1);
}
console.log(
  await saveNote(siteUrl, { title: 'Hello', text: 'Signed by CloudFront, hashed by me.' }),
);
