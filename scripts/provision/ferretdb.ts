// FerretDB v1 (SQLite), built from the Go module's source so that it carries its version file
// and the one-line fix that lets SQLite use the _id index — and checked by running it.
//
// `go install …@version` cannot build it correctly: the version file is embedded at build time
// and the module has none (that binary panics on start), and Go refuses overlays beneath
// GOMODCACHE. So there is one build: fetch the exact module, copy it, add both, `go build`.
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import mongoose from 'mongoose';
import { FERRETDB_VERSION, ferretdbBinary, startFerretdb } from '../../server/db/ferretdb.ts';
import { exec } from '../lib/exec.ts';
import { ProvisionFailure } from '../lib/failure.ts';
import type { StepLog } from '../lib/stepLog.ts';

const MODULE = 'github.com/FerretDB/FerretDB';
/** The module zip's hash (go.sum's h1:), pinned so no checksum database is needed. */
const MODULE_SUM = 'h1:trrUU0LbmusMbyubhPS1IELncvrIwKrsRT2LW1UUWCw=';
/** Upstream's IDColumn never matches its own index expression, so every _id lookup scans. */
const ID_INDEX_FIX = {
  file: 'internal/backends/sqlite/metadata/metadata.go',
  from: `IDColumn = DefaultColumn + "->'$._id'"`,
  to: `IDColumn = DefaultColumn + "->'_id'"`,
};

export interface FerretdbOptions {
  cacheDir: string;
  report: (message: string) => void;
  log: StepLog;
}

/** The same Go settings on every machine, whatever the user's own environment says. */
function goEnv(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    CGO_ENABLED: '0',
    GO111MODULE: 'on',
    GOWORK: 'off',
    GOFLAGS: '-buildvcs=false',
    // Checked against MODULE_SUM below instead of a checksum database some proxies do not serve.
    GONOSUMDB: [process.env.GONOSUMDB, MODULE].filter(Boolean).join(','),
  };
}

export async function goVersion(log: StepLog): Promise<{ ok: boolean; found: string }> {
  const result = await exec('go', ['env', 'GOVERSION'], { log, timeoutMs: 30_000 });
  const match = /go(\d+)\.(\d+)/.exec(result.output);
  const ok = result.code === 0 && !!match && (Number(match[1]) > 1 || Number(match[2]) >= 24);
  return { ok, found: result.code === 0 ? result.output.trim() : 'no go command' };
}

