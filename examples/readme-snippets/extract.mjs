// Writes each ```ts block of the root README.md to snippets/NN.ts (a module each), for tsc.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]);
const out = new URL('./snippets/', import.meta.url);
rmSync(out, { recursive: true, force: true });
mkdirSync(out);
blocks.forEach((code, i) => {
  writeFileSync(new URL(`${String(i + 1).padStart(2, '0')}.ts`, out), `${code}\nexport {};\n`);
});
if (blocks.length === 0)
  throw new Error('README.md has no ```ts snippets: has the format changed?');
console.log(`readme-snippets: ${blocks.length} TypeScript snippets extracted from README.md`);
