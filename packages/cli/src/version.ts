import packageJson from '../package.json' with { type: 'json' };

/** The version of @sigv4/cli (bundled from package.json at build time). */
export const VERSION: string = packageJson.version;
