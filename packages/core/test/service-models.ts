import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * AWS's service models as the devDependency `aws-sdk` ships them (apis/*.min.json), read here
 * independently of the generator script: every endpoint prefix and its signing name.
 */
export function readModels(): { version: string; prefixes: Map<string, string> } {
  const require = createRequire(import.meta.url);
  const pkgPath = require.resolve('aws-sdk/package.json');
  const version = (JSON.parse(readFileSync(pkgPath, 'utf8')) as { version: string }).version;
  const apis = join(dirname(pkgPath), 'apis');
  const prefixes = new Map<string, string>();
  for (const file of readdirSync(apis)) {
    if (!file.endsWith('.min.json')) continue;
    const model = JSON.parse(readFileSync(join(apis, file), 'utf8')) as {
      metadata: { endpointPrefix: string; signingName?: string };
    };
    const { endpointPrefix, signingName } = model.metadata;
    prefixes.set(endpointPrefix, signingName ?? endpointPrefix);
  }
  return { version, prefixes };
}

/**
 * The prefixes of botocore's models that aws-sdk lacks, as committed in
 * scripts/signing-names-botocore.json (extracted from botocore by the generator script).
 */
export function readBotocoreExtract(): { version: string; prefixes: Map<string, string> } {
  const path = new URL('../scripts/signing-names-botocore.json', import.meta.url);
  const data = JSON.parse(readFileSync(path, 'utf8')) as {
    version: string;
    prefixes: Record<string, string>;
  };
  return { version: data.version, prefixes: new Map(Object.entries(data.prefixes)) };
}
