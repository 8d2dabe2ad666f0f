import { existsSync, readFileSync } from 'node:fs';
import { exec, execOrThrow } from './exec.ts';
import type { StepLog } from './stepLog.ts';

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

/**
 * Installs the missing ones of `packages` with apt-get (all of them again with `reinstall`, for
 * a package whose program no longer runs); returns the ones it installed.
 */
export async function aptInstall(
  packages: string[],
  report: (m: string) => void,
  log?: StepLog,
  { reinstall = false } = {},
): Promise<string[]> {
  const missing: string[] = [];
  for (const pkg of packages) if (reinstall || !(await isInstalled(pkg))) missing.push(pkg);
  if (missing.length === 0) return [];
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (!updated) {
    report('apt-get update');
    await execOrThrow('apt-get', ['update', '-qq'], { env, log });
    updated = true;
  }
  report(`apt-get install ${reinstall ? '--reinstall ' : ''}${missing.join(' ')}`);
  let unpacked = 0;
  const flags = [
    'install',
    '-y',
    '-q',
    '--no-install-recommends',
    ...(reinstall ? ['--reinstall'] : []),
  ];
  await execOrThrow('apt-get', [...flags, ...missing], {
    env,
    log,
    onLine: (line) => {
      if (line.startsWith('Unpacking ') && ++unpacked % 25 === 0)
        report(`${unpacked} packages unpacked`);
    },
  });
  return missing;
}
