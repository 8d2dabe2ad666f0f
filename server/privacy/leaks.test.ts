// [sec-5] Ids name nobody, erasure leaves no trace, the export holds every personal field.
import assert from 'node:assert/strict';
import mongoose, { Types } from 'mongoose';
import { startTestApp, type TestApp } from '../../test/support/app.ts';
import { activity, type Activity } from '../../test/support/activity.ts';
import { signedInClient } from '../../test/support/people.ts';
import type { NotificationInfo } from '../protocol/groups.ts';
import { classOf, FIELD_CLASSES } from './fields.ts';
import { schemaPaths } from './schemaPaths.ts';

type Doc = Record<string, unknown>;

async function everyDocument(): Promise<[string, Doc][]> {
  const db = mongoose.connection.db;
  assert.ok(db);
  const docs: [string, Doc][] = [];
  for (const { name } of await db.listCollections().toArray())
    for (const doc of await db.collection(name).find().toArray()) docs.push([name, doc]);
  return docs;
}

/** The stored scalars at a dotted path, through arrays and subdocuments. */
function valuesAt(value: unknown, path: string[]): unknown[] {
  if (Array.isArray(value)) return value.flatMap((v) => valuesAt(v, path));
  if (path.length === 0) return [value];
  if (value === null || typeof value !== 'object' || value instanceof Types.ObjectId) return [];
  return valuesAt((value as Doc)[path[0]!], path.slice(1));
}

/** How a stored value shows in JSON; null for values too plain to look for (booleans, ''). */
function shownAs(value: unknown): string[] {
  if (value instanceof Date) return [value.toISOString()];
  if (value instanceof Types.ObjectId) return [String(value)];
  if (typeof value === 'number') return [String(value)];
  if (typeof value === 'string')
    return value.length >= 2 ? [JSON.stringify(value).slice(1, -1)] : [];
  if (value && typeof value === 'object') return Object.values(value).flatMap(shownAs);
  return [];
}

/** Personal fields of the person's documents whose value is missing from their export. */
async function missingFromExport(personId: string, email: string, exported: string) {
  const missing: string[] = [];
  const covered = new Set<string>();
  for (const name of mongoose.modelNames()) {
    const model = mongoose.model(name);
    const paths = schemaPaths(model.schema);
    const owners = paths.filter((p) => classOf(name, p.path) === 'owner');
    if (owners.length === 0) continue;
    const mine = owners.map((p) => ({
      [p.path]: p.objectId ? new Types.ObjectId(personId) : email,
    }));
    for (const doc of await model.find({ $or: mine }).lean()) {
      covered.add(name);
      for (const p of paths.filter((p) => classOf(name, p.path) === 'personal'))
        for (const shown of valuesAt(doc, p.path.split('.')).flatMap(shownAs))
          if (!exported.includes(shown)) missing.push(`${name}.${p.path} = ${shown}`);
    }
  }
  return { missing: [...new Set(missing)], covered };
}

