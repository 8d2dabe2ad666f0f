// Backup and restore of every collection through the MongoDB driver (MongoDB and FerretDB
// alike), as canonical EJSON so every BSON type comes back as it was (ObjectId, Date, Binary,
// Int32 vs Double vs Long…), in the sealed file of backupFormat.ts.
//
// Consistency: on a MongoDB replica set (5.0+) every collection is read in one snapshot session:
// the backup is the database at one instant. Elsewhere (FerretDB, a standalone mongod) there are
// no snapshots: each collection is read in _id order while the app may keep writing, so each
// document is whole, but a change touching two collections during the run may be in the backup
// for one and not the other. The file records when reading started and ended; for an exact copy
// of such a database, stop the app (or run when no one is using it) during the backup.
import { rename, rm } from 'node:fs/promises';
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import mongoose, { type mongo } from 'mongoose';
import { BackupError, openedLines, sealer } from './backupFormat.ts';

type Db = mongo.Db;
type Document = mongo.Document;
type ClientSession = mongo.ClientSession;
const { EJSON } = mongoose.mongo.BSON;
/** Exact types: no promotion of Int32/Double/Long to JS numbers, nor Binary to Buffer. */
const EXACT = {
  promoteValues: false,
  promoteLongs: false,
  promoteBuffers: false,
  bsonRegExp: true,
};
const line = (value: unknown) => `${EJSON.stringify(value, { relaxed: false })}\n`;

export type Progress =
  | { step: 'collection'; index: number; of: number; name: string }
  | { step: 'documents'; name: string; documents: number }
  | { step: 'verified'; collections: number; documents: number }
  | { step: 'warning'; message: string };

interface Head {
  rinnallaBackup: 1;
  database: string;
  startedAt: Date;
  consistency: 'snapshot' | 'per-collection';
  collections: number;
}

