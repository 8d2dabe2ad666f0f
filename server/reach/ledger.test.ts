// The reach ledger follows attendance as it is stored: a live join counts a family (never the
// group's staff), a facilitator's "absent" takes them out and a later join does not undo it, a
// cancelled session reaches nobody.
import assert from 'node:assert/strict';
import mongoose from 'mongoose';
import { useTestDatabase } from '../../test/support/database.ts';
import { helsinkiDate } from '../groups/schedule.ts';
import { correctAttendance, recordJoin } from '../sessions/attendance.model.ts';
import { ledgerChanged } from './cache.ts';
import { familyKey, forgetSession, heldOn, ReachDay } from './ledger.ts';

const oid = () => new mongoose.Types.ObjectId();

describe('[speed-reach] the reach ledger', () => {
  let drop: () => Promise<void>;
  before(async () => {
    drop = await useTestDatabase('reachledger');
  });
  after(async () => drop?.());

  it('[speed-reach] joins, corrections and a cancellation, as the figures will count them', async () => {
    const db = mongoose.connection;
    const [lead, aino, omar] = [oid(), oid(), oid()];
    const groupId = oid();
    await db
      .collection('groups')
      .insertOne({ _id: groupId, kind: 'family', leadFacilitatorId: lead });
    const startsAt = new Date(Date.UTC(2026, 11, 1, 22, 30)); // 2 December in Helsinki
    const session = { _id: oid(), groupId, startsAt, status: 'scheduled' };
    await db.collection('group_sessions').insertOne(session);
    const day = helsinkiDate(startsAt);
    assert.equal(day, '2026-12-02');
    const families = async () => (await heldOn([day]))[0]?.families ?? [];
    const [sessionId, group] = [String(session._id), String(groupId)];

    await recordJoin(sessionId, group, String(lead), startsAt);
    await recordJoin(sessionId, group, String(aino), startsAt);
    await recordJoin(sessionId, group, String(omar), startsAt);
    assert.deepEqual((await families()).sort(), [familyKey(aino), familyKey(omar)].sort());

    await correctAttendance(sessionId, group, [{ personId: String(omar), present: false }]);
    await recordJoin(sessionId, group, String(omar), startsAt); // "absent" stands
    assert.deepEqual(await families(), [familyKey(aino)]);

    await forgetSession(session);
    assert.deepEqual(await heldOn([day]), []);
  });

  it('[speed-reach] a month read once is kept until its stamp moves, as another process moves it', async () => {
    const day = '2025-03-04';
    const entry = (families: string[]) => ({
      sessionId: oid(),
      groupId: oid(),
      startsAt: new Date('2025-03-04T10:00:00Z'),
      families,
    });
    // Written in bulk (a seed, a migration): no stamp yet; read, and kept under one made for it.
    await ReachDay.collection.insertOne({ _id: day as never, sessions: [entry(['a'])] });
    assert.deepEqual((await heldOn([day]))[0]?.families, ['a']);
    await ReachDay.collection.replaceOne({ _id: day as never }, { sessions: [entry(['b'])] });
    assert.deepEqual((await heldOn([day]))[0]?.families, ['a'], 'kept: the stamp did not move');
    await ledgerChanged(day); // what every writer does after its change, in any process
    assert.deepEqual((await heldOn([day]))[0]?.families, ['b'], 'read again');
  });
});
