// Who is in a group and which groups a person is in, read by primary key: a group's roster (its
// active enrolments in arrival order, and the latest ended ones) and a person's groups (their
// enrolments, and the groups they lead or supervise). Kept by every write to an enrolment or to a
// group's staff, so a page never scans enrolments (FerretDB answers such filters by reading them
// all). Enrolment documents stay the record of each enrolment; these are their index.
import mongoose, { type Types } from 'mongoose';
import { rewrite } from '../db/rewrite.ts';
import { opaqueId } from '../privacy/opaqueId.ts';
import { Enrolment, type EnrolmentDoc } from './enrolment.model.ts';

const ACTIVE = ['confirmed', 'waitlisted', 'pending'];
/** Ended enrolments a roster remembers (for the facilitator's "cancelled or removed" list). */
const ENDED_KEPT = 50;

const entrySchema = new mongoose.Schema(
  {
    enrolmentId: { type: mongoose.Schema.Types.ObjectId, required: true },
    personId: { type: mongoose.Schema.Types.ObjectId, required: true },
    status: { type: String, required: true },
    arrival: { type: Number, required: true },
    reason: { type: String, default: null },
    createdAt: { type: Date, required: true },
  },
  { _id: false },
);
const rosterSchema = new mongoose.Schema(
  { _id: mongoose.Schema.Types.ObjectId, active: [entrySchema], ended: [entrySchema] },
  { versionKey: false },
);
export const Roster = mongoose.model('GroupRoster', rosterSchema, 'group_rosters');

const personGroupsSchema = new mongoose.Schema(
  {
    /** An HMAC of the person's id (privacy/opaqueId.ts): no key names anyone. */
    _id: String,
    personId: { type: mongoose.Schema.Types.ObjectId, required: true },
    enrolments: [
      {
        _id: false,
        groupId: mongoose.Schema.Types.ObjectId,
        enrolmentId: mongoose.Schema.Types.ObjectId,
        status: String,
      },
    ],
    staff: [
      {
        _id: false,
        groupId: mongoose.Schema.Types.ObjectId,
        as: { type: String, enum: ['lead', 'co', 'trainer'] },
      },
    ],
  },
  { versionKey: false },
);
export const PersonGroups = mongoose.model('PersonGroups', personGroupsSchema, 'person_groups');

export interface RosterEntry {
  enrolmentId: Types.ObjectId;
  personId: Types.ObjectId;
  status: string;
  arrival: number;
  reason: string | null;
  createdAt: Date;
}
interface RosterDoc {
  _id: unknown;
  active: RosterEntry[];
  ended: RosterEntry[];
}
export interface PersonGroupsDoc {
  _id: string;
  personId: unknown;
  enrolments: { groupId: Types.ObjectId; enrolmentId: Types.ObjectId; status: string }[];
  staff: { groupId: Types.ObjectId; as: 'lead' | 'co' | 'trainer' }[];
}

const same = (a: unknown, b: unknown) => String(a) === String(b);

/** The group's roster: active enrolments in arrival order, then the latest ended ones. */
export async function rosterOf(groupId: unknown): Promise<RosterDoc> {
  const roster = (await Roster.findById(groupId).lean()) as RosterDoc | null;
  return roster ?? { _id: groupId, active: [], ended: [] };
}

/** A person's enrolment status in a group (null: none active). */
export async function statusIn(groupId: unknown, personId: string): Promise<string | null> {
  const roster = await rosterOf(groupId);
  return roster.active.find((e) => same(e.personId, personId))?.status ?? null;
}

/** The key of a person's list of groups. */
export const groupsKey = (personId: unknown) => opaqueId('groups-of', String(personId));

export async function groupsOf(personId: string): Promise<PersonGroupsDoc> {
  const doc = (await PersonGroups.findById(groupsKey(personId)).lean()) as PersonGroupsDoc | null;
  return doc ?? { _id: groupsKey(personId), personId, enrolments: [], staff: [] };
}

/** The groups a person is linked to, as ids: confirmed enrolments, and where they are staff. */
export async function linkedGroupIds(personId: string) {
  const doc = await groupsOf(personId);
  const staff = (as: string) => doc.staff.filter((s) => s.as === as).map((s) => String(s.groupId));
  return {
    confirmed: doc.enrolments.filter((e) => e.status === 'confirmed').map((e) => String(e.groupId)),
    lead: staff('lead'),
    co: staff('co'),
    trainer: staff('trainer'),
  };
}

