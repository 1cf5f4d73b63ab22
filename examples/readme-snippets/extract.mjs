// Writes each ```ts block of the root README.md, of every packages/*/README.md and of docs/*.md to
// snippets/<readme>-NN.ts (a module each), for tsc. A README whose snippets all vanished (a changed
// fence format) fails here instead of passing with nothing checked.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

const root = new URL('../../', import.meta.url);
const readmes = [
  ['root', 'README.md'],
  ...readdirSync(new URL('packages/', root))
    .filter((name) => existsSync(new URL(`packages/${name}/README.md`, root)))
    .map((name) => [name, `packages/${name}/README.md`]),
  ...readdirSync(new URL('docs/', root))
    .filter((name) => name.endsWith('.md'))
    .map((name) => [`docs-${name.slice(0, -3).toLowerCase()}`, `docs/${name}`]),
];
// What a snippet takes from its README's prose or an earlier snippet on the same page, so that it
// compiles as it stands there: `<readme>-<NN>` -> lines put before it. Keep these to context; a
// snippet that needs more than this should be fixed in its README.
const context = {
  'axios-02':
    "import axios from 'axios';\nconst api = axios.create(); // the instance of snippet 1",
  'cli-01': 'declare const url: string;',
  'msw-01': [
    "import { afterAll, afterEach, beforeAll, expect, it } from 'vitest'; // or vitest's globals",
    'declare const mySignedClient: { get(url: string): Promise<{ status: number }> }; // yours',
  ].join('\n'),
  'msw-03': "import { startIamEmulator } from '@sigv4/msw/server'; // as in snippet 2",
};
const out = new URL('./snippets/', import.meta.url);
rmSync(out, { recursive: true, force: true });
mkdirSync(out);
let total = 0;
const counts = [];
for (const [label, path] of readmes) {
  const text = readFileSync(new URL(path, root), 'utf8');
  const blocks = [...text.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]);
  if (blocks.length === 0 && !path.startsWith('docs/'))
    throw new Error(`${path} has no \`\`\`ts snippets: has the format changed?`);
  blocks.forEach((code, i) => {
    const id = `${label}-${String(i + 1).padStart(2, '0')}`;
    const before = context[id] ? `${context[id]}\n` : '';
    writeFileSync(
      new URL(`${id}.ts`, out),
      `// ${path}, snippet ${i + 1}\n${before}${code}\nexport {};\n`,
    );
  });
  total += blocks.length;
  counts.push(`${path} ${blocks.length}`);
}
const unused = Object.keys(context).filter((id) => !existsSync(new URL(`${id}.ts`, out)));
if (unused.length > 0)
  throw new Error(`extract.mjs: context for snippets that no longer exist: ${unused.join(', ')}`);
console.log(`readme-snippets: ${total} TypeScript snippets extracted (${counts.join(', ')})`);
