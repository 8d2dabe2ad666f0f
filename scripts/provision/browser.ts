// The browser for tests: CHROME_PATH, else Debian's Chromium (installed as root when missing).
// Tests never download a browser of their own.
import { existsSync } from 'node:fs';
import { aptInstall, canInstallDebianPackages } from '../lib/debian.ts';

const DEBIAN_CHROMIUM = '/usr/bin/chromium';

export async function provisionBrowser(report: (m: string) => void): Promise<string> {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROME_PATH=${fromEnv} does not exist`);
    return fromEnv;
  }
  if (existsSync(DEBIAN_CHROMIUM)) return DEBIAN_CHROMIUM;
  if (!canInstallDebianPackages()) {
    throw new Error(
      'No browser for the browser tests: set CHROME_PATH to a Chromium or Chrome binary, or ' +
        'install Debian/Ubuntu\'s "chromium" package.',
    );
  }
  await aptInstall(['chromium', 'fonts-noto-core'], report);
  return DEBIAN_CHROMIUM;
}
