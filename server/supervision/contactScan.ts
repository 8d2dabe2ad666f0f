// How the last contacts were found before each was kept on its own (contactCard.ts): by searching
// reports, reviews, alerts, certifications, supervision messages and meetings attended. Used
// once, to build the cards of a database made by an earlier version (migrations.ts).
import type { Types } from 'mongoose';
import { Conversation } from '../chat/conversation.model.ts';
import { findByIds } from '../db/byIds.ts';
import { op } from '../db/operators.ts';
import { Group } from '../groups/group.model.ts';
import { Person, type PersonDoc } from '../people/person.model.ts';
import { Attendance } from '../sessions/attendance.model.ts';
import { GroupSession } from '../sessions/groupSession.model.ts';
import { Certification } from '../training/certification.model.ts';
import { Reflection } from '../training/progress.model.ts';
import { Alert } from './alert.model.ts';
import type { Contact, ContactKind } from './contactCard.ts';
import { TRAINER_MEETINGS } from './contactMeetings.ts';
import { Report } from './report.model.ts';

interface Facilitator {
  _id: Types.ObjectId;
  supervisorId?: Types.ObjectId | null;
}

/** Keeps the newest contact per person. */
class Newest extends Map<string, Contact> {
  note(personId: unknown, at: Date | null | undefined, kind: ContactKind): void {
    if (!at) return;
    const id = String(personId);
    const known = this.get(id);
    if (!known || at > known.at) this.set(id, { at, kind });
  }
}

async function meetingsAttended(ids: string[], contacts: Newest): Promise<void> {
  const meetings = await Group.find(
    { kind: op({ $in: TRAINER_MEETINGS }) },
    { leadFacilitatorId: 1 },
  ).lean();
  const trainers = new Set(
    (
      await findByIds<PersonDoc>(
        Person,
        meetings.map((m) => m.leadFacilitatorId),
        { roles: 1 },
        (p) => p.roles.includes('trainer'),
      )
    ).map((p) => String(p._id)),
  );
  const hosted = meetings.filter((m) => trainers.has(String(m.leadFacilitatorId)));
  if (hosted.length === 0) return;
  const rows = await Attendance.find(
    {
      groupId: op({ $in: hosted.map((m) => m._id) }),
      personId: op({ $in: ids }),
      present: true,
    },
    { sessionId: 1, personId: 1, joinedAt: 1 },
  ).lean();
  const sessions = new Map(
    (
      await GroupSession.find(
        { _id: op({ $in: [...new Set(rows.map((r) => String(r.sessionId)))] }) },
        { startsAt: 1 },
      ).lean()
    ).map((s) => [String(s._id), s.startsAt]),
  );
  for (const row of rows)
    contacts.note(row.personId, row.joinedAt ?? sessions.get(String(row.sessionId)), 'meeting');
}

async function supervisionMessages(people: Facilitator[], contacts: Newest): Promise<void> {
  const supervisorOf = new Map(people.map((p) => [String(p._id), String(p.supervisorId ?? '')]));
  const conversations = await Conversation.find(
    { kind: 'supervision', facilitatorId: op({ $in: [...supervisorOf.keys()] }) },
    { facilitatorId: 1, trainerId: 1, lastTrainerMessageAt: 1 },
  ).lean();
  for (const c of conversations) {
    // Only their own trainer's side of the conversation counts (kept on it as they write).
    const facilitatorId = String(c.facilitatorId);
    if (c.lastTrainerMessageAt && supervisorOf.get(facilitatorId) === String(c.trainerId))
      contacts.note(facilitatorId, c.lastTrainerMessageAt, 'message');
  }
}

/** The newest contact from a trainer per facilitator (none: no entry). */
export async function scanContacts(people: Facilitator[]): Promise<Map<string, Contact>> {
  const contacts = new Newest();
  const ids = people.map((p) => String(p._id));
  if (ids.length === 0) return contacts;
  const [reports, reviews, alerts, certifications] = await Promise.all([
    Report.find({ authorId: op({ $in: ids }) }, { authorId: 1, feedback: 1 }).lean(),
    Reflection.find(
      { personId: op({ $in: ids }), reviewedAt: op({ $ne: null }) },
      { personId: 1, reviewedAt: 1 },
    ).lean(),
    Alert.find(
      { facilitatorId: op({ $in: ids }), acknowledgedAt: op({ $ne: null }) },
      { facilitatorId: 1, acknowledgedAt: 1 },
    ).lean(),
    Certification.find({ personId: op({ $in: ids }) }, { personId: 1, certifiedAt: 1 }).lean(),
  ]);
  for (const r of reports)
    for (const f of r.feedback) if (f.byId) contacts.note(r.authorId, f.at, 'feedback');
  for (const r of reviews) contacts.note(r.personId, r.reviewedAt, 'review');
  for (const a of alerts) contacts.note(a.facilitatorId, a.acknowledgedAt, 'alert');
  for (const c of certifications) contacts.note(c.personId, c.certifiedAt, 'certification');
  await supervisionMessages(people, contacts);
  await meetingsAttended(ids, contacts);
  return contacts;
}
