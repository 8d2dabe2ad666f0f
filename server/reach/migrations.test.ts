// A database from before the reach ledger gets it from its attendance at start: the figures
// read from the ledger are those the old search of sessions and attendance gave.
import assert from 'node:assert/strict';
import mongoose from 'mongoose';
import { useTestDatabase } from '../../test/support/database.ts';
import { migrate } from '../db/migrations.ts';
import { reachFigures } from './figures.ts';
import './migrations.ts';

const oid = () => new mongoose.Types.ObjectId();

describe('[speed-migrate] the reach ledger of an older database', () => {
  let drop: () => Promise<void>;
  before(async () => {
    drop = await useTestDatabase('reachmigration');
  });
  after(async () => drop?.());

  it('[speed-migrate] sessions held, attendances and unique families from the old rows', async () => {
    const db = mongoose.connection;
    const [aino, omar, sara, lead] = [oid(), oid(), oid(), oid()];
    await db.collection('people').insertOne({ _id: aino, email: 'a@x.invalid' });
    const groupId = oid();
    const meetingId = oid();
    const group = {
      sessionLanguages: ['fi', 'ar'],
      region: 'uusimaa',
      topics: ['everyday'],
      schedule: { frequency: 'weekly', startDate: '2026-12-01' },
    };
    await db.collection('groups').insertMany([
      {
        _id: groupId,
        kind: 'family',
        title: [{ lang: 'fi', text: 'Ryhmä' }],
        ...group,
        leadFacilitatorId: lead,
      },
      {
        _id: meetingId,
        kind: 'supervision',
        title: [{ lang: 'fi', text: 'Työnohjaus' }],
        ...group,
      },
    ]);
    // 22:30 UTC on 1 December is 00:30 on 2 December in Helsinki: the day is Helsinki's.
    const at = (day: number) => new Date(Date.UTC(2026, 11, day, 22, 30));
    const sessions = [
      { _id: oid(), groupId, startsAt: at(1), status: 'scheduled' },
      { _id: oid(), groupId, startsAt: at(8), status: 'scheduled' },
      { _id: oid(), groupId, startsAt: at(9), status: 'cancelled' },
      { _id: oid(), groupId, startsAt: at(15), status: 'scheduled' }, // nobody came
      { _id: oid(), groupId: meetingId, startsAt: at(8), status: 'scheduled' },
      { _id: oid(), groupId, startsAt: at(20), status: 'scheduled' }, // after the period
    ];
    await db.collection('group_sessions').insertMany(sessions);
    const row = (s: number, personId: mongoose.Types.ObjectId, present: boolean) => ({
      _id: `old-${s}-${String(personId)}`,
      sessionId: sessions[s]!._id,
      groupId: sessions[s]!.groupId,
      personId,
      present,
    });
    await db.collection('attendance').insertMany([
      row(0, aino, true),
      row(0, omar, true),
      row(0, lead, true), // the host: staff reach nobody
      row(1, aino, true),
      row(1, sara, false),
      row(2, sara, true),
      row(3, omar, false),
      row(4, sara, true),
      row(5, sara, true),
    ] as never[]);

    await migrate(() => undefined);
    const figures = await reachFigures('2026-12-02', '2026-12-19');
    assert.deepEqual(figures.totals, { sessionsHeld: 2, attendances: 3, uniqueFamilies: 2 });
    assert.deepEqual(
      figures.byWeek.map((w) => [w.key, w.attendances]),
      [
        ['2026-W49', 2],
        ['2026-W50', 1],
      ],
    );
    assert.deepEqual(
      figures.byLanguage.map((l) => l.key),
      ['ar', 'fi'],
    );
  });
});
