// A real Redis for the multi-process tests (Socket.IO Redis adapter, shared presence). Tests run
// their own redis-server on free ports (test/support/redis.ts); no system service is needed.
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { aptInstall, canInstallDebianPackages } from '../lib/debian.ts';
import { exec } from '../lib/exec.ts';

const POLICY = '/usr/sbin/policy-rc.d';

export async function provisionRedis(report: (m: string) => void): Promise<string | undefined> {
  if (process.env.REDIS_SERVER_BIN) return process.env.REDIS_SERVER_BIN;
  const found = await exec('sh', ['-c', 'command -v redis-server']);
  if (found.code === 0) return found.output.trim();
  if (!canInstallDebianPackages()) return undefined;
  // Debian's package starts a system service on install, and a start that fails (port 6379
  // taken, no init system) fails the install: forbid service starts meanwhile (policy-rc.d,
  // which invoke-rc.d and deb-systemd-invoke obey), as Docker images do.
  const ownPolicy = !existsSync(POLICY);
  if (ownPolicy) writeFileSync(POLICY, '#!/bin/sh\nexit 101\n', { mode: 0o755 });
  try {
    await aptInstall(['redis-server'], report);
  } catch (error) {
    // Only the multi-process tests need it: they say so and fail; everything else runs.
    report(`redis-server not installed: ${(error as Error).message.split('\n')[0]}`);
    return undefined;
  } finally {
    if (ownPolicy) rmSync(POLICY, { force: true });
  }
  // Nor at boot: the package enables its service.
  await exec('sh', [
    '-c',
    'systemctl disable --now redis-server 2>/dev/null || service redis-server stop 2>/dev/null || true',
  ]);
  return existsSync('/usr/bin/redis-server') ? '/usr/bin/redis-server' : undefined;
}
