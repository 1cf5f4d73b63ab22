// Before the tests: the browser tests drive Debian's chromium (never a downloaded browser).
// Installs it with apt-get when it is missing and this is a Debian-like machine run as root;
// otherwise says how to get it. Set CHROMIUM_PATH to use another Chromium binary.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const canInstall =
  process.platform === 'linux' && process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');

if (existsSync(path)) {
  process.exit(0);
} else if (canInstall) {
  console.log('[test] chromium is missing: installing Debian chromium with apt-get (once)');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env });
} else {
  console.warn(
    `[test] no Chromium at ${path}: the two browser tests will fail. Install it ` +
      '(Debian/Ubuntu: `sudo apt-get install -y chromium`) or set CHROMIUM_PATH to a Chromium binary.',
  );
}
