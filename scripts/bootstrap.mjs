// @ts-check
// Entry point of `npm start`, `npm test` and `npm run bench` on a fresh clone: it needs
// nothing but Node itself. It installs the dependencies when they are missing or stale, then
// hands over to scripts/run.ts (TypeScript, run through tsx) for everything else.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [mode = 'start', ...rest] = process.argv.slice(2);
const stampFile = join(root, 'node_modules', '.rinnalla-deps');

function checkNode() {
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
  if (major < 20 || (major === 20 && minor < 19)) {
    console.error(`Rinnalla needs Node.js 20.19 or newer; this is ${process.versions.node}.`);
    process.exit(1);
  }
}

function dependencyHash() {
  const hash = createHash('sha256');
  for (const file of ['package.json', 'package-lock.json', '.npmrc']) {
    const path = join(root, file);
    if (existsSync(path)) hash.update(readFileSync(path));
  }
  return hash.digest('hex');
}

/**
 * @param {string} command
 * @param {string[]} args
 * @returns {Promise<number>}
 */
function run(command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit', env: process.env });
    // Ctrl-C reaches the whole process group; the child shuts itself down and we wait for it.
    const ignore = () => {};
    process.on('SIGINT', ignore);
    process.on('SIGTERM', () => child.kill('SIGTERM'));
    child.on('exit', (code, signal) => {
      process.off('SIGINT', ignore);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

async function ensureDependencies() {
  const wanted = dependencyHash();
  const installed = existsSync(stampFile) ? readFileSync(stampFile, 'utf8') : '';
  if (installed === wanted && existsSync(join(root, 'node_modules', 'tsx'))) {
    console.log('[rinnalla] dependencies: up to date');
    return;
  }
  // `npm ci`: installs exactly what package-lock.json records and never rewrites it, so a
  // first run leaves the clone as it was (the lock records every platform's optional packages).
  console.log('[rinnalla] dependencies: npm ci (about a minute)…');
  const started = Date.now();
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const code = await run(npm, ['ci', '--no-audit', '--no-fund']);
  if (code !== 0) {
    console.error(
      '[rinnalla] npm could not install the dependencies (see above). If it says package.json ' +
        'and package-lock.json are out of sync, run `npm install` once and commit the lock.',
    );
    process.exit(code);
  }
  writeFileSync(stampFile, wanted);
  console.log(
    `[rinnalla] dependencies: installed in ${Math.round((Date.now() - started) / 1000)} s`,
  );
}

checkNode();
await ensureDependencies();
const code = await run(process.execPath, ['--import', 'tsx', 'scripts/run.ts', mode, ...rest]);
process.exit(code);