/** The person's latest enrolment in a group, whatever its status (null: never enrolled). */
export async function latestEnrolment(groupId: unknown, personId: string) {
  const link = (await groupsOf(personId)).enrolments.find((e) => same(e.groupId, groupId));
  return link ? Enrolment.findById(link.enrolmentId).lean() : null;
}

const entryOf = (e: EnrolmentDoc): RosterEntry => ({
  enrolmentId: e._id,
  personId: e.personId as Types.ObjectId,
  status: e.status,
  arrival: e.arrival,
  reason: e.reason ?? null,
  createdAt: e.createdAt,
});

/** After an enrolment was created or its status changed: the roster and the person follow. */
export async function recordEnrolment(enrolment: EnrolmentDoc): Promise<void> {
  const entry = entryOf(enrolment);
  const active = ACTIVE.includes(entry.status);
  const matches = (e: RosterEntry) =>
    same(e.enrolmentId, entry.enrolmentId) && e.status === entry.status;
  await rewrite<RosterDoc>(
    Roster,
    enrolment.groupId,
    (roster) => {
      const others = (list: RosterEntry[] = []) =>
        list.filter((e) => !same(e.enrolmentId, entry.enrolmentId));
      return {
        _id: enrolment.groupId,
        active: [...others(roster?.active), ...(active ? [entry] : [])].sort(
          (a, b) => a.arrival - b.arrival,
        ),
        ended: [...(active ? [] : [entry]), ...others(roster?.ended)].slice(0, ENDED_KEPT),
      };
    },
    (roster) => (active ? roster.active : roster.ended).some(matches),
  );
  const link = { groupId: enrolment.groupId, enrolmentId: enrolment._id, status: entry.status };
  await rewrite<PersonGroupsDoc>(
    PersonGroups,
    groupsKey(enrolment.personId),
    (doc) => ({
      _id: groupsKey(enrolment.personId),
      personId: enrolment.personId,
      // The latest enrolment per group stands for the person there.
      enrolments: [...(doc?.enrolments ?? []).filter((e) => !same(e.groupId, link.groupId)), link],
      staff: doc?.staff ?? [],
    }),
    (doc) =>
      doc.enrolments.some((e) => same(e.enrolmentId, link.enrolmentId) && e.status === link.status),
  );
}

interface Staffed {
  _id: unknown;
  leadFacilitatorId?: unknown;
  coFacilitatorId?: unknown;
  trainerId?: unknown;
}

const staffOf = (group: Staffed | null): [string, 'lead' | 'co' | 'trainer'][] =>
  group
    ? (
        [
          [group.leadFacilitatorId, 'lead'],
          [group.coFacilitatorId, 'co'],
          [group.trainerId, 'trainer'],
        ] as const
      ).flatMap(([id, as]) => (id ? [[String(id), as] as [string, typeof as]] : []))
    : [];

/** After a group was created or its staff changed: each person's groups follow. */
export async function recordStaff(before: Staffed | null, after: Staffed): Promise<void> {
  const wanted = staffOf(after);
  const people = new Set([...staffOf(before), ...wanted].map(([id]) => id));
  for (const personId of people) {
    const roles = wanted.filter(([id]) => id === personId).map(([, as]) => as);
    const mine = (doc: PersonGroupsDoc | null) =>
      (doc?.staff ?? []).filter((s) => !same(s.groupId, after._id));
    await rewrite<PersonGroupsDoc>(
      PersonGroups,
      groupsKey(personId),
      (doc) => ({
        _id: groupsKey(personId),
        personId: new mongoose.Types.ObjectId(personId),
        enrolments: doc?.enrolments ?? [],
        staff: [...mine(doc), ...roles.map((as) => ({ groupId: after._id as Types.ObjectId, as }))],
      }),
      (doc) => doc.staff.filter((s) => same(s.groupId, after._id)).length === roles.length,
    );
  }
}

/** Erasure: the person's entries leave the group's roster (their enrolments are gone). */
export async function forgetInRoster(groupId: unknown, personId: string): Promise<void> {
  await rewrite<RosterDoc>(
    Roster,
    groupId,
    (roster) => ({
      _id: groupId,
      active: (roster?.active ?? []).filter((e) => !same(e.personId, personId)),
      ended: (roster?.ended ?? []).filter((e) => !same(e.personId, personId)),
    }),
    (roster) => ![...roster.active, ...roster.ended].some((e) => same(e.personId, personId)),
  );
}
