// The funder's report over a busy year: 40 family groups meeting weekly (2 080 sessions held,
// 6 families each, in the reach ledger and as session documents), 200 walk-alongside pairings
// with 12 contacts each, 300 referrals and 60 certifications.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mongoose, { Types } from 'mongoose';
import { ContactLog } from '../server/alongside/contact.model.ts';
import { Pairing } from '../server/alongside/pairing.model.ts';
import { connectMongoose, disconnectMongoose } from '../server/db/connect.ts';
import { startDatabase } from '../server/db/engine.ts';
import { listKey, IdList } from '../server/db/idLists.ts';
import { Group } from '../server/groups/group.model.ts';
import { helsinkiDate } from '../server/groups/schedule.ts';
import { REGIONS, TOPICS } from '../server/protocol/groups.ts';
import { familyKey, ReachDay } from '../server/reach/ledger.ts';
import { Referral } from '../server/referrals/referral.model.ts';
import { reportFigures } from '../server/report/figures.ts';
import { GroupSession } from '../server/sessions/groupSession.model.ts';
import { Certification } from '../server/training/certification.model.ts';
import { measure, type Measurement } from './stats.ts';

const GROUPS = 40;
const WEEKS = 52;
const PAIRINGS = 200;
const YEAR = 2025;

async function seed() {
  const families = Array.from({ length: 300 }, () => new Types.ObjectId());
  const groups = Array.from({ length: GROUPS }, (_, i) => ({
    _id: new Types.ObjectId(),
    kind: 'family',
    topics: [TOPICS[i % TOPICS.length]],
    sessionLanguages: ['fi', ['ar', 'so', 'ru', 'fa'][i % 4]],
    region: REGIONS[i % REGIONS.length],
    leadFacilitatorId: new Types.ObjectId(),
    coFacilitatorId: i % 2 ? new Types.ObjectId() : null,
  }));
  await Group.collection.insertMany(groups as never[]);
  const days = new Map<string, unknown[]>();
  const sessions = [];
  for (const [g, group] of groups.entries())
    for (let w = 0; w < WEEKS; w += 1) {
      const startsAt = new Date(Date.UTC(YEAR, 0, 6 + w * 7 + (g % 5), 15));
      const session = { _id: new Types.ObjectId(), groupId: group._id, startsAt };
      sessions.push({ ...session, key: `w${w}`, endsAt: new Date(+startsAt + 90 * 60_000) });
      const present = Array.from({ length: 6 }, (_, k) =>
        familyKey(families[(g * 7 + k + w) % 300]),
      );
      const day = helsinkiDate(startsAt);
      days.set(day, [
        ...(days.get(day) ?? []),
        { ...session, sessionId: session._id, families: present },
      ]);
    }
  await GroupSession.collection.insertMany(sessions as never[]);
  await ReachDay.collection.insertMany(
    [...days].map(([_id, s]) => ({ _id, sessions: s })) as never[],
  );
  const pairings = families.slice(0, PAIRINGS).map((familyId) => ({
    _id: new Types.ObjectId(),
    requestId: new Types.ObjectId(),
    familyId,
    volunteerId: new Types.ObjectId(),
    pairedById: new Types.ObjectId(),
    status: 'active',
    startedAt: new Date(Date.UTC(YEAR, 0, 10)),
    endedAt: null,
  }));
  await Pairing.collection.insertMany(pairings as never[]);
  const lists = [
    { _id: listKey('alongside-pairings', 'all'), ids: pairings.map((p) => String(p._id)) },
  ];
  for (const pairing of pairings) {
    const contacts = Array.from({ length: 12 }, (_, m) => {
      const date = `${YEAR}-${String(m + 1).padStart(2, '0')}-15`;
      return {
        _id: new Types.ObjectId(),
        pairingId: pairing._id,
        volunteerId: pairing.volunteerId,
        date,
        at: new Date(`${date}T10:00:00Z`),
        minutes: 45,
        kind: 'call',
        note: '',
      };
    });
    await ContactLog.collection.insertMany(contacts as never[]);
    lists.push({
      _id: listKey('pairing-contacts', pairing._id),
      ids: contacts.map((c) => String(c._id)),
    });
  }
  await IdList.collection.insertMany(lists as never[]);
  const at = (i: number) => new Date(Date.UTC(YEAR, i % 12, 1 + (i % 27)));
  await Referral.collection.insertMany(
    Array.from({ length: 300 }, (_, i) => ({
      tokenHash: `bench-${i}`,
      organisationId: new Types.ObjectId(),
      status: 'sent',
      createdAt: at(i),
    })) as never[],
  );
  await Certification.collection.insertMany(
    Array.from({ length: 60 }, (_, i) => ({
      personId: new Types.ObjectId(),
      certifiedAt: at(i),
    })) as never[],
  );
}

export async function reportBenchmarks(): Promise<Measurement[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'rinnalla-bench-'));
  const database = await startDatabase({ uri: process.env.MONGODB_URI, dataDir });
  try {
    await connectMongoose(database.uri, `bench_${Date.now()}`);
    console.log(
      `  seeding a year of ${GROUPS} weekly groups and ${PAIRINGS} pairings into ${database.kind}…`,
    );
    await seed();
    const coordinatorId = String(new Types.ObjectId());
    return [
      await measure(
        `funder's report for a year (${GROUPS * WEEKS} sessions held, ${PAIRINGS} pairings, ${PAIRINGS * 12} contacts) on ${database.kind}`,
        5,
        () => reportFigures(`${YEAR}-01-01`, `${YEAR}-12-31`, coordinatorId, new Date()),
      ),
    ];
  } finally {
    await mongoose.connection.dropDatabase().catch(() => undefined);
    await disconnectMongoose();
    await database.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
