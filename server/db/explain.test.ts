// [speed-explain] The hot paths reach their documents by `_id` alone, the one filter FerretDB v1
// answers from an index (and only with the fix its build carries: scripts/provision/ferretdb.ts).
// Here the database itself says so: explain() of a look-up by `_id` in every keyed collection
// names the index — and a range over `_id`, which the code avoids, does not.
import assert from 'node:assert/strict';
import mongoose from 'mongoose';
import { useTestDatabase } from '../../test/support/database.ts';
import '../app.ts'; // every model

/** What a plan says when it used an index: SQLite's SEARCH … USING INDEX, or MongoDB's. */
const INDEXED = /USING (COVERING )?INDEX|IDHACK|IXSCAN|EXPRESS/;

/** The collections hot requests read by key (each one's `_id` as the app makes it). */
const KEYED: [model: string, id: () => unknown][] = [
  ['IdList', () => 'list-abc'],
  ['Seat', () => '0123456789abcdef01234567:1'],
  ['Enrolment', () => new mongoose.Types.ObjectId()],
  ['ContactCard', () => 'last-contact-abc'],
  ['Notification', () => 'job-abc'],
  ['CalendarFeed', () => 'feed-abc'],
  ['GroupChange', () => 'change#000000000001'],
  ['ReachDay', () => '2026-12-06'],
  ['ReachStamp', () => '2026-12'],
  ['KeptFigures', () => 'slot-1'],
  ['GroupSessionIndex', () => new mongoose.Types.ObjectId()],
  ['Person', () => new mongoose.Types.ObjectId()],
  ['Group', () => new mongoose.Types.ObjectId()],
  ['GroupSession', () => new mongoose.Types.ObjectId()],
  // Every live join and session entry: an interpreter invited for this session?
  ['SessionInterpreters', () => new mongoose.Types.ObjectId()],
  // Reminder rounds: each due job, its slot, and a claim's lease when its insert found one.
  ['Job', () => 'job-abc'],
  ['JobSlot', () => 'due:29000000:1'],
  ['Claim', () => 'a'.repeat(64)],
  // Every live join and leave (and a takeover closing the rows of who was there).
  ['Attendance', () => 'attendance-abc'],
  // Every signed-in request; every sign-in; every live join, group page and session chat send.
  ['LoginSession', () => 'a'.repeat(64)],
  ['EmailKey', () => 'email:abc'],
  ['LiveRemoval', () => 'removal:abc'],
  // The messages page and opening a direct conversation; redeeming an email link.
  ['ChatConversation', () => new mongoose.Types.ObjectId()],
  ['EmailToken', () => 'b'.repeat(64)],
  // The audit log's and a partner's pages, a referral link, reflections waiting for review.
  ['AuditEntry', () => new mongoose.Types.ObjectId()],
  ['Referral', () => new mongoose.Types.ObjectId()],
  ['TrainingReflection', () => 'reflection-abc'],
];

describe('[speed-explain] look-ups by key use the index', () => {
  let drop: () => Promise<void>;
  before(async () => {
    drop = await useTestDatabase('explain');
  });
  after(async () => drop?.());

  for (const [name, id] of KEYED)
    it(`[speed-explain] ${name} by _id`, async () => {
      const collection = mongoose.model(name).collection;
      const _id = id();
      await collection.insertOne({ _id: _id as never, probe: true });
      const plan = JSON.stringify(await collection.find({ _id: _id as never }).explain());
      assert.match(plan, INDEXED, plan.slice(0, 600));
    });

  it('[speed-explain] a range over _id is not answered from the index (why the code avoids it)', async function () {
    const collection = mongoose.model('GroupChange').collection;
    const plan = JSON.stringify(
      await collection.find({ _id: { $gt: 'change#' } as never }).explain(),
    );
    if (!/SCAN|SEARCH/.test(plan)) this.skip(); // not SQLite (MongoDB answers ranges by index)
    assert.doesNotMatch(plan, INDEXED, plan.slice(0, 600));
  });

  it('[speed-explain] a name search on the people page reads every person (the one deliberate scan)', async function () {
    const plan = JSON.stringify(
      await mongoose.model('Person').collection.find({ displayName: /aino/i }).explain(),
    );
    if (!/SCAN|SEARCH/.test(plan)) this.skip(); // not SQLite
    assert.doesNotMatch(plan, INDEXED, plan.slice(0, 600));
  });
});
