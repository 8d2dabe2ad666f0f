// [scale-5] Backup → empty database → restore gives identical documents (every document of
// every collection, with its BSON types); a changed file, a wrong key, a missing key and a
// non-empty target are refused with a clear error. Real FerretDB (or mongod), real driver.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mongoose, { type mongo } from 'mongoose';
import { testDatabaseUri, useTestDatabase } from '../../test/support/database.ts';
import { projectRoot } from './paths.ts';
import { createPerson } from '../../test/support/people.ts';
import { backupDatabase, restoreDatabase } from './backup.ts';
import { BackupError, backupKey } from './backupFormat.ts';

const { EJSON, ObjectId, Binary, Int32, Double, Long } = mongoose.mongo.BSON;
const EXACT = {
  promoteValues: false,
  promoteLongs: false,
  promoteBuffers: false,
  bsonRegExp: true,
};

/** Every collection's documents in _id order, as canonical EJSON (types spelled out). */
async function contents(db: mongo.Db): Promise<Record<string, string[]>> {
  const names = (await db.listCollections().toArray())
    .map((c) => c.name)
    .filter((n) => !n.startsWith('system.'))
    .sort();
  const all: Record<string, string[]> = {};
  for (const name of names) {
    const docs = await db
      .collection(name)
      .find({}, { ...EXACT, sort: { _id: 1 } })
      .toArray();
    all[name] = docs.map((d) => EJSON.stringify(d, { relaxed: false }));
  }
  return all;
}

