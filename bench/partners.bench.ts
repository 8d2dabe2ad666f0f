// The partners' side with a busy partner organisation: a partner worker's referral list (200
// referrals, every family sharing every stage and enrolled in two groups, so each stage is read),
// the coordinators' referral sources, and a search of a 600-service directory.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mongoose, { Types } from 'mongoose';
import { connectMongoose, disconnectMongoose } from '../server/db/connect.ts';
import { startDatabase } from '../server/db/engine.ts';
import { searchEntries } from '../server/directory/search.ts';
import { DirectoryEntry } from '../server/directory/entry.model.ts';
import { activeKey, Enrolment } from '../server/groups/enrolment.model.ts';
import { Group } from '../server/groups/group.model.ts';
import { groupsKey, PersonGroups } from '../server/groups/memberships.ts';
import { translator } from '../server/i18n/index.ts';
import { SERVICE_NEEDS } from '../server/protocol/directory.ts';
import { REFERRAL_STAGES } from '../server/protocol/referrals.ts';
import { REGIONS, TOPICS } from '../server/protocol/groups.ts';
import { Referral } from '../server/referrals/referral.model.ts';
import { referralSources } from '../server/referrals/sources.ts';
import { listReferrals, REFERRAL_PAGE_SIZE } from '../server/referrals/views.ts';
import { measure, type Measurement } from './stats.ts';

const REFERRALS = 200;
const GROUPS = 40;
const SERVICES = 600;
const LANGUAGES = ['fi', 'sv', 'ar', 'so', 'ru', 'fa'];

async function seed(organisationId: Types.ObjectId) {
  const now = new Date();
  const groups = Array.from({ length: GROUPS }, (_, i) => ({
    _id: new Types.ObjectId(),
    kind: 'family',
    title: [{ lang: 'fi', text: `Ryhmä ${i}` }],
    topics: [TOPICS[i % TOPICS.length]],
    sessionLanguages: ['fi', LANGUAGES[i % LANGUAGES.length]],
    region: REGIONS[i % REGIONS.length],
  }));
  // Raw inserts: only the fields these paths read (a group's full shape is the catalogue's bench).
  await Group.collection.insertMany(groups);
  const referrals = [];
  for (let i = 0; i < REFERRALS; i += 1) {
    const familyId = new Types.ObjectId();
    const mine = [groups[i % GROUPS]!, groups[(i + 7) % GROUPS]!];
    const enrolments = mine.map((g) => ({
      _id: new Types.ObjectId(),
      groupId: g._id,
      personId: familyId,
      status: 'confirmed',
      arrival: i,
      rulesVersion: 'bench',
      activeKey: activeKey(String(g._id), String(familyId)),
      createdAt: now,
      updatedAt: now,
    }));
    await Enrolment.collection.insertMany(enrolments);
    await PersonGroups.collection.insertOne({
      _id: groupsKey(familyId) as unknown as Types.ObjectId,
      personId: familyId,
      enrolments: enrolments.map((e) => ({
        groupId: e.groupId,
        enrolmentId: e._id,
        status: e.status,
      })),
      staff: [],
    });
    referrals.push({
      tokenHash: `bench-${i}`,
      organisationId,
      reference: `CASE-${i}`,
      language: 'ar',
      target:
        i % 2 === 0
          ? { groupId: mine[0]!._id }
          : { language: mine[0]!.sessionLanguages[1], region: null, topic: null },
      status: 'signed-up',
      familyId,
      openedAt: now,
      signedUpAt: now,
      attendedAt: now,
      consent: { state: 'given', version: 'bench', stages: [...REFERRAL_STAGES], at: now },
      expiresAt: new Date(now.getTime() + 86_400_000),
    });
  }
  await Referral.insertMany(referrals);
  await DirectoryEntry.insertMany(
    Array.from({ length: SERVICES }, (_, i) => ({
      organisationId,
      name: `Palvelu ${i}`,
      summary: [{ lang: 'fi', text: 'Perheiden palvelu' }],
      need: SERVICE_NEEDS[i % SERVICE_NEEDS.length],
      region: REGIONS[i % REGIONS.length],
      languages: ['fi', LANGUAGES[i % LANGUAGES.length]!],
      phone: '09 123 4567',
      confirmedAt: now,
      updatedAt: now,
    })),
  );
}

export async function partnersBenchmarks(): Promise<Measurement[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'rinnalla-bench-'));
  const database = await startDatabase({ uri: process.env.MONGODB_URI, dataDir });
  try {
    await connectMongoose(database.uri, `bench_${Date.now()}`);
    await Promise.all([Referral.init(), Enrolment.init(), DirectoryEntry.init()]);
    const organisationId = new Types.ObjectId();
    console.log(`  seeding ${REFERRALS} referrals and ${SERVICES} services into ${database.kind}…`);
    await seed(organisationId);
    const now = new Date();
    const t = translator('fi');
    const on = `on ${database.kind}`;
    return [
      await measure(
        `partner's referral list, first page of ${REFERRAL_PAGE_SIZE} (${REFERRALS} referrals, every stage shared) ${on}`,
        10,
        () => listReferrals(String(organisationId), 'fi'),
      ),
      await measure(`coordinator's referral sources ${on}`, 10, () => referralSources()),
      await measure(`directory search, region + language + need (${SERVICES}) ${on}`, 20, () =>
        searchEntries({ region: 'pirkanmaa', language: 'ar', need: 'family-centre' }, 1, now, t),
      ),
      await measure(`directory search, words in the UI language (${SERVICES}) ${on}`, 20, () =>
        searchEntries({ q: 'neuvola' }, 1, now, t),
      ),
    ];
  } finally {
    await mongoose.connection.dropDatabase().catch(() => undefined);
    await disconnectMongoose();
    await database.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