describe('[sec-5] privacy: opaque ids, complete export, traceless erasure', function () {
  this.timeout(180_000);
  let app: TestApp;
  let act: Activity;
  before(async () => {
    app = await startTestApp({ label: 'sec5' });
    act = await activity(app.url);
  });
  after(async () => {
    for (const socket of act?.sockets ?? []) socket.disconnect();
    await app?.close();
  });

  it('[sec-5] ids that reach others (report, mention and alert notices) and every stored _id name nobody', async () => {
    const { subject, staff } = act;
    for (const person of [staff.facilitator, staff.trainer]) {
      const client = await signedInClient(app.url, person);
      const notices = (await client.get<NotificationInfo[]>('/notifications')).body;
      assert.ok(
        notices.some((n) => n.kind === 'chat-report'),
        `${person.displayName} heard of the report`,
      );
      const naming = notices.filter((n) => JSON.stringify(n).includes(subject.id));
      assert.deepEqual(naming, [], 'no notification a staff member sees names the reporter');
    }
    const reports = await mongoose.connection.collection('chat_reports').find().toArray();
    assert.equal(reports.length, 2);
    const people = [subject, staff.facilitator, staff.trainer].map((p) => p.id);
    const composed = (await everyDocument()).filter(
      ([collection, doc]) =>
        collection !== 'people' && people.some((id) => String(doc._id).includes(id)),
    );
    assert.deepEqual(
      composed.map(([collection, doc]) => `${collection}: ${String(doc._id)}`),
      [],
      'no _id is made of a person id',
    );
  });

  it('[sec-5] every field of every schema is classified, and the export holds each personal one', async () => {
    const unclassified: string[] = [];
    for (const name of mongoose.modelNames()) {
      for (const p of schemaPaths(mongoose.model(name).schema)) {
        const cls = classOf(name, p.path);
        if (!cls) unclassified.push(`${name}.${p.path}`);
        else if (p.refsPerson && ['none', 'secret'].includes(cls))
          unclassified.push(`${name}.${p.path} refers to a person but is '${cls}'`);
      }
      const known = new Set(schemaPaths(mongoose.model(name).schema).map((p) => p.path));
      for (const path of Object.keys(FIELD_CLASSES[name] ?? {}))
        if (!known.has(path))
          unclassified.push(`${name}.${path} is classified but not in the schema`);
    }
    assert.deepEqual(unclassified, [], 'add each to server/privacy/fields.ts');

    const { subject, staff, pauseNote } = act;
    const exported = await act.client.get<Record<string, unknown>>('/me/export');
    assert.equal(exported.status, 200);
    const mine = await missingFromExport(subject.id, subject.email, JSON.stringify(exported.body));
    assert.deepEqual(mine.missing, [], 'personal fields stored but not exported');
    const profile = exported.body.profile as Record<string, { note?: string } | undefined>;
    assert.equal(profile.pause?.note, pauseNote);
    assert.deepEqual(profile.reminders, { offsetsMinutes: [180, 30], email: false });
    assert.deepEqual(profile.supervisor, {
      id: staff.trainer.id,
      displayName: staff.trainer.displayName,
    });

    // The trainer owns what the subject cannot (the safeguarding alert).
    const trainer = await signedInClient(app.url, staff.trainer);
    const theirs = await missingFromExport(
      staff.trainer.id,
      staff.trainer.email,
      JSON.stringify((await trainer.get('/me/export')).body),
    );
    assert.deepEqual(theirs.missing, [], "the trainer's personal fields stored but not exported");
    const owning = Object.keys(FIELD_CLASSES).filter((name) =>
      Object.values(FIELD_CLASSES[name]!).includes('owner'),
    );
    const covered = new Set([...mine.covered, ...theirs.covered]);
    assert.deepEqual(
      owning.filter((name) => !covered.has(name)),
      [],
      'the activity should make a document of every kind that holds personal data',
    );
  });

  it('[sec-5] after erasure no collection holds the person id, email, name or pause note', async () => {
    const { subject, pauseNote } = act;
    for (const socket of act.sockets.splice(0)) socket.disconnect();
    const needles = [subject.id, subject.email, subject.displayName, pauseNote];
    const traces = async () =>
      (await everyDocument()).flatMap(([collection, doc]) => {
        const json = JSON.stringify(doc);
        return needles.filter((n) => json.includes(n)).map((n) => `${collection}: ${n} in ${json}`);
      });
    assert.ok((await traces()).length > 30, 'the person is all over the database before');
    const erased = await act.client.delete('/me', { password: subject.password });
    assert.equal(erased.status, 204, JSON.stringify(erased.body));
    assert.deepEqual(await traces(), []);
    // The groups they were part of carry on.
    const run = await mongoose.connection
      .collection('groups')
      .findOne({ _id: new Types.ObjectId(act.run.group.id) });
    assert.equal(run?.coFacilitatorId, null);
  });
});