/** The check every FerretDB passes before it is used: it runs, serves, and uses the _id index. */
export async function checkFerretdb(binary: string, log: StepLog): Promise<string | undefined> {
  if (!existsSync(binary)) return 'the file does not exist';
  const version = await exec(binary, ['--version'], { log, timeoutMs: 15_000 });
  if (version.code !== 0 || !version.output.includes(`version: ${FERRETDB_VERSION}`)) {
    const first = version.output.trim().split('\n')[0] ?? '';
    return `\`${binary} --version\` failed (exit ${version.code}${first ? `: ${first.slice(0, 120)}` : ''})`;
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'rinnalla-ferretdb-check-'));
  let database;
  try {
    database = await startFerretdb(dataDir, binary);
    const connection = await mongoose
      .createConnection(database.uri, { dbName: 'probe', serverSelectionTimeoutMS: 10_000 })
      .asPromise();
    try {
      const probe = connection.db!.collection<{ _id: string; at: Date }>('probe');
      const at = new Date();
      await probe.insertOne({ _id: 'probe', at });
      const found = await probe.findOne({ _id: 'probe' });
      if (found?.at.getTime() !== at.getTime()) return 'a stored document did not come back';
      const plan = JSON.stringify(await probe.find({ _id: 'probe' }).explain());
      log.write(`explain of find({_id}): ${plan}`);
      if (!plan.includes('USING INDEX'))
        return 'it does not use the _id index (built without the fix)';
    } finally {
      await connection.close();
    }
    return undefined;
  } catch (error) {
    return (error as Error).message.split('\n')[0];
  } finally {
    await database?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function fetchModule(options: FerretdbOptions, workDir: string): Promise<string> {
  const { report, log } = options;
  report(`go mod download ${MODULE}@${FERRETDB_VERSION}`);
  const result = await exec('go', ['mod', 'download', '-json', `${MODULE}@${FERRETDB_VERSION}`], {
    cwd: workDir,
    env: goEnv(),
    log,
    timeoutMs: 10 * 60_000,
  });
  let info: { Dir?: string; Sum?: string; Error?: string } = {};
  try {
    info = JSON.parse(result.output) as typeof info;
  } catch {
    // Not JSON: go failed before it could answer; the log has its words.
  }
  if (result.code !== 0 || !info.Dir) {
    throw new ProvisionFailure({
      what: `Go could not download ${MODULE}@${FERRETDB_VERSION} (the embedded database's source): ${info.Error ?? result.output.trim().split('\n')[0] ?? ''}`.trim(),
      see: `go mod download -json ${MODULE}@${FERRETDB_VERSION}`,
      wayOut:
        'Check that the Go module proxy (go env GOPROXY) is reachable, or set MONGODB_URI=mongodb://host:port/ to use a MongoDB you run yourself.',
      log: log.path,
    });
  }
  if (info.Sum !== MODULE_SUM) {
    throw new ProvisionFailure({
      what: `The downloaded ${MODULE}@${FERRETDB_VERSION} is not the expected source (checksum ${info.Sum ?? 'missing'}, expected ${MODULE_SUM}).`,
      see: `go clean -modcache && go mod download -json ${MODULE}@${FERRETDB_VERSION}`,
      wayOut:
        'Your Go module proxy serves a different file: use the public proxy, or set MONGODB_URI to use your own MongoDB.',
      log: log.path,
    });
  }
  return info.Dir;
}

/** Builds into `target`: a writable copy of the module with its version file and the fix. */
async function build(target: string, options: FerretdbOptions): Promise<void> {
  const { report, log } = options;
  const work = mkdtempSync(join(tmpdir(), 'rinnalla-ferretdb-build-'));
  const src = join(work, 'src');
  try {
    // An empty folder: no go.mod of the user's around it changes what is downloaded.
    cpSync(await fetchModule(options, work), src, { recursive: true });
    await exec('chmod', ['-R', 'u+w', src], { log });
    writeFileSync(join(src, 'build', 'version', 'version.txt'), `${FERRETDB_VERSION}\n`);
    const fixed = join(src, ID_INDEX_FIX.file);
    const source = readFileSync(fixed, 'utf8');
    if (source.split(ID_INDEX_FIX.from).length !== 2) {
      throw new ProvisionFailure({
        what: `The FerretDB source no longer has the line the _id index fix changes (${ID_INDEX_FIX.file}).`,
        wayOut:
          "This is a bug in Rinnalla's provisioning; set MONGODB_URI to use your own MongoDB meanwhile.",
      });
    }
    writeFileSync(fixed, source.replace(ID_INDEX_FIX.from, ID_INDEX_FIX.to));
    report('compiling FerretDB with Go (1–5 minutes on a first run)');
    let packages = 0;
    const result = await exec('go', ['build', '-v', '-trimpath', '-o', target, './cmd/ferretdb'], {
      cwd: src,
      env: goEnv(),
      log,
      timeoutMs: 20 * 60_000,
      // -v names each package as it is built (or downloaded): enough to show it moves.
      onLine: (line) => {
        if (line && !line.startsWith('go: ') && ++packages % 100 === 0)
          report(`compiled ${packages} packages`);
      },
    });
    if (result.code !== 0 || !existsSync(target)) {
      throw new ProvisionFailure({
        what: `Compiling FerretDB failed (go build exited with ${result.code}).`,
        see: `tail -40 ${log.path}`,
        wayOut: 'Set MONGODB_URI=mongodb://host:port/ to use a MongoDB you run yourself.',
        log: log.path,
      });
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * A FerretDB that has passed checkFerretdb: FERRETDB_BIN, the cached build, or a new build.
 * A cached binary that fails its check is rebuilt, once.
 */
export async function provisionFerretdb(
  options: FerretdbOptions,
): Promise<{ bin: string; source: string }> {
  const { report, log } = options;
  const bin = ferretdbBinary(options.cacheDir);
  if (process.env.FERRETDB_BIN) {
    const problem = await checkFerretdb(bin, log);
    if (problem) {
      throw new ProvisionFailure({
        what: `FERRETDB_BIN=${bin} does not work: ${problem}.`,
        see: `${bin} --version`,
        wayOut:
          'Unset FERRETDB_BIN to let Rinnalla build FerretDB, or set MONGODB_URI to use your own MongoDB.',
        log: log.path,
      });
    }
    return { bin, source: 'FERRETDB_BIN, checked' };
  }
  let source = 'built now';
  if (existsSync(bin)) {
    const problem = await checkFerretdb(bin, log);
    if (!problem) return { bin, source: 'cached, checked' };
    report(`the cached FerretDB failed its check (${problem}): rebuilding it once`);
    rmSync(bin, { force: true });
    source = 'rebuilt: the cached one failed its check';
  }
  const go = await goVersion(log);
  if (!go.ok) {
    throw new ProvisionFailure({
      what: `No database: mongod cannot be downloaded here, and FerretDB (the embedded fallback) needs Go 1.24 or newer to be built (found: ${go.found}).`,
      see: 'go version',
      wayOut:
        'Install Go 1.24+ (https://go.dev/dl/ or your distribution), or set MONGODB_URI=mongodb://host:port/ to use a MongoDB you run yourself.',
      log: log.path,
    });
  }
  mkdirSync(dirname(bin), { recursive: true });
  const staging = `${bin}.new-${process.pid}`;
  try {
    await build(staging, options);
    report('checking the new build: --version, a connection, a round trip, the _id index');
    const problem = await checkFerretdb(staging, log);
    if (problem) {
      renameSync(staging, `${bin}.failed`);
      throw new ProvisionFailure({
        what: `The FerretDB just built does not work: ${problem}.`,
        see: `${bin}.failed --version`,
        wayOut: 'Set MONGODB_URI=mongodb://host:port/ to use a MongoDB you run yourself.',
        log: log.path,
      });
    }
    renameSync(staging, bin);
  } finally {
    rmSync(staging, { force: true });
  }
  return { bin, source };
}
