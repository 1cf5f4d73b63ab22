// Debian's Chromium (never a downloaded browser), launched through the caller's playwright-core
// for the browser tests and the runtime harness. One place for the binary path, the flags and the
// throwaway profile, so every suite drives the same browser the same way.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The flags every suite launches Chromium with: headless, no sandbox, no background traffic. */
export const CHROMIUM_ARGS = Object.freeze([
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
]);

/** The Chromium binary: `CHROMIUM_PATH`, else Debian's `/usr/bin/chromium`; throws when absent. */
export function chromiumPath(label) {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) {
    throw new Error(
      `[${label}] no Chromium at ${executablePath}: run \`node scripts/ensure-chromium.mjs\` ` +
        "(installs Debian's chromium) or set CHROMIUM_PATH.",
    );
  }
  return executablePath;
}

/**
 * Launches Chromium with a fresh profile and opens `url` in its first page. On any failure the
 * browser is closed and the profile removed before the error is rethrown.
 */
export async function launchChromium(launcher, { label, url, profilePrefix = 'sigv4-chromium-' }) {
  const executablePath = chromiumPath(label);
  const profile = mkdtempSync(join(tmpdir(), profilePrefix));
  let context;
  const close = async () => {
    try {
      await context?.close();
    } finally {
      rmSync(profile, { recursive: true, force: true });
    }
  };
  try {
    context = await launcher.launchPersistentContext(profile, {
      executablePath,
      headless: true,
      args: [...CHROMIUM_ARGS],
    });
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(url);
    return { context, page, profile, close };
  } catch (error) {
    await close().catch(() => {});
    throw error;
  }
}
