// When a trainer was last in touch with each facilitator, for the coordinator who looks after
// volunteers: feedback on their reports, a reflection reviewed, their alert acknowledged, a
// certification signed off, a message from their supervising trainer in their supervision
// conversation, or a meeting a trainer hosted that they attended. The newest of these counts.
import { findByIds } from '../db/byIds.ts';
import type { Types } from 'mongoose';
import { op } from '../db/operators.ts';
import { Conversation } from '../chat/conversation.model.ts';
import { Group } from '../groups/group.model.ts';
import { signedIn, type ApiRouter } from '../http/api.ts';
import { Person, type PersonDoc } from '../people/person.model.ts';
import { supervisionSchemas, type FacilitatorContact } from '../protocol/supervision.ts';
import { Attendance } from '../sessions/attendance.model.ts';
import { GroupSession } from '../sessions/groupSession.model.ts';
import { Certification } from '../training/certification.model.ts';
import { Reflection } from '../training/progress.model.ts';
import { Alert } from './alert.model.ts';
import type { SupervisionContext } from './context.ts';
import { Report } from './report.model.ts';

export type ContactKind = 'feedback' | 'review' | 'alert' | 'certification' | 'message' | 'meeting';
export interface Contact {
  at: Date;
  kind: ContactKind;
}
interface Facilitator {
  _id: Types.ObjectId;
  supervisorId?: Types.ObjectId | null;
}

/** Meetings count when a trainer hosted them: the trainer's own kinds of meeting. */
const TRAINER_MEETINGS = ['supervision', 'training'];

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
export async function lastContacts(people: Facilitator[]): Promise<Map<string, Contact>> {
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

export function contactRoutes(api: ApiRouter, { clock }: SupervisionContext): void {
  api.get(
    '/supervision/contact',
    { action: 'supervision.contact', query: supervisionSchemas.contactQuery },
    async ({ actor, query }): Promise<FacilitatorContact[]> => {
      signedIn(actor);
      const people = await Person.find(
        { roles: 'facilitator' },
        { displayName: 1, supervisorId: 1, pause: 1 },
      ).lean();
      const [contacts, supervisors] = await Promise.all([
        lastContacts(people),
        // Trainers are few: one by one from the primary key beats a scan of everyone.
        findByIds<PersonDoc>(
          Person,
          people.map((p) => p.supervisorId),
          { displayName: 1 },
        ),
      ]);
      const supervisorName = new Map(supervisors.map((s) => [String(s._id), s.displayName]));
      const since = clock.now().getTime() - query.weeks * 7 * 86_400_000;
      return people
        .map((p) => {
          const contact = contacts.get(String(p._id));
          const supervisorId = p.supervisorId ? String(p.supervisorId) : null;
          return {
            id: String(p._id),
            displayName: p.displayName,
            supervisorId,
            supervisorName: supervisorId ? (supervisorName.get(supervisorId) ?? null) : null,
            paused: !!p.pause?.since,
            lastContactAt: contact ? contact.at.toISOString() : null,
            lastContactKind: contact?.kind ?? null,
          };
        })
        .filter((c) => !c.lastContactAt || Date.parse(c.lastContactAt) < since)
        .sort(
          (a, b) =>
            (a.lastContactAt ?? '').localeCompare(b.lastContactAt ?? '') ||
            a.displayName.localeCompare(b.displayName),
        );
    },
  );
}
