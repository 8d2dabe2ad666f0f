// mediasoup worker chain: MEDIASOUP_WORKER_BIN → cached → mediasoup's prebuilt download →
// build from the installed package's worker/ sources against the system's libraries → error.
import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  renameSync,
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { arch, platform, release, tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot, toolCacheDir } from '../../server/platform/paths.ts';
import { aptInstall, canInstallDebianPackages } from '../lib/debian.ts';
import { exec, execOrThrow } from '../lib/exec.ts';
import { percentReporter } from '../lib/progress.ts';

const mediasoupDir = join(projectRoot, 'node_modules', 'mediasoup');
const installedBin = join(mediasoupDir, 'worker', 'out', 'Release', 'mediasoup-worker');
const recipeDir = join(projectRoot, 'scripts', 'provision', 'mediasoup-worker');

export const BUILD_PACKAGES = [
  'meson',
  'ninja-build',
  'pkg-config',
  'build-essential',
  'libssl-dev',
  'libuv1-dev',
  'libsrtp2-dev',
  'libusrsctp-dev',
  'libabsl-dev',
  'libflatbuffers-dev',
  'flatbuffers-compiler',
];

function mediasoupVersion(): string {
  const pkg = JSON.parse(readFileSync(join(mediasoupDir, 'package.json'), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

/** The real test: mediasoup starts a worker from this binary and talks to it. */
function workerRuns(bin: string): boolean {
  const probe =
    "import('mediasoup').then(m => m.createWorker()).then(w => { w.close(); process.exit(0); }, () => process.exit(1))";
  try {
    execFileSync(process.execPath, ['--input-type=module', '-e', probe], {
      cwd: projectRoot,
      env: { ...process.env, MEDIASOUP_WORKER_BIN: bin },
      stdio: 'ignore',
      timeout: 15_000,
    });
    return true;
  } catch {
    return false;
  }
}

async function downloadPrebuilt(version: string, target: string, report: (m: string) => void) {
  const kernel = platform() === 'linux' ? `-kernel${release().split('.')[0]}` : '';
  const tarName = `mediasoup-worker-${version}-${platform()}-${arch()}${kernel}.tgz`;
  const base =
    process.env.MEDIASOUP_WORKER_PREBUILT_DOWNLOAD_BASE_URL ??
    'https://github.com/versatica/mediasoup/releases/download';
  report(`trying mediasoup's prebuilt ${tarName}`);
  try {
    const response = await fetch(`${base}/${version}/${tarName}`, {
      signal: AbortSignal.timeout(30_000),
    });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const dir = join(tmpdir(), `rinnalla-prebuilt-${process.pid}`);
    mkdirSync(dir, { recursive: true });
    const tarPath = join(dir, tarName);
    writeFileSync(tarPath, Buffer.from(await response.arrayBuffer()));
    await execOrThrow('tar', ['xzf', tarPath, '-C', dir]);
    if (!workerRuns(join(dir, 'mediasoup-worker'))) throw new Error('does not run on this host');
    copyFileSync(join(dir, 'mediasoup-worker'), target);
    rmSync(dir, { recursive: true, force: true });
    return true;
  } catch (error) {
    report(`prebuilt worker not available (${(error as Error).message})`);
    return false;
  }
}

async function ensureBuildTools(report: (m: string) => void) {
  if (canInstallDebianPackages()) {
    await aptInstall(BUILD_PACKAGES, report);
    return;
  }
  const missing = [];
  for (const tool of ['meson', 'ninja', 'pkg-config', 'c++', 'flatc']) {
    if ((await exec('sh', ['-c', `command -v ${tool}`])).code !== 0) missing.push(tool);
  }
  for (const lib of ['openssl', 'libuv', 'libsrtp2', 'usrsctp', 'flatbuffers']) {
    if ((await exec('pkg-config', ['--exists', lib])).code !== 0) missing.push(lib);
  }
  if (missing.length > 0) {
    throw new Error(
      `building the mediasoup worker needs ${missing.join(', ')}. On Debian/Ubuntu: ` +
        `sudo apt-get install ${BUILD_PACKAGES.join(' ')}`,
    );
  }
}

/** Builds the worker from the installed package's sources against the system's libraries. */
async function buildFromSystemLibs(version: string, target: string, report: (m: string) => void) {
  await ensureBuildTools(report);
  const buildRoot = join(tmpdir(), `rinnalla-worker-build-${version}`);
  rmSync(buildRoot, { recursive: true, force: true });
  const worker = join(buildRoot, 'worker');
  cpSync(join(mediasoupDir, 'worker'), worker, { recursive: true });
  // Each meson wrap (which would download a library) becomes a shim over the system library.
  const subprojects = join(worker, 'subprojects');
  for (const entry of await import('node:fs/promises').then((fs) => fs.readdir(subprojects))) {
    if (entry.endsWith('.wrap')) rmSync(join(subprojects, entry));
  }
  cpSync(join(recipeDir, 'shims'), subprojects, { recursive: true });
  // Debian bookworm has meson 1.0.1; nothing newer than 1.0 is used by the build.
  const mesonBuild = join(worker, 'meson.build');
  writeFileSync(
    mesonBuild,
    readFileSync(mesonBuild, 'utf8').replace(
      "meson_version: '>= 1.1.0'",
      "meson_version: '>= 1.0.0'",
    ),
  );
  await execOrThrow(
    'patch',
    [
      '-p1',
      '-i',
      join(recipeDir, 'patches', '0001-dtls-bio-callback-return-real-ctrl-result.patch'),
    ],
    {
      cwd: buildRoot,
    },
  );
  report('configuring (meson)');
  await execOrThrow(
    'meson',
    [
      'setup',
      'build',
      '--wrap-mode=nodownload',
      '--buildtype',
      'release',
      '-Db_ndebug=true',
      '-Dms_disable_liburing=true',
    ],
    { cwd: worker },
  );
  // flatc code generation must come before the worker itself.
  await execOrThrow('ninja', ['-C', 'build', 'fbs/FBS'], { cwd: worker });
  report('compiling (about 4 minutes on 2 cores)');
  const progress = percentReporter(report, 'compiling');
  await execOrThrow('ninja', ['-C', 'build', 'mediasoup-worker'], {
    cwd: worker,
    onLine: (line) => {
      const match = /^\[(\d+)\/(\d+)\]/.exec(line);
      if (match) progress(Number(match[1]), Number(match[2]));
    },
  });
  await execOrThrow('strip', ['-o', target, join(worker, 'build', 'mediasoup-worker')]);
  rmSync(buildRoot, { recursive: true, force: true });
}

/** Makes a working mediasoup-worker available; returns its path and how it was obtained. */
export async function provisionMediasoupWorker(
  report: (m: string) => void,
): Promise<{ bin: string; source: string }> {
  const version = mediasoupVersion();
  const fromEnv = process.env.MEDIASOUP_WORKER_BIN;
  if (fromEnv) {
    if (!workerRuns(fromEnv))
      throw new Error(
        `MEDIASOUP_WORKER_BIN=${fromEnv} is not a runnable mediasoup ${version} worker`,
      );
    return { bin: fromEnv, source: 'MEDIASOUP_WORKER_BIN' };
  }
  const cacheDir = join(toolCacheDir(), `mediasoup-worker-${version}`);
  const cached = join(cacheDir, 'mediasoup-worker');
  let source = 'cache';
  if (!existsSync(cached) || !workerRuns(cached)) {
    mkdirSync(cacheDir, { recursive: true });
    if (await downloadPrebuilt(version, cached, report)) {
      source = 'prebuilt download';
    } else {
      report('building from the mediasoup package sources against system libraries');
      try {
        await buildFromSystemLibs(version, cached, report);
      } catch (error) {
        throw new Error(
          `No mediasoup worker: the prebuilt download failed and so did the build from source.\n` +
            `${(error as Error).message}\n` +
            `Set MEDIASOUP_WORKER_BIN to a mediasoup-worker ${version} binary to skip this step.`,
        );
      }
      if (!workerRuns(cached)) throw new Error(`the built worker at ${cached} does not run`);
      source = 'built from source';
    }
  }
  // Also place it where mediasoup looks by default, so plain `npx mocha` finds it too.
  mkdirSync(join(installedBin, '..'), { recursive: true });
  // Copy beside it and rename over it: a running server keeps its (busy) old file.
  const staging = `${installedBin}.${process.pid}`;
  copyFileSync(cached, staging);
  renameSync(staging, installedBin);
  return { bin: installedBin, source };
}
