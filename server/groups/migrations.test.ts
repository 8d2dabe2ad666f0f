// A database from before rosters, keyed attendance, session indexes, minute slots, lists of groups
// and inboxes is brought over at start: every page reading by key finds what the old searches found.
import assert from 'node:assert/strict';
import mongoose from 'mongoose';
import { useTestDatabase } from '../../test/support/database.ts';
import { idsIn } from '../db/idLists.ts';
import { migrate } from '../db/migrations.ts';
import '../reminders/migrations.ts';
import { inboxOf, INBOX_SIZE } from '../reminders/notification.model.ts';
import { dueJobIds } from '../reminders/queue.ts';
import { attendanceAt } from '../sessions/attendance.model.ts';
import { sessionIdsOf } from '../sessions/sessionIndex.ts';
import { ALL } from './group.model.ts';
import { linkedGroupIds, rosterOf } from './memberships.ts';
import './migrations.ts';

const oid = () => new mongoose.Types.ObjectId();

describe('[speed-migrate] memberships, attendance, sessions and reminders of an older database', () => {
  let drop: () => Promise<void>;
  before(async () => {
    drop = await useTestDatabase('groupmigration');
  });
  after(async () => drop?.());

  it('[speed-migrate] rosters, lists of groups, keyed attendance, session index and due reminders', async () => {
    const db = mongoose.connection;
    const [lead, trainer, aino, omar, sara] = [oid(), oid(), oid(), oid(), oid()];
    const groupId = oid();
    const now = new Date();
    await db
      .collection('people')
      .insertMany(
        [lead, trainer, aino, omar, sara].map((_id, i) => ({ _id, email: `p${i}@x.invalid` })),
      );
    await db.collection('groups').insertOne({
      _id: groupId,
      leadFacilitatorId: lead,
      coFacilitatorId: null,
      trainerId: trainer,
      status: 'open',
    });
    const statuses = [
      [omar, 'waitlisted', 3],
      [aino, 'confirmed', 1],
      [sara, 'cancelled', 2],
    ] as const;
    for (const [personId, status, arrival] of statuses)
      await db.collection('enrolments').insertOne({
        _id: oid(),
        groupId,
        personId,
        status,
        arrival,
        reason: null,
        createdAt: now,
        updatedAt: now,
      });
    const sessionId = oid();
    await db
      .collection('group_sessions')
      .insertOne({ _id: sessionId, groupId, key: '2026-12-07', startsAt: now, endsAt: now });
    await db.collection('attendance').createIndex({ key: 1 }, { unique: true });
    await db.collection('attendance').insertOne({
      _id: oid(),
      key: 'old-key',
      sessionId,
      groupId,
      personId: aino,
      present: true,
    });
    const runAt = new Date(now.getTime() - 5 * 60_000);
    for (const [_id, status] of [
      ['job-pending', 'pending'],
      ['job-done', 'done'],
    ])
      await db.collection('jobs').insertOne({ _id: _id as never, status, runAt, kind: 'reminder' });

    // Notifications from before inboxes: Aino has more than the bell shows.
    const minute = (i: number) => new Date(now.getTime() - (100 - i) * 60_000);
    for (let i = 0; i < INBOX_SIZE + 10; i += 1)
      await db.collection('notifications').insertOne({
        _id: `n-aino-${i}` as never,
        personId: aino,
        kind: 'reminder',
        groupId,
        createdAt: minute(i),
      });
    await db.collection('notifications').insertOne({
      _id: 'n-omar' as never,
      personId: omar,
      kind: 'session-cancelled',
      groupId,
      createdAt: now,
    });

    await migrate(() => undefined);
    await migrate(() => undefined); // marked done: nothing twice

    const roster = await rosterOf(groupId);
    assert.deepEqual(
      roster.active.map((e) => [String(e.personId), e.status]),
      [
        [String(aino), 'confirmed'],
        [String(omar), 'waitlisted'],
      ],
    );
    assert.deepEqual(
      roster.ended.map((e) => String(e.personId)),
      [String(sara)],
    );
    assert.deepEqual((await linkedGroupIds(String(aino))).confirmed, [String(groupId)]);
    assert.deepEqual((await linkedGroupIds(String(lead))).lead, [String(groupId)]);
    assert.deepEqual((await linkedGroupIds(String(trainer))).trainer, [String(groupId)]);
    assert.deepEqual((await linkedGroupIds(String(omar))).confirmed, []);

    const rows = await attendanceAt(String(sessionId), [String(aino), String(omar)]);
    assert.equal(rows.get(String(aino))?.present, true);
    assert.equal(rows.size, 1);
    assert.equal(await db.collection('attendance').countDocuments(), 1, 'moved, not copied');

    assert.equal((await sessionIdsOf(groupId)).get('2026-12-07'), String(sessionId));
    assert.deepEqual((await dueJobIds(now)).ids, ['job-pending']);

    assert.deepEqual(await idsIn('family-groups', ALL), [String(groupId)], 'a group before kinds');
    const inbox = await inboxOf(String(aino));
    assert.equal(inbox.length, INBOX_SIZE);
    assert.deepEqual(
      inbox.map((n) => n._id),
      Array.from({ length: INBOX_SIZE }, (_, i) => `n-aino-${INBOX_SIZE + 9 - i}`),
      'the newest, newest first',
    );
    assert.deepEqual(
      (await inboxOf(String(omar))).map((n) => n._id),
      ['n-omar'],
    );
  });
});
