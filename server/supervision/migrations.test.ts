// A database from before reports, alerts and last contacts were kept by key is brought over at
// start: the dashboard's lists and the contact view find what the old searches found.
import assert from 'node:assert/strict';
import mongoose from 'mongoose';
import { useTestDatabase } from '../../test/support/database.ts';
import { migrate } from '../db/migrations.ts';
import { alertsListed } from './alert.model.ts';
import { contactsOf } from './contactCard.ts';
import { superviseesOf } from './supervisees.ts';
import './migrations.ts';
import { reportIdOf, reportsOfGroups } from './report.model.ts';

const oid = () => new mongoose.Types.ObjectId();

describe('[speed-migrate] reports, alerts and last contacts of an older database', () => {
  let drop: () => Promise<void>;
  before(async () => {
    drop = await useTestDatabase('supervisionmigration');
  });
  after(async () => drop?.());

  it('[speed-migrate] reports listed by group and session, alerts by trainer, contacts per facilitator', async () => {
    const db = mongoose.connection;
    const [trainer, author, quiet] = [oid(), oid(), oid()];
    const groupId = oid();
    const day = (n: number) => new Date(Date.UTC(2026, 10, n));
    await db.collection('people').insertMany([
      { _id: trainer, email: 't@x.invalid', roles: ['trainer'] },
      {
        _id: author,
        email: 'a@x.invalid',
        roles: ['facilitator'],
        supervisorId: trainer,
        displayName: 'A',
      },
      {
        _id: quiet,
        email: 'q@x.invalid',
        roles: ['facilitator'],
        supervisorId: trainer,
        displayName: 'Q',
      },
    ]);
    const reports = [1, 2, 3].map((n) => ({
      _id: oid(),
      sessionId: oid(),
      groupId,
      authorId: author,
      createdAt: day(n),
      feedback: n === 2 ? [{ byId: trainer, text: 'Hyvä.', at: day(5) }] : [],
      attendance: [],
    }));
    await db.collection('session_reports').insertMany(reports);
    const [open, done] = [oid(), oid()];
    await db.collection('safeguarding_alerts').insertMany([
      {
        _id: open,
        trainerId: trainer,
        facilitatorId: author,
        openedAt: day(3),
        acknowledgedAt: null,
      },
      {
        _id: done,
        trainerId: trainer,
        facilitatorId: author,
        openedAt: day(2),
        acknowledgedAt: day(4),
      },
    ]);

    await migrate(() => undefined);
    await migrate(() => undefined); // marked done: nothing twice

    assert.deepEqual(
      (await reportsOfGroups([groupId], 2)).map((r) => String(r._id)),
      [String(reports[2]!._id), String(reports[1]!._id)],
    );
    assert.equal(await reportIdOf(reports[0]!.sessionId), String(reports[0]!._id));
    assert.deepEqual(
      (await alertsListed(String(trainer), 'open')).map((a) => String(a._id)),
      [String(open)],
    );
    assert.deepEqual(
      (await alertsListed(String(trainer), 'all')).map((a) => String(a._id)),
      [String(open), String(done)],
    );
    assert.deepEqual(
      (await superviseesOf(String(trainer))).map((p) => String(p._id)),
      [String(author), String(quiet)],
    );
    const contacts = await contactsOf([author, quiet]);
    assert.deepEqual(contacts.get(String(author)), { at: day(5), kind: 'feedback' });
    assert.equal(contacts.has(String(quiet)), false);
  });
});
