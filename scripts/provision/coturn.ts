// Debian's coturn, the TURN relay `npm start` runs when no external TURN is configured (and the
// relay-only browser test uses). Installed as root when missing; judged by running it.
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { aptInstall, canInstallDebianPackages } from '../lib/debian.ts';
import { exec } from '../lib/exec.ts';
import type { StepLog } from '../lib/stepLog.ts';

const POLICY = '/usr/sbin/policy-rc.d';
const DEBIAN_TURNSERVER = '/usr/bin/turnserver';

/** True when `turnserver --version` runs and prints a version (coturn prints e.g. "4.6.1"). */
export async function turnserverRuns(program: string, log: StepLog): Promise<boolean> {
  const result = await exec(program, ['--version'], { log, timeoutMs: 30_000 });
  return result.code === 0 && /\b4\.\d+\.\d+/.test(result.output);
}

/** A turnserver that runs, or undefined (`npm start` then runs without TURN and says so). */
export async function provisionCoturn(
  report: (m: string) => void,
  log: StepLog,
): Promise<string | undefined> {
  const candidates = [
    process.env.TURNSERVER_BIN,
    (await exec('sh', ['-c', 'command -v turnserver'])).output.trim(),
  ];
  for (const candidate of candidates) {
    if (candidate && (await turnserverRuns(candidate, log))) return candidate;
    if (candidate) report(`${candidate} does not answer --version`);
  }
  if (!canInstallDebianPackages()) return undefined;
  // The package would start a system-wide turnserver on 3478: forbid service starts meanwhile
  // (policy-rc.d), as for redis-server. The project runs its own, configured per start.
  const ownPolicy = !existsSync(POLICY);
  if (ownPolicy) writeFileSync(POLICY, '#!/bin/sh\nexit 101\n', { mode: 0o755 });
  try {
    await aptInstall(['coturn'], report, log, { reinstall: existsSync(DEBIAN_TURNSERVER) });
  } catch (error) {
    report(`coturn not installed: ${(error as Error).message.split('\n')[0]} (see ${log.path})`);
    return undefined;
  } finally {
    if (ownPolicy) rmSync(POLICY, { force: true });
  }
  await exec('sh', [
    '-c',
    'systemctl disable --now coturn 2>/dev/null || service coturn stop 2>/dev/null || true',
  ]);
  return (await turnserverRuns(DEBIAN_TURNSERVER, log)) ? DEBIAN_TURNSERVER : undefined;
}
