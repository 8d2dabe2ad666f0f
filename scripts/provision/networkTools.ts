// The weak-link test ([reach-4]) makes a network namespace with `ip` and `tc` (iproute2) and
// relays its packets with a Python script. Installed as root when missing; without root the test
// is skipped outside CI (it needs root anyway), so nothing is asked of a developer's machine.
import { existsSync } from 'node:fs';
import { aptInstall, canInstallDebianPackages } from '../lib/debian.ts';
import type { StepLog } from '../lib/stepLog.ts';

const NEEDED = {
  '/usr/sbin/ip': 'iproute2',
  '/usr/sbin/tc': 'iproute2',
  '/usr/bin/python3': 'python3',
};

export async function provisionNetworkTools(
  report: (m: string) => void,
  log: StepLog,
): Promise<string> {
  const missing = Object.entries(NEEDED).filter(([path]) => !existsSync(path));
  if (missing.length === 0) return 'ip, tc and python3 present';
  if (!canInstallDebianPackages()) {
    return `missing ${missing.map(([path]) => path).join(', ')}: the weak-link test will be skipped`;
  }
  await aptInstall([...new Set(missing.map(([, pkg]) => pkg))], report, log);
  return 'installed';
}
