// Builds the client with Vite when its sources or translations changed since the last build.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { projectRoot } from '../../server/platform/paths.ts';
import { execOrThrow } from '../lib/exec.ts';
import type { StepLog } from '../lib/stepLog.ts';

const inputs = ['client', 'locales', 'server/protocol', 'package-lock.json'];
const distDir = join(projectRoot, 'client', 'dist');
const stampFile = join(distDir, '.source-hash');

function hashInputs(): string {
  const hash = createHash('sha256');
  const visit = (path: string) => {
    if (!existsSync(path) || path === distDir || path.includes('node_modules')) return;
    if (statSync(path).isDirectory()) {
      for (const entry of readdirSync(path).sort()) visit(join(path, entry));
    } else {
      hash.update(relative(projectRoot, path)).update(readFileSync(path));
    }
  };
  for (const input of inputs) visit(join(projectRoot, input));
  return hash.digest('hex');
}

export async function buildClient(report: (m: string) => void, log: StepLog): Promise<string> {
  const hash = hashInputs();
  // The stamp alone proves nothing if the build it describes was deleted since.
  const built = existsSync(join(distDir, 'index.html'));
  if (built && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === hash)
    return 'up to date';
  report('vite build');
  await execOrThrow(
    process.execPath,
    [
      join(projectRoot, 'node_modules', 'vite', 'bin', 'vite.js'),
      'build',
      '--config',
      'client/vite.config.ts',
      '--logLevel',
      'warn',
    ],
    { cwd: projectRoot, log },
  );
  writeFileSync(stampFile, hash);
  return 'built';
}
