// API_URL=https://{api-id}.execute-api.{region}.amazonaws.com/{stage} node src/main.mjs
import { addItem, listItems } from './items.mjs';
import { signGlobalFetch } from './sign-global-fetch.mjs';

const apiUrl = process.env.API_URL;
if (!apiUrl) {
  console.error(
    'Set API_URL=https://{api-id}.execute-api.{region}.amazonaws.com/{stage} and AWS credentials,' +
      ' or run `npx -y pnpm@10 demo` at the repository root to run against a local emulator.',
  );
  process.exit(1);
}
signGlobalFetch({ apiUrl });
console.log(await listItems(apiUrl));
console.log(await addItem(apiUrl, { name: 'Ada Lovelace' }));
