// The first run, as a newcomer's machine takes it: provisioning into an empty tool cache, a
// broken cached tool, a chain that cannot succeed. Each runs the real scripts as child processes.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mongoose from 'mongoose';
import { FERRETDB_VERSION, startFerretdb } from '../../server/db/ferretdb.ts';
import { projectRoot } from '../../server/platform/paths.ts';
import { startServerProcess } from '../../test/support/serverProcess.ts';
import { exec } from '../lib/exec.ts';
import { openStepLog } from '../lib/stepLog.ts';
import { downloadPrebuilt, mediasoupVersion, workerRuns } from './mediasoupWorker.ts';

const realWorker = process.env.MEDIASOUP_WORKER_BIN;

/** The environment of a newcomer: no database of their own, nothing provisioned yet. */
function freshEnv(cacheDir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, RINNALLA_CACHE_DIR: cacheDir, ...extra };
  for (const name of ['MONGODB_URI', 'FERRETDB_BIN', 'MONGOMS_DOWNLOAD_DIR']) delete env[name];
  return env;
}

function run(
  args: string[],
  env: NodeJS.ProcessEnv,
  timeoutMs: number,
): Promise<{ code: number | null; output: string; ms: number }> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: projectRoot, env });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output, ms: Date.now() - started });
    });
  });
}