/** Collections to copy: every one but the server's own (system.*) and views. */
async function collectionsOf(db: Db) {
  const all = await db.listCollections({}, { nameOnly: false }).toArray();
  return all
    .filter((c) => c.type !== 'view' && !c.name.startsWith('system.'))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** A snapshot session where the server offers one (a replica set of MongoDB 5.0 or newer). */
async function snapshotSession(db: Db): Promise<ClientSession | undefined> {
  const hello = await db
    .admin()
    .command({ hello: 1 })
    .catch(() => ({}) as Document);
  if (!hello.setName || Number(hello.maxWireVersion ?? 0) < 13) return undefined;
  return db.client.startSession({ snapshot: true });
}

/** Writes the whole database to `path` (through `path.partial`: never half a backup). */
export async function backupDatabase(
  db: Db,
  path: string,
  key: Buffer,
  progress: (p: Progress) => void = () => {},
): Promise<{ collections: number; documents: number }> {
  const collections = await collectionsOf(db);
  const session = await snapshotSession(db);
  let documents = 0;
  async function* lines(): AsyncGenerator<string> {
    const head: Head = {
      rinnallaBackup: 1,
      database: db.databaseName,
      startedAt: new Date(),
      consistency: session ? 'snapshot' : 'per-collection',
      collections: collections.length,
    };
    yield line(head);
    for (const [index, { name, options }] of collections.entries()) {
      progress({ step: 'collection', index: index + 1, of: collections.length, name });
      const collection = db.collection(name);
      // Outside the snapshot: listIndexes takes no snapshot read concern, and specs seldom change.
      const indexes = await collection.indexes();
      yield line({ collection: name, options: options ?? {}, indexes });
      let count = 0;
      const cursor = collection.find(
        {},
        { ...EXACT, sort: { _id: 1 }, ...(session ? { session } : {}) },
      );
      for await (const doc of cursor) {
        yield line({ d: doc });
        count += 1;
        if (count % 1000 === 0) progress({ step: 'documents', name, documents: count });
      }
      progress({ step: 'documents', name, documents: count });
      documents += count;
      yield line({ end: name, count });
    }
    yield line({ finishedAt: new Date(), documents });
  }
  const partial = `${path}.partial`;
  try {
    await pipeline(
      Readable.from(lines(), { objectMode: false }),
      createGzip(),
      sealer(key),
      createWriteStream(partial, { mode: 0o600 }),
    );
    await rename(partial, path);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  } finally {
    await session?.endSession();
  }
  return { collections: collections.length, documents };
}

type Entry =
  | { kind: 'head'; head: Head }
  | { kind: 'collection'; name: string; options: Document; indexes: Document[] }
  | { kind: 'doc'; doc: Document }
  | { kind: 'end'; name: string; count: number }
  | { kind: 'finish'; documents: number };

function entryOf(text: string): Entry {
  const value = EJSON.parse(text, { relaxed: false }) as Document;
  if ('d' in value) return { kind: 'doc', doc: value.d as Document };
  if ('collection' in value)
    return {
      kind: 'collection',
      name: value.collection,
      options: value.options,
      indexes: value.indexes,
    };
  if ('end' in value) return { kind: 'end', name: value.end, count: Number(value.count) };
  if ('finishedAt' in value) return { kind: 'finish', documents: Number(value.documents) };
  if (Number(value.rinnallaBackup) === 1)
    return {
      kind: 'head',
      head: { ...value, rinnallaBackup: 1, collections: Number(value.collections) } as Head,
    };
  throw new BackupError('The backup holds a line this version does not understand.');
}

/** Reads the whole file once: it is intact (its tag checks) and complete (every count matches). */
async function verify(path: string, key: Buffer) {
  let head: Head | undefined;
  let finished = false;
  let documents = 0;
  let inCollection = 0;
  const names: string[] = [];
  let unreadable: Error | undefined;
  for await (const text of openedLines(path, key)) {
    // A changed byte may garble a line before the end proves the file changed: read on to it.
    let entry: Entry;
    try {
      entry = entryOf(text);
    } catch (error) {
      unreadable ??= error as Error;
      continue;
    }
    if (entry.kind === 'head') head = entry.head;
    else if (entry.kind === 'collection') {
      names.push(entry.name);
      inCollection = 0;
    } else if (entry.kind === 'doc') {
      inCollection += 1;
      documents += 1;
    } else if (entry.kind === 'end' && entry.count !== inCollection)
      throw new BackupError(`The backup's ${entry.name} is incomplete.`);
    else if (entry.kind === 'finish') finished = entry.documents === documents;
  }
  if (unreadable) throw new BackupError(`The backup ${path} cannot be read: ${unreadable.message}`);
  if (!head || !finished) throw new BackupError(`The backup ${path} is incomplete.`);
  return { head, names, documents };
}

/**
 * Restores a backup into `db`, which must hold no documents — unless `force`, which first drops
 * the collections the backup holds (others stay). Nothing is written before the file verified.
 */
export async function restoreDatabase(
  db: Db,
  path: string,
  key: Buffer,
  options: { force?: boolean; progress?: (p: Progress) => void } = {},
): Promise<{ collections: number; documents: number; head: Head }> {
  const progress = options.progress ?? (() => {});
  const { head, names, documents } = await verify(path, key);
  progress({ step: 'verified', collections: names.length, documents });
  const existing = await collectionsOf(db);
  const occupied = [];
  for (const { name } of existing)
    if ((await db.collection(name).countDocuments({}, { limit: 1 })) > 0) occupied.push(name);
  if (occupied.length && !options.force)
    throw new BackupError(
      `The database ${db.databaseName} is not empty (${occupied.slice(0, 5).join(', ')}` +
        `${occupied.length > 5 ? '…' : ''}): restore into an empty database, or add --force to ` +
        'replace the collections the backup holds.',
    );
  for (const { name } of existing) if (names.includes(name)) await db.collection(name).drop();

  let batch: Document[] = [];
  let current = '';
  let count = 0;
  const flush = async () => {
    if (batch.length) await db.collection(current).insertMany(batch, { ordered: true });
    batch = [];
    progress({ step: 'documents', name: current, documents: count });
  };
  for await (const text of openedLines(path, key)) {
    const entry = entryOf(text);
    if (entry.kind === 'collection') {
      current = entry.name;
      count = 0;
      progress({
        step: 'collection',
        index: names.indexOf(current) + 1,
        of: names.length,
        name: current,
      });
      await createCollection(db, entry.name, entry.options, progress);
      await createIndexes(db, entry.name, entry.indexes, progress);
    } else if (entry.kind === 'doc') {
      batch.push(entry.doc);
      count += 1;
      if (batch.length >= 500) await flush();
    } else if (entry.kind === 'end') await flush();
  }
  return { collections: names.length, documents, head };
}

async function createCollection(
  db: Db,
  name: string,
  options: Document,
  progress: (p: Progress) => void,
) {
  try {
    await db.createCollection(name, options);
  } catch (error) {
    if (Object.keys(options).length === 0) throw error;
    // Options this server does not know (e.g. FerretDB and a validator): the data matters more.
    progress({
      step: 'warning',
      message: `${name}: created without its options (${(error as Error).message})`,
    });
    await db.createCollection(name);
  }
}

async function createIndexes(
  db: Db,
  name: string,
  indexes: Document[],
  progress: (p: Progress) => void,
) {
  for (const { v: _v, ns: _ns, key, ...spec } of indexes) {
    if (spec.name === '_id_') continue;
    try {
      await db.collection(name).createIndex(key as Document, spec);
    } catch (error) {
      progress({
        step: 'warning',
        message: `${name}: index ${spec.name} not created (${(error as Error).message})`,
      });
    }
  }
}
