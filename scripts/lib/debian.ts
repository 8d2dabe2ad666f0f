import { existsSync, readFileSync } from 'node:fs';
import { exec, execOrThrow } from './exec.ts';

/** True when we may install Debian packages ourselves: root on Debian or Ubuntu. */
export function canInstallDebianPackages(): boolean {
  if (process.getuid?.() !== 0 || !existsSync('/etc/os-release')) return false;
  const osRelease = readFileSync('/etc/os-release', 'utf8');
  return /^(ID|ID_LIKE)=.*\b(debian|ubuntu)\b/m.test(osRelease) && existsSync('/usr/bin/apt-get');
}

async function isInstalled(pkg: string): Promise<boolean> {
  const result = await exec('dpkg-query', ['-W', '-f=${Status}', pkg]);
  return result.code === 0 && result.output.includes('install ok installed');
}

let updated = false;

/** Installs the missing ones of `packages` with apt-get; returns the ones it installed. */
export async function aptInstall(
  packages: string[],
  report: (m: string) => void,
): Promise<string[]> {
  const missing: string[] = [];
  for (const pkg of packages) if (!(await isInstalled(pkg))) missing.push(pkg);
  if (missing.length === 0) return [];
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (!updated) {
    report('apt-get update');
    await execOrThrow('apt-get', ['update', '-qq'], { env });
    updated = true;
  }
  report(`apt-get install ${missing.join(' ')}`);
  let unpacked = 0;
  await execOrThrow('apt-get', ['install', '-y', '-q', '--no-install-recommends', ...missing], {
    env,
    onLine: (line) => {
      if (line.startsWith('Unpacking ') && ++unpacked % 25 === 0)
        report(`${unpacked} packages unpacked`);
    },
  });
  return missing;
}
