// A real Redis for the multi-process tests (Socket.IO Redis adapter, shared presence).
import { aptInstall, canInstallDebianPackages } from '../lib/debian.ts';
import { exec } from '../lib/exec.ts';

export async function provisionRedis(report: (m: string) => void): Promise<string | undefined> {
  if (process.env.REDIS_SERVER_BIN) return process.env.REDIS_SERVER_BIN;
  const found = await exec('sh', ['-c', 'command -v redis-server']);
  if (found.code === 0) return found.output.trim();
  if (!canInstallDebianPackages()) return undefined;
  await aptInstall(['redis-server'], report);
  // Debian starts a system service on install; tests run their own servers on free ports.
  await exec('sh', [
    '-c',
    'systemctl disable --now redis-server 2>/dev/null || service redis-server stop 2>/dev/null || true',
  ]);
  return '/usr/bin/redis-server';
}
