// API_URL=https://{api-id}.execute-api.{region}.amazonaws.com/{stage} node src/main.mjs
import { addBook, createApiClient, searchBooks } from './api-client.mjs';

const apiUrl = process.env.API_URL;
if (!apiUrl) {
  console.error(
    'Set API_URL=https://{api-id}.execute-api.{region}.amazonaws.com/{stage} and AWS credentials,' +
      ' or run `npx -y pnpm@10 demo` at the repository root to run against a local emulator.',
  );
  process.exit(1);
}
const api = createApiClient({ baseURL: apiUrl });
console.log(await searchBooks(api, 'The C++ Programming Language'));
console.log(
  await addBook(api, { title: 'Notes on the Analytical Engine', author: 'Ada Lovelace' }),
);
