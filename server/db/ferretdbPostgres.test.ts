// FERRETDB_BACKEND=postgresql: FerretDB on a PostgreSQL cluster the platform creates, starts
// and stops itself (Debian's server, provisioned by `npm test`). The other tests run on the
// default backend; this one takes the PostgreSQL route end to end.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mongoose from 'mongoose';
import { ferretdbAvailable, ferretdbBackend, ferretdbBinary, startFerretdb } from './ferretdb.ts';

/** Processes whose command line names the folder (FerretDB, postgres and its helpers). */
function processesUsing(dir: string): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(dir);
      } catch {
        return false;
      }
    })
    .map(Number);
}

/** The postmaster: the one process started with the cluster folder as its data directory. */
function postmasterOf(dir: string): number | undefined {
  return processesUsing(dir).find((pid) => {
    const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    return args.includes('-D') && args.some((arg) => arg.endsWith('/cluster'));
  });
}

describe('[speed-pg] FerretDB on its own PostgreSQL', function () {
  this.timeout(120_000);
  let dataDir: string;
  const previous = process.env.FERRETDB_BACKEND;

  before(function () {
    // Where the chain runs mongod or the operator's MongoDB, no FerretDB was built to test.
    if (!ferretdbAvailable()) this.skip();
    dataDir = mkdtempSync(join(tmpdir(), 'rinnalla-speed-pg-'));
  });
  after(() => {
    if (previous === undefined) delete process.env.FERRETDB_BACKEND;
    else process.env.FERRETDB_BACKEND = previous;
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('[speed-pg] starts, serves a mongoose round trip from PostgreSQL, stops, and keeps the data', async () => {
    process.env.FERRETDB_BACKEND = 'postgresql';
    const start = () => startFerretdb(dataDir, ferretdbBinary(), ferretdbBackend());
    const schema = new mongoose.Schema({ text: String, edits: Number });

    let database = await start();
    assert.match(database.description, /PostgreSQL/);
    let connection = await mongoose.createConnection(database.uri, { dbName: 'pg' }).asPromise();
    let Note = connection.model('Note', schema);
    let id: mongoose.Types.ObjectId;
    try {
      const created = await Note.create({ text: 'hei', edits: 0 });
      id = created._id;
      await Note.updateOne({ _id: id }, { $inc: { edits: 1 } });
      assert.deepEqual(await Note.findById(id, { _id: 0, text: 1, edits: 1 }).lean(), {
        text: 'hei',
        edits: 1,
      });
      // Served by PostgreSQL itself: its planner answers the explain.
      const plan = JSON.stringify(await Note.find({ _id: id }).explain());
      assert.match(plan, /"Node Type":"Seq Scan"/);
    } finally {
      await connection.close();
      await database.stop();
    }
    assert.deepEqual(processesUsing(dataDir), [], 'FerretDB and PostgreSQL stopped');

    // The second start finds the cluster (no new initdb) and the document in it.
    database = await start();
    connection = await mongoose.createConnection(database.uri, { dbName: 'pg' }).asPromise();
    Note = connection.model('Note', schema);
    try {
      assert.equal((await Note.findById(id).lean())?.edits, 1);
    } finally {
      await connection.close();
      await database.stop();
    }
    assert.deepEqual(processesUsing(dataDir), []);
  });

  it('[speed-pg] an unknown FERRETDB_BACKEND is refused with the accepted values', () => {
    process.env.FERRETDB_BACKEND = 'mysql';
    assert.throws(ferretdbBackend, /FERRETDB_BACKEND=mysql is not one of sqlite, postgresql/);
  });

  it('[heal-1] its PostgreSQL killed: started again on the same cluster, and FerretDB serves again', async () => {
    process.env.FERRETDB_BACKEND = 'postgresql';
    const database = await startFerretdb(dataDir, ferretdbBinary(), ferretdbBackend());
    const connection = await mongoose
      .createConnection(database.uri, { dbName: 'pg', serverSelectionTimeoutMS: 1500 })
      .asPromise();
    const Note = connection.model('Note', new mongoose.Schema({ text: String }));
    try {
      await Note.create({ text: 'before' });
      const killed = postmasterOf(dataDir);
      assert.ok(killed, 'the postmaster found');
      process.kill(killed, 'SIGKILL');
      const started = Date.now();
      // Its backends may serve a moment longer (they notice the postmaster's death on their next
      // wait): served again means by a new postmaster on the same cluster.
      let restarted: number | undefined;
      for (;;) {
        restarted = postmasterOf(dataDir);
        try {
          if (restarted && restarted !== killed) {
            await Note.create({ text: 'after' });
            break;
          }
        } catch {
          // not yet
        }
        assert.ok(Date.now() - started < 30_000, 'a new postmaster serves within 30 s');
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      const servedAfter = Date.now() - started;
      assert.equal(await Note.countDocuments({ text: 'before' }), 1, 'the data kept');
      console.log(
        `      [heal-1] PostgreSQL killed: FerretDB served again after ${servedAfter} ms`,
      );
    } finally {
      await connection.close();
      await database.stop();
    }
    assert.deepEqual(processesUsing(dataDir), [], 'nothing left running');
  });
});
