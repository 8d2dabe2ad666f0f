// mediasoup worker chain: MEDIASOUP_WORKER_BIN → cached → mediasoup's prebuilt download →
// build from the installed package's worker/ sources against the system's libraries → error.
// Every worker, whichever way it came, is used only after mediasoup has run it.
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { arch, platform, release, tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../../server/platform/paths.ts';
import { aptInstall, canInstallDebianPackages } from '../lib/debian.ts';
import { exec, execOrThrow } from '../lib/exec.ts';
import { ProvisionFailure } from '../lib/failure.ts';
import { percentReporter } from '../lib/progress.ts';
import type { StepLog } from '../lib/stepLog.ts';

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

export function mediasoupVersion(): string {
  const pkg = JSON.parse(readFileSync(join(mediasoupDir, 'package.json'), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

/** The real test: mediasoup starts a worker from this binary, talks to it and closes it. */
export async function workerRuns(bin: string, log?: StepLog): Promise<boolean> {
  if (!existsSync(bin)) return false;
  const probe =
    "import('mediasoup').then(m => m.createWorker()).then(async w => { await w.getResourceUsage(); w.close(); process.exit(0); }, e => { console.error(String(e)); process.exit(1); })";
  const result = await exec(process.execPath, ['--input-type=module', '-e', probe], {
    cwd: projectRoot,
    env: { ...process.env, MEDIASOUP_WORKER_BIN: bin },
    log,
    timeoutMs: 15_000,
  });
  return result.code === 0;
}

export interface WorkerOptions {
  cacheDir: string;
  report: (message: string) => void;
  log: StepLog;
}

export async function downloadPrebuilt(version: string, target: string, options: WorkerOptions) {
  const { report, log } = options;
  const kernel = platform() === 'linux' ? `-kernel${release().split('.')[0]}` : '';
  const tarName = `mediasoup-worker-${version}-${platform()}-${arch()}${kernel}.tgz`;
  const base =
    process.env.MEDIASOUP_WORKER_PREBUILT_DOWNLOAD_BASE_URL ??
    'https://github.com/versatica/mediasoup/releases/download';
  const url = `${base}/${version}/${tarName}`;
  report(`trying mediasoup's prebuilt ${tarName}`);
  const dir = mkdtempSync(join(tmpdir(), 'rinnalla-prebuilt-'));
  try {
    log.write(`GET ${url}`);
    const response = await fetch(url, { signal: AbortSignal.timeout(30_000) });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const tarPath = join(dir, tarName);
    writeFileSync(tarPath, Buffer.from(await response.arrayBuffer()));
    await execOrThrow('tar', ['xzf', tarPath, '-C', dir], { log });
    if (!(await workerRuns(join(dir, 'mediasoup-worker'), log)))
      throw new Error('it does not run on this host');
    copyFileSync(join(dir, 'mediasoup-worker'), target);
    return true;
  } catch (error) {
    const reason = (error as Error & { cause?: Error }).cause?.message ?? (error as Error).message;
    log.write(`prebuilt worker: ${reason}`);
    report(`prebuilt worker not available (${reason})`);
    return false;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function ensureBuildTools(options: WorkerOptions) {
  if (canInstallDebianPackages()) {
    await aptInstall(BUILD_PACKAGES, options.report, options.log);
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
    throw new ProvisionFailure({
      what: `Building the mediasoup worker (the video server) needs ${missing.join(', ')}, which this machine lacks.`,
      wayOut: `On Debian/Ubuntu: sudo apt-get install ${BUILD_PACKAGES.join(' ')} — or set MEDIASOUP_WORKER_BIN to a mediasoup-worker binary.`,
    });
  }
}

/** Builds the worker from the installed package's sources against the system's libraries. */
async function buildFromSystemLibs(version: string, target: string, options: WorkerOptions) {
  const { report, log } = options;
  await ensureBuildTools(options);
  const buildRoot = mkdtempSync(join(tmpdir(), `rinnalla-worker-build-${version}-`));
  try {
    const worker = join(buildRoot, 'worker');
    cpSync(join(mediasoupDir, 'worker'), worker, { recursive: true });
    // Each meson wrap (which would download a library) becomes a shim over the system library.
    const subprojects = join(worker, 'subprojects');
    for (const entry of readdirSync(subprojects)) {
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
    const patch = join(
      recipeDir,
      'patches',
      '0001-dtls-bio-callback-return-real-ctrl-result.patch',
    );
    await execOrThrow('patch', ['-p1', '-i', patch], { cwd: buildRoot, log });
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
      { cwd: worker, log },
    );
    // flatc code generation must come before the worker itself.
    await execOrThrow('ninja', ['-C', 'build', 'fbs/FBS'], { cwd: worker, log });
    report('compiling (about 4 minutes on 2 cores)');
    const progress = percentReporter(report, 'compiling');
    await execOrThrow('ninja', ['-C', 'build', 'mediasoup-worker'], {
      cwd: worker,
      log,
      onLine: (line) => {
        const match = /^\[(\d+)\/(\d+)\]/.exec(line);
        if (match) progress(Number(match[1]), Number(match[2]));
      },
    });
    await execOrThrow('strip', ['-o', target, join(worker, 'build', 'mediasoup-worker')], { log });
  } finally {
    rmSync(buildRoot, { recursive: true, force: true });
  }
}

/** Obtains a worker into `target` by the prebuilt download, else by the build from source. */
async function obtain(version: string, target: string, options: WorkerOptions): Promise<string> {
  const { report, log } = options;
  if (await downloadPrebuilt(version, target, options)) return 'prebuilt download, checked';
  report('building from the mediasoup package sources against system libraries');
  try {
    await buildFromSystemLibs(version, target, options);
  } catch (error) {
    if (error instanceof ProvisionFailure) throw error;
    throw new ProvisionFailure({
      what: `No mediasoup worker (the video server): mediasoup's prebuilt download is not reachable here, and building it from source failed (${(error as Error).message.split('\n')[0]}).`,
      see: `tail -40 ${log.path}`,
      wayOut: `Set MEDIASOUP_WORKER_BIN to a mediasoup-worker ${version} binary to skip this step.`,
      log: log.path,
    });
  }
  if (!(await workerRuns(target, log))) {
    throw new ProvisionFailure({
      what: `The mediasoup worker just built from source does not run under mediasoup ${version}.`,
      see: `MEDIASOUP_WORKER_BIN=${target} node -e "import('mediasoup').then(m => m.createWorker())"`,
      wayOut: `Set MEDIASOUP_WORKER_BIN to a working mediasoup-worker ${version} binary.`,
      log: log.path,
    });
  }
  return 'built from source, checked';
}

/**
 * Makes a working mediasoup-worker available in the tool cache; returns its path and how it was
 * obtained. A cached worker that no longer runs (e.g. a system library changed) is replaced, once.
 */
export async function provisionMediasoupWorker(
  options: WorkerOptions,
): Promise<{ bin: string; source: string }> {
  const { report, log } = options;
  const version = mediasoupVersion();
  const fromEnv = process.env.MEDIASOUP_WORKER_BIN;
  if (fromEnv) {
    if (!(await workerRuns(fromEnv, log)))
      throw new ProvisionFailure({
        what: `MEDIASOUP_WORKER_BIN=${fromEnv} is not a runnable mediasoup ${version} worker.`,
        see: `MEDIASOUP_WORKER_BIN=${fromEnv} node -e "import('mediasoup').then(m => m.createWorker())"`,
        wayOut:
          'Point MEDIASOUP_WORKER_BIN at a working worker, or unset it to let Rinnalla provide one.',
        log: log.path,
      });
    return { bin: fromEnv, source: 'MEDIASOUP_WORKER_BIN, checked' };
  }
  const cacheDir = join(options.cacheDir, `mediasoup-worker-${version}`);
  const cached = join(cacheDir, 'mediasoup-worker');
  if (await workerRuns(cached, log)) return { bin: cached, source: 'cached, checked' };
  let prefix = '';
  if (existsSync(cached)) {
    report('the cached worker failed its check (mediasoup could not run it): replacing it once');
    prefix = 'replaced a cached worker that failed its check; ';
  }
  mkdirSync(cacheDir, { recursive: true });
  // Obtained beside the cache and renamed over it: a running server keeps its (busy) old file.
  const staging = `${cached}.new-${process.pid}`;
  try {
    const source = await obtain(version, staging, options);
    renameSync(staging, cached);
    return { bin: cached, source: prefix + source };
  } finally {
    rmSync(staging, { force: true });
  }
}

/** Also places the worker where mediasoup looks by default, so plain `npx mocha` finds it. */
export function installForMediasoup(bin: string): string {
  if (bin === installedBin) return bin;
  mkdirSync(join(installedBin, '..'), { recursive: true });
  const staging = `${installedBin}.${process.pid}`;
  copyFileSync(bin, staging);
  renameSync(staging, installedBin);
  return installedBin;
}
