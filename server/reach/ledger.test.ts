// The reach ledger follows attendance as it is stored: a live join counts a family (never the
// group's staff), a facilitator's "absent" takes them out and a later join does not undo it, a
// cancelled session reaches nobody.
import assert from 'node:assert/strict';
import mongoose from 'mongoose';
import { useTestDatabase } from '../../test/support/database.ts';
import { helsinkiDate } from '../groups/schedule.ts';
import { correctAttendance, recordJoin } from '../sessions/attendance.model.ts';
import { familyKey, forgetSession, heldOn } from './ledger.ts';

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
});
