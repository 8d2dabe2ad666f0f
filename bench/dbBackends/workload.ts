// The workload measured on each FerretDB backend: a `messages` collection (ObjectId _ids) and a
// `people` collection (string _ids) grown together to each size. Every query returns the same
// number of documents at every size, so a 100k/1k ratio shows only what the size costs.
import { mongo } from 'mongoose';

type Db = mongo.Db;
type Document = mongo.Document;
type ObjectId = mongo.ObjectId;

/** Message i is number i % 100 of channel c<i/100>, by author p<i/10>. */
const PER_CHANNEL = 100;
const PER_AUTHOR = 10;
const BATCH = 1000;

export interface Workload {
  size: number;
  messageIds: ObjectId[];
}

/** A small deterministic generator: both backends get the same documents and look-ups. */
export function randomFrom(seed: number) {
  let state = seed >>> 0;
  return (below: number) => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state % below;
  };
}

export async function prepare(db: Db): Promise<Workload> {
  // The indexes the chat history would have (FerretDB builds them; whether it uses them is the
  // question the plans answer).
  await db.collection('messages').createIndex({ channel: 1, seq: 1 });
  await db.collection('messages').createIndex({ author: 1 });
  return { size: 0, messageIds: [] };
}

/** Adds documents until each collection holds `size` (the insert measurement adds a few more). */
export async function growTo(db: Db, workload: Workload, size: number): Promise<void> {
  const messages = db.collection('messages');
  const people = db.collection<{ _id: string }>('people');
  const at = new Date('2026-11-23T10:00:00Z').getTime();
  for (let from = workload.size; from < size; from += BATCH) {
    const batch: Document[] = [];
    const persons: { _id: string; name: string; groups: number }[] = [];
    for (let i = from; i < Math.min(size, from + BATCH); i += 1) {
      const _id = new mongo.ObjectId();
      workload.messageIds.push(_id);
      batch.push({
        _id,
        channel: `c${Math.floor(i / PER_CHANNEL)}`,
        seq: i % PER_CHANNEL,
        author: `p${Math.floor(i / PER_AUTHOR)}`,
        text: `Viesti ${i}: kiitos kaikille tämänpäiväisestä tapaamisesta, nähdään ensi viikolla!`,
        at: new Date(at + i * 1000),
      });
      persons.push({ _id: personId(i), name: `Person ${i}`, groups: i % 7 });
    }
    await messages.insertMany(batch, { ordered: true });
    await people.insertMany(persons, { ordered: true });
  }
  workload.size = size;
}

const personId = (i: number) => `person:${String(i).padStart(6, '0')}`;

export interface Operation {
  name: string;
  run(): Promise<unknown>;
  /** The explain() of the same request, where FerretDB has one (find, count, aggregate). */
  explain?(): Promise<Document>;
  /** Said instead of a plan where FerretDB explains nothing (writes). */
  planNote?: string;
}

/** The operations, each picking its targets across the whole collection (not just its start). */
export function operations(db: Db, workload: Workload, seed: number): Operation[] {
  const messages = db.collection('messages');
  const people = db.collection<{ _id: string }>('people');
  const random = randomFrom(seed);
  const anyMessage = () => workload.messageIds[random(workload.size)]!;
  const anyChannel = () => `c${random(workload.size / PER_CHANNEL)}`;
  const catchUp = (channel: string) =>
    messages
      .find({ channel, seq: { $gt: PER_CHANNEL / 2 } })
      .sort({ seq: 1 })
      .limit(50);
  const countPipeline = (channel: string) => [
    // what countDocuments sends
    { $match: { channel } },
    { $group: { _id: 1, n: { $sum: 1 } } },
  ];
  const fifty = () => Array.from({ length: 50 }, anyMessage);
  let inserted = 0;
  return [
    {
      name: 'findOne({_id: ObjectId})',
      run: () => messages.findOne({ _id: anyMessage() }),
      explain: () => messages.find({ _id: anyMessage() }).limit(1).explain(),
    },
    {
      name: 'findOne({_id: string})',
      run: () => people.findOne({ _id: personId(random(workload.size)) }),
      explain: () =>
        people
          .find({ _id: personId(random(workload.size)) })
          .limit(1)
          .explain(),
    },
    {
      name: 'insertOne',
      run: () =>
        messages.insertOne({
          channel: 'inserted',
          seq: (inserted += 1),
          author: 'inserter',
          text: 'Uusi viesti',
          at: new Date(),
        }),
      planNote: 'a write: FerretDB explains only find, count and aggregate',
    },
    {
      name: 'updateOne({_id}, {$set, $inc})',
      run: () =>
        messages.updateOne(
          { _id: anyMessage() },
          { $set: { text: 'Muokattu' }, $inc: { edits: 1 } },
        ),
      // FerretDB finds the document with the filter's pushdown, then writes it back by _id.
      explain: () => messages.find({ _id: anyMessage() }).explain(),
      planNote: 'plan of its read by the same filter; the write is by _id',
    },
    {
      name: 'find({author}) (10 documents)',
      run: () => messages.find({ author: `p${random(workload.size / PER_AUTHOR)}` }).toArray(),
      explain: () => messages.find({ author: 'p1' }).explain(),
    },
    {
      name: 'find({channel, seq: {$gt}}).sort({seq}).limit(50) (chat catch-up)',
      run: () => catchUp(anyChannel()).toArray(),
      explain: () => catchUp(anyChannel()).explain(),
    },
    {
      name: 'countDocuments({channel}) (100)',
      run: () => messages.countDocuments({ channel: anyChannel() }),
      explain: () => messages.aggregate(countPipeline(anyChannel())).explain(),
    },
    {
      name: 'find({_id: {$in: 50 ids}})',
      run: () => messages.find({ _id: { $in: fifty() } }).toArray(),
      explain: () => messages.find({ _id: { $in: fifty() } }).explain(),
    },
  ];
}
