import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HOST_SHAPES, type HostShape } from '../src/host-scope-table.js';
import { SIGNING_NAME_BY_PREFIX, SIGNING_NAMES_SOURCE } from '../src/signing-names.generated.js';

// The README's host table and figures are the code's: this test renders the table from
// HOST_SHAPES and fails, printing what the README should say, when they differ.
// `UPDATE_README=1 npx vitest run --project core test/readme-host-table.test.ts` rewrites it.
const README = new URL('../README.md', import.meta.url);
let readme = readFileSync(README, 'utf8');

function cells(shape: HostShape): [string, string, string] {
  const host = `\`${shape.shape.replace(/ \(/, '` (')}${shape.shape.includes(' (') ? '' : '`'}`;
  if (shape.refused !== undefined) return [host, 'not inferred', shape.refused];
  const service =
    typeof shape.service === 'function' ? (shape.serviceDoc ?? '') : `\`${shape.service}\``;
  const region =
    shape.region === 'options'
      ? 'the `region` option, else `AWS_REGION`'
      : shape.region === undefined || shape.region === 'host'
        ? 'from the host'
        : `\`${shape.region}\``;
  return [host, service, region];
}

function renderHostTable(): string {
  const rows = [
    ['host (first match wins)', 'service', 'region, or why not inferred'],
    ['---', '---', '---'],
  ];
  for (const shape of HOST_SHAPES) rows.push(cells(shape));
  return rows.map((row) => `| ${row.join(' | ')} |`).join('\n');
}

describe('packages/core/README.md', () => {
  it('shows the host table as the code has it', () => {
    if (process.env.UPDATE_README === '1') {
      const start = readme.indexOf('| host (first match wins)');
      const end = readme.indexOf('\n\n', start);
      readme = `${readme.slice(0, start)}${renderHostTable()}${readme.slice(end)}`;
      writeFileSync(README, readme);
    }
    const normalise = (text: string) => text.replace(/ *\| */g, '|').replace(/-{3,}/g, '---');
    expect(normalise(readme), `README host table should be:\n${renderHostTable()}`).toContain(
      normalise(renderHostTable()),
    );
  });

  it('names the model source, its version and the counts of the generated table', () => {
    const differing = Object.keys(SIGNING_NAME_BY_PREFIX).length;
    expect(readme).toContain(`aws-sdk ${SIGNING_NAMES_SOURCE.awsSdk}`);
    expect(readme).toContain(`botocore ${SIGNING_NAMES_SOURCE.botocore}`);
    expect(readme.replace(/\s+/g, ' ')).toContain(
      `${differing} of their ${SIGNING_NAMES_SOURCE.endpointPrefixes} endpoint prefixes`,
    );
  });
});
