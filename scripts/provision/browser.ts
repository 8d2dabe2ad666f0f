// The browser for tests: CHROME_PATH, else Debian's Chromium (installed as root when missing,
// reinstalled once when it no longer runs). Tests never download a browser of their own.
import { existsSync } from 'node:fs';
import { aptInstall, canInstallDebianPackages } from '../lib/debian.ts';
import { ProvisionFailure } from '../lib/failure.ts';
import type { StepLog } from '../lib/stepLog.ts';
import { answersVersion } from './versionCheck.ts';

const DEBIAN_CHROMIUM = '/usr/bin/chromium';
const ANSWER = /\b(Chromium|Chrome)\b.*\d+\./;

export async function provisionBrowser(report: (m: string) => void, log: StepLog): Promise<string> {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) {
    if (!(await answersVersion(fromEnv, ANSWER, log))) {
      throw new ProvisionFailure({
        what: `CHROME_PATH=${fromEnv} is not a Chromium or Chrome that runs.`,
        see: `${fromEnv} --version`,
        wayOut:
          "Point CHROME_PATH at a working Chromium/Chrome, or unset it to use Debian's chromium.",
        log: log.path,
      });
    }
    return fromEnv;
  }
  if (await answersVersion(DEBIAN_CHROMIUM, ANSWER, log)) return DEBIAN_CHROMIUM;
  const broken = existsSync(DEBIAN_CHROMIUM);
  if (!canInstallDebianPackages()) {
    throw new ProvisionFailure({
      what: broken
        ? `${DEBIAN_CHROMIUM} is there but does not run, so the browser tests cannot start.`
        : 'The browser tests need Chromium, and this machine has none.',
      see: broken ? `${DEBIAN_CHROMIUM} --version` : undefined,
      wayOut:
        'Install Debian/Ubuntu\'s "chromium" package (sudo apt-get install chromium), or set CHROME_PATH to a Chromium or Chrome binary.',
      log: log.path,
    });
  }
  if (broken) report(`${DEBIAN_CHROMIUM} does not answer --version: reinstalling it once`);
  await aptInstall(['chromium', 'fonts-noto-core'], report, log, { reinstall: broken });
  if (!(await answersVersion(DEBIAN_CHROMIUM, ANSWER, log))) {
    throw new ProvisionFailure({
      what: `Debian's chromium was installed but ${DEBIAN_CHROMIUM} --version does not answer.`,
      see: `${DEBIAN_CHROMIUM} --version`,
      wayOut: 'Set CHROME_PATH to a Chromium or Chrome binary that runs.',
      log: log.path,
    });
  }
  return DEBIAN_CHROMIUM;
}
