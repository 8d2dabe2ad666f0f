// Makes the database chain's embedded step possible: a downloaded mongod, or else FerretDB
// built with Go and cached by version. MONGODB_URI skips all of it.
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { FERRETDB_VERSION, ferretdbAvailable, ferretdbBinary } from '../../server/db/ferretdb.ts';
import { downloadMongod, mongodAvailable } from '../../server/db/memoryServer.ts';
import { exec, execOrThrow } from '../lib/exec.ts';

async function goVersionOk(): Promise<boolean> {
  const result = await exec('go', ['env', 'GOVERSION']);
  const match = /go(\d+)\.(\d+)/.exec(result.output);
  return result.code === 0 && !!match && (Number(match[1]) > 1 || Number(match[2]) >= 24);
}

/** The usual route: `go install` straight into the cache. */
async function goInstallFerretdb(report: (m: string) => void): Promise<boolean> {
  report(`go install github.com/FerretDB/FerretDB/cmd/ferretdb@${FERRETDB_VERSION}`);
  const target = ferretdbBinary();
  mkdirSync(dirname(target), { recursive: true });
  const result = await exec(
    'go',
    ['install', '-trimpath', `github.com/FerretDB/FerretDB/cmd/ferretdb@${FERRETDB_VERSION}`],
    {
      env: { ...process.env, CGO_ENABLED: '0', GOBIN: dirname(target) },
    },
  );
  if (result.code === 0 && existsSync(target)) return true;
  report(`go install failed: ${result.output.trim().split('\n')[0]?.slice(0, 160)}`);
  return false;
}

/**
 * The fallback: some module proxies refuse the version list `go install` asks for (its
 * deprecation check), and the module's build/version/version.txt is normally generated from
 * git. So fetch the exact version with `go mod download` and build a writable copy.
 */
async function buildFerretdbFromModule(report: (m: string) => void) {
  const module = `github.com/FerretDB/FerretDB@${FERRETDB_VERSION}`;
  report(`downloading ${module} with go mod download`);
  const info = JSON.parse(await execOrThrow('go', ['mod', 'download', '-json', module])) as {
    Dir: string;
  };
  const src = join(tmpdir(), `rinnalla-ferretdb-${FERRETDB_VERSION}`);
  rmSync(src, { recursive: true, force: true });
  cpSync(info.Dir, src, { recursive: true });
  await execOrThrow('chmod', ['-R', 'u+w', src]);
  writeFileSync(join(src, 'build', 'version', 'version.txt'), `${FERRETDB_VERSION}\n`);
  report('compiling FerretDB (1–3 minutes)');
  const target = ferretdbBinary();
  mkdirSync(dirname(target), { recursive: true });
  await execOrThrow('go', ['build', '-trimpath', '-o', target, './cmd/ferretdb'], {
    cwd: src,
    env: { ...process.env, CGO_ENABLED: '0' },
  });
  rmSync(src, { recursive: true, force: true });
}

export async function provisionDatabase(report: (m: string) => void): Promise<string> {
  if (process.env.MONGODB_URI) return 'MONGODB_URI (your own MongoDB)';
  if (await mongodAvailable()) return 'mongod (mongodb-memory-server, cached)';
  if (ferretdbAvailable()) return `FerretDB ${FERRETDB_VERSION} (cached)`;
  report('trying to download mongod (mongodb-memory-server)');
  if (await downloadMongod()) return 'mongod (mongodb-memory-server, downloaded)';
  report('mongod cannot be downloaded here; falling back to FerretDB v1 with SQLite');
  if (!(await goVersionOk())) {
    throw new Error(
      'No database: mongod could not be downloaded and Go 1.24+ (to build FerretDB) is missing.\n' +
        'Set MONGODB_URI=mongodb://host:port/ to use a MongoDB you run yourself.',
    );
  }
  if (!(await goInstallFerretdb(report))) await buildFerretdbFromModule(report);
  if (!existsSync(ferretdbBinary())) throw new Error('the FerretDB build produced no binary');
  return `FerretDB ${FERRETDB_VERSION} (built now)`;
}
