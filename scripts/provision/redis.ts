// A real Redis for the multi-process tests (Socket.IO Redis adapter, shared presence). Tests run
// their own redis-server on free ports (test/support/redis.ts); no system service is needed.
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { aptInstall, canInstallDebianPackages } from '../lib/debian.ts';
import { exec } from '../lib/exec.ts';
import type { StepLog } from '../lib/stepLog.ts';
import { answersVersion } from './versionCheck.ts';

const POLICY = '/usr/sbin/policy-rc.d';
const DEBIAN_REDIS = '/usr/bin/redis-server';
const ANSWER = /Redis server v=\d/;

/** A redis-server that answers --version, or undefined (the multi-process tests then say so). */
export async function provisionRedis(
  report: (m: string) => void,
  log: StepLog,
): Promise<string | undefined> {
  const candidates = [
    process.env.REDIS_SERVER_BIN,
    (await exec('sh', ['-c', 'command -v redis-server'])).output.trim(),
  ];
  for (const candidate of candidates) {
    if (candidate && (await answersVersion(candidate, ANSWER, log))) return candidate;
    if (candidate) report(`${candidate} does not answer --version`);
  }
  if (!canInstallDebianPackages()) return undefined;
  // Debian's package starts a system service on install, and a start that fails (port 6379
  // taken, no init system) fails the install: forbid service starts meanwhile (policy-rc.d,
  // which invoke-rc.d and deb-systemd-invoke obey), as Docker images do.
  const ownPolicy = !existsSync(POLICY);
  if (ownPolicy) writeFileSync(POLICY, '#!/bin/sh\nexit 101\n', { mode: 0o755 });
  try {
    await aptInstall(['redis-server'], report, log, { reinstall: existsSync(DEBIAN_REDIS) });
  } catch (error) {
    // Only the multi-process tests need it: they say so and fail; everything else runs.
    report(
      `redis-server not installed: ${(error as Error).message.split('\n')[0]} (see ${log.path})`,
    );
    return undefined;
  } finally {
    if (ownPolicy) rmSync(POLICY, { force: true });
  }
  // Nor at boot: the package enables its service.
  await exec('sh', [
    '-c',
    'systemctl disable --now redis-server 2>/dev/null || service redis-server stop 2>/dev/null || true',
  ]);
  return (await answersVersion(DEBIAN_REDIS, ANSWER, log)) ? DEBIAN_REDIS : undefined;
}
