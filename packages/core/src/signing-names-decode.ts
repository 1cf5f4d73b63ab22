/**
 * Decodes the signing-name table of `signing-names.generated.ts`: groups
 * `name:prefix prefix,...` (a `*` in a prefix stands for the name) to prefix -> name.
 */
export function decodeSigningNames(table: string): Record<string, string> {
  const byPrefix: Record<string, string> = {};
  for (const group of table.split(',')) {
    const [name = '', prefixes = ''] = group.split(':');
    for (const prefix of prefixes.split(' ')) byPrefix[prefix.replaceAll('*', name)] = name;
  }
  return byPrefix;
}