describe('[scale-5] backup and restore', function () {
  this.timeout(120_000);
  const key = randomBytes(32);
  const dir = mkdtempSync(join(tmpdir(), 'rinnalla-backup-'));
  const file = join(dir, 'test.backup');
  let dropSource: () => Promise<void>;
  let source: mongo.Db;
  const targets: mongo.Db[] = [];
  const target = () => {
    const db = mongoose.connection.getClient().db(`test_restore_${randomBytes(3).toString('hex')}`);
    targets.push(db);
    return db;
  };

  before(async () => {
    dropSource = await useTestDatabase('backup');
    source = mongoose.connection.db!;
    // The app's own documents…
    await createPerson({ roles: ['family'], displayName: 'Äiti Öörni 👋' });
    await createPerson({ roles: ['facilitator'] });
    // …and every type the app stores, in a collection of its own, with an index.
    const kinds = source.collection('kinds');
    await kinds.createIndex({ at: 1, label: 1 }, { name: 'at_label' });
    await kinds.createIndex({ label: 1 }, { name: 'label_unique', unique: true });
    const docs = Array.from({ length: 1234 }, (_, i) => ({
      _id: new ObjectId(),
      label: `dokumentti ${i} – حرف ${i}`,
      at: new Date(Date.UTC(2026, 0, 1) + i * 60_000),
      whole: new Int32(i),
      real: new Double(i), // a double that happens to be whole stays a double
      half: i + 0.5,
      big: Long.fromString(`${9_000_000_000_000 + i}`),
      bytes: new Binary(randomBytes(16)),
      uuid: new Binary(randomBytes(16), Binary.SUBTYPE_UUID),
      flag: i % 2 === 0,
      nothing: null,
      nested: { list: [1, 'two', { three: new Date(0) }], empty: {} },
      ref: new ObjectId(),
    }));
    await kinds.insertMany(docs);
    await source.collection('strings').insertMany([
      { _id: 'a:1' as never, v: 1 },
      { _id: 'b:2' as never, v: 2 },
    ]);
  });
  after(async () => {
    for (const db of targets) await db.dropDatabase().catch(() => undefined);
    await dropSource?.();
    rmSync(dir, { recursive: true, force: true });
  });

  it('[scale-5] backup → empty database → restore: every document of every collection identical, types too', async () => {
    const seen: string[] = [];
    const made = await backupDatabase(source, file, key, (p) => {
      if (p.step === 'collection') seen.push(`${p.index}/${p.of} ${p.name}`);
    });
    const original = await contents(source);
    const collections = Object.keys(original);
    assert.ok(collections.includes('people') && collections.includes('kinds'), collections.join());
    assert.equal(made.collections, collections.length);
    const total = Object.values(original).reduce((n, docs) => n + docs.length, 0);
    assert.equal(made.documents, total);
    assert.equal(seen.length, collections.length);
    assert.equal(seen[0], `1/${collections.length} ${collections[0]}`);
    // Encrypted at rest: none of the text is readable in the file; compressed: smaller than EJSON.
    const bytes = readFileSync(file);
    assert.equal(bytes.includes(Buffer.from('dokumentti')), false);
    assert.equal(bytes.includes(Buffer.from('kinds')), false);
    assert.ok(statSync(file).size < JSON.stringify(original).length / 3);

    const restored = target();
    const done = await restoreDatabase(restored, file, key);
    assert.equal(done.documents, total);
    const copy = await contents(restored);
    assert.deepEqual(Object.keys(copy), collections);
    for (const name of collections) assert.deepEqual(copy[name], original[name], name);
    // Types, spelled out (deepEqual of the EJSON above already covers them).
    const one = await restored.collection('kinds').findOne({ whole: 7 }, EXACT);
    assert.ok(one?._id instanceof ObjectId);
    assert.ok(one?.at instanceof Date);
    assert.ok(one?.bytes instanceof Binary);
    assert.equal(one?.uuid.sub_type, Binary.SUBTYPE_UUID);
    assert.equal(one?.whole._bsontype, 'Int32');
    assert.equal(one?.real._bsontype, 'Double');
    assert.equal(one?.big._bsontype, 'Long');
    // Indexes came back too: the unique one still refuses a duplicate.
    const indexes = (await restored.collection('kinds').indexes()).map((i) => i.name);
    assert.ok(indexes.includes('at_label') && indexes.includes('label_unique'), indexes.join());
    await assert.rejects(restored.collection('kinds').insertOne({ label: 'dokumentti 3 – حرف 3' }));
  });

  it('[scale-5] a changed backup file does not restore, and nothing is written', async () => {
    const bytes = readFileSync(file);
    const changed = Buffer.from(bytes);
    changed[Math.floor(bytes.length / 2)]! ^= 0x01; // one bit, in the middle of the data
    const tampered = join(dir, 'tampered.backup');
    writeFileSync(tampered, changed);
    const restored = target();
    await assert.rejects(restoreDatabase(restored, tampered, key), (error: Error) => {
      assert.ok(error instanceof BackupError, String(error));
      assert.match(error.message, /changed or damaged.*Nothing was restored/s);
      return true;
    });
    assert.deepEqual(await contents(restored), {});
    // A cut-off file and a changed last byte (the tag) are caught the same way.
    writeFileSync(tampered, bytes.subarray(0, bytes.length - 100));
    await assert.rejects(restoreDatabase(restored, tampered, key), /changed or damaged/);
    const lastByte = Buffer.from(bytes);
    lastByte[lastByte.length - 1]! ^= 0x80;
    writeFileSync(tampered, lastByte);
    await assert.rejects(restoreDatabase(restored, tampered, key), /changed or damaged/);
    assert.deepEqual(await contents(restored), {});
  });

  it('[scale-5] refuses without BACKUP_KEY, with another key, and into a database that is not empty', async () => {
    assert.throws(() => backupKey(''), /BACKUP_KEY is not set/);
    assert.throws(() => backupKey('c2hvcnQ='), /must be 32 bytes/);
    assert.equal(backupKey(key.toString('base64')).equals(key), true);
    assert.equal(backupKey(key.toString('hex')).equals(key), true);
    await assert.rejects(
      restoreDatabase(target(), file, randomBytes(32)),
      /made with another BACKUP_KEY/,
    );
    await assert.rejects(restoreDatabase(source, file, key), /is not empty.*--force/s);
    // --force replaces the backup's collections.
    await source.collection('kinds').deleteMany({ whole: { $lt: 10 } });
    const before = (await contents(source)).kinds!.length;
    await restoreDatabase(source, file, key, { force: true });
    assert.equal((await contents(source)).kinds!.length, before + 10);
  });

  it('[scale-5] npm run backup / restore: the same database, progress per collection, refused without a key', async () => {
    const run = (mode: string, args: string[], env: Record<string, string>) =>
      new Promise<{ code: number; out: string }>((resolve) => {
        execFile(
          process.execPath,
          ['--import', 'tsx', 'scripts/run.ts', mode, ...args],
          {
            cwd: projectRoot,
            env: { ...process.env, MONGODB_URI: testDatabaseUri(), DATA_DIR: dir, ...env },
            timeout: 90_000,
          },
          (error, stdout, stderr) =>
            resolve({ code: error ? Number(error.code ?? 1) : 0, out: stdout + stderr }),
        );
      });
    const made = join(dir, 'cli.backup');
    const base64 = key.toString('base64');
    const backup = await run('backup', [made], {
      MONGODB_DB: source.databaseName,
      BACKUP_KEY: base64,
    });
    assert.equal(backup.code, 0, backup.out);
    const names = Object.keys(await contents(source));
    assert.match(
      backup.out,
      new RegExp(`collection 1/${names.length} ${names[0]}: \\d+ documents`),
    );
    assert.match(backup.out, /✔ backup of test_backup_/);
    const into = target();
    const restore = await run('restore', [made], {
      MONGODB_DB: into.databaseName,
      BACKUP_KEY: base64,
    });
    assert.equal(restore.code, 0, restore.out);
    assert.match(restore.out, /the file is intact/);
    assert.deepEqual(await contents(into), await contents(source));
    const again = await run('restore', [made], {
      MONGODB_DB: into.databaseName,
      BACKUP_KEY: base64,
    });
    assert.equal(again.code, 1);
    assert.match(again.out, /is not empty/);
    const keyless = await run('backup', [], { MONGODB_DB: source.databaseName, BACKUP_KEY: '' });
    assert.equal(keyless.code, 1);
    assert.match(keyless.out, /BACKUP_KEY is not set/);
  });
});