/** A mongoose round trip and an _id look-up that SQLite answers from the index. */
async function assertServes(binary: string) {
  const dataDir = mkdtempSync(join(tmpdir(), 'rinnalla-boot-db-'));
  const database = await startFerretdb(dataDir, binary);
  const connection = await mongoose.createConnection(database.uri, { dbName: 'boot' }).asPromise();
  try {
    const Note = connection.model('Note', new mongoose.Schema({ text: String }));
    const { _id } = await Note.create({ text: 'hei' });
    const back = await Note.findById(_id).lean();
    assert.equal(back?.text, 'hei');
    const plan = JSON.stringify(await Note.find({ _id }).explain());
    assert.match(plan, /USING INDEX/, 'an _id look-up must use the primary key index');
  } finally {
    await connection.close();
    await database.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

describe('first run on a fresh machine (provisioning)', function () {
  this.timeout(15 * 60_000);
  const folders: string[] = [];
  const folder = (name: string) => {
    const path = mkdtempSync(join(tmpdir(), `rinnalla-${name}-`));
    folders.push(path);
    return path;
  };
  after(() => {
    for (const path of folders) {
      // Go leaves its module copies read-only.
      void exec('chmod', ['-R', 'u+w', path]).then(() =>
        rmSync(path, { recursive: true, force: true }),
      );
    }
  });

  it('[boot-5] builds FerretDB into an empty cache; the binary runs, serves mongoose and uses the _id index', async () => {
    const cacheDir = folder('boot5-cache');
    const result = await run(
      ['--import', 'tsx', 'scripts/run.ts', 'provision', 'database'],
      freshEnv(cacheDir),
      14 * 60_000,
    );
    assert.equal(result.code, 0, result.output);
    // The mongod route cannot work here (no internet): it must say so and fall through.
    assert.match(result.output, /mongod cannot be downloaded here/);
    assert.match(result.output, new RegExp(`✔ FerretDB ${FERRETDB_VERSION} \\(built now\\)`));
    const binary = join(cacheDir, `ferretdb-${FERRETDB_VERSION}`, 'ferretdb');
    const version = await exec(binary, ['--version']);
    assert.equal(version.code, 0, version.output);
    assert.match(version.output, new RegExp(`version: ${FERRETDB_VERSION}`));
    await assertServes(binary);
    // The step's raw output is kept where a failure would point.
    assert.match(readFileSync(join(cacheDir, 'logs', 'database.log'), 'utf8'), /go build/);
  });

  it("[boot-5] takes mediasoup's prebuilt worker when it runs here, refuses one that does not", async () => {
    assert.ok(realWorker, 'the test run provisions a worker first');
    const version = mediasoupVersion();
    const served = folder('boot5-prebuilt');
    /** A tarball shaped like mediasoup's prebuilt ones: one mediasoup-worker file. */
    const pack = async (name: string, write: (path: string) => void) => {
      const dir = join(served, name);
      mkdirSync(dir);
      write(join(dir, 'mediasoup-worker'));
      const tgz = join(served, `${name}.tgz`);
      const tar = await exec('tar', ['czf', tgz, '-C', dir, 'mediasoup-worker']);
      assert.equal(tar.code, 0, tar.output);
      return readFileSync(tgz);
    };
    const good = await pack('good', (path) => copyFileSync(realWorker, path));
    const broken = await pack('broken', (fake) => {
      writeFileSync(fake, '#!/bin/sh\nexit 2\n');
      chmodSync(fake, 0o755);
    });
    let tarball = good;
    const requested: string[] = [];
    const server: Server = createServer((request, response) => {
      requested.push(request.url ?? '');
      response.end(tarball);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    const previousBase = process.env.MEDIASOUP_WORKER_PREBUILT_DOWNLOAD_BASE_URL;
    process.env.MEDIASOUP_WORKER_PREBUILT_DOWNLOAD_BASE_URL = `http://127.0.0.1:${port}`;
    const reports: string[] = [];
    const options = {
      cacheDir: served,
      report: (line: string) => reports.push(line),
      log: openStepLog(served, 'worker'),
    };
    try {
      const target = join(served, 'obtained');
      assert.equal(await downloadPrebuilt(version, target, options), true, reports.join('\n'));
      assert.ok(await workerRuns(target), 'the downloaded worker runs under mediasoup');
      assert.match(
        requested[0] ?? '',
        new RegExp(`^/${version}/mediasoup-worker-${version}-linux-`),
      );

      tarball = broken;
      const refused = join(served, 'refused');
      assert.equal(await downloadPrebuilt(version, refused, options), false);
      assert.match(reports.at(-1) ?? '', /does not run on this host/);
      assert.equal(await workerRuns(refused), false, 'nothing is left where the worker would go');
    } finally {
      if (previousBase === undefined)
        delete process.env.MEDIASOUP_WORKER_PREBUILT_DOWNLOAD_BASE_URL;
      else process.env.MEDIASOUP_WORKER_PREBUILT_DOWNLOAD_BASE_URL = previousBase;
      server.close();
    }
  });

  it('[boot-6] a cached FerretDB that exits 2 is detected and rebuilt, and the server starts', async () => {
    assert.ok(realWorker);
    const cacheDir = folder('boot6-cache');
    const cached = join(cacheDir, `ferretdb-${FERRETDB_VERSION}`, 'ferretdb');
    mkdirSync(join(cached, '..'), { recursive: true });
    writeFileSync(cached, '#!/bin/sh\nexit 2\n');
    chmodSync(cached, 0o755);
    const env = freshEnv(cacheDir, {
      MEDIASOUP_WORKER_BIN: realWorker,
      DATA_DIR: folder('boot6-data'),
      SEED_DEMO_DATA: 'false',
    });
    const server = await startServerProcess(env as Record<string, string>, {
      entry: ['scripts/run.ts', 'start'],
      timeoutMs: 14 * 60_000,
    });
    try {
      assert.match(server.output(), /the cached FerretDB failed its check .*: rebuilding it once/);
      assert.match(server.output(), /rebuilt: the cached one failed its check/);
      const health = await fetch(`${server.url}/readyz`);
      assert.equal(health.status, 200);
    } finally {
      await server.stop();
    }
    const version = await exec(cached, ['--version']);
    assert.equal(version.code, 0, version.output);
  });

  it('[boot-7] with no way to a database, npm start fails within seconds with what to do and the log', async () => {
    assert.ok(realWorker);
    const cacheDir = folder('boot7-cache');
    // PATH without Go: only the folder Node itself lives in, and the basic system tools.
    const path = [join(process.execPath, '..'), '/usr/bin', '/bin'].join(':');
    const which = await exec('sh', ['-c', 'command -v go || true'], { env: { PATH: path } });
    assert.equal(which.output.trim(), '', `go is still on PATH=${path}`);
    const result = await run(
      ['scripts/bootstrap.mjs', 'start'],
      freshEnv(cacheDir, { PATH: path, MEDIASOUP_WORKER_BIN: realWorker }),
      120_000,
    );
    assert.notEqual(result.code, 0, result.output);
    assert.ok(result.ms < 60_000, `took ${result.ms} ms`);
    const log = join(cacheDir, 'logs', 'database.log');
    assert.match(result.output, /needs Go 1\.24 or newer/);
    assert.match(result.output, /MONGODB_URI=mongodb:\/\/host:port\//);
    assert.match(result.output, /To see why, run: go version/);
    assert.ok(result.output.includes(`The full output is in ${log}`), result.output);
    assert.doesNotMatch(result.output, /goroutine|panic:|\n\s+at /, 'no stack trace');
    assert.match(readFileSync(log, 'utf8'), /go env GOVERSION/);
  });
});
