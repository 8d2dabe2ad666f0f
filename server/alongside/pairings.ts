// Asking for a walk-alongside volunteer, pairing, and ending. A pairing makes the pair's private
// conversation and their meeting group (kind 'alongside', a draft until they plan a video
// meeting): the volunteer leads it and is its own trainer, so no one else reads or observes it.
import { isValidObjectId } from 'mongoose';
import type { z } from 'zod';
import { accessChanged } from '../access/changes.ts';
import type { SignedInActor } from '../access/actor.ts';
import { audit } from '../audit/audit.model.ts';
import { createConversation } from '../chat/conversation.model.ts';
import { findByIds } from '../db/byIds.ts';
import { claimOnce, serialised } from '../db/claims.ts';
import { idsIn } from '../db/idLists.ts';
import { RequestError } from '../errors.ts';
import { closedGroupFields } from '../groups/closedGroup.ts';
import { activeKey, Enrolment, endedKey } from '../groups/enrolment.model.ts';
import { Group } from '../groups/group.model.ts';
import { latestEnrolment, recordEnrolment, recordStaff } from '../groups/memberships.ts';
import { translator } from '../i18n/index.ts';
import { Person } from '../people/person.model.ts';
import { opaqueId } from '../privacy/opaqueId.ts';
import type { alongsideSchemas } from '../protocol/alongside.ts';
import { languages, type LanguageCode } from '../protocol/languages.ts';
import { appLink, type FeatureDeps } from '../deps.ts';
import { familyReferrals } from '../referrals/followThrough.ts';
import { cancelPersonReminders } from '../reminders/planning.ts';
import { notify } from '../reminders/notification.model.ts';
import { withdrawVolunteerNotes } from './appointmentStore.ts';
import { isQualified } from './qualification.ts';
import { AlongsideRequest, type AlongsideRequestDoc } from './request.model.ts';
import { Pairing, type PairingDoc } from './pairing.model.ts';
import { helsinkiDate } from './time.ts';
import { endMeetings } from './meetings.ts';

type AskInput = z.output<typeof alongsideSchemas.ask>;
type Translate = (key: string) => string;

/** A person's requests and pairings (as family or volunteer), read by key. */
export async function alongsideOf(personId: string) {
  const ids = await idsIn('alongside-of', personId);
  const [requests, pairings] = await Promise.all([
    findByIds<AlongsideRequestDoc>(AlongsideRequest, ids),
    findByIds<PairingDoc>(Pairing, ids),
  ]);
  return {
    requests: requests.filter((r) => String(r.familyId) === personId),
    pairings: pairings.filter(
      (p) => String(p.familyId) === personId || String(p.volunteerId) === personId,
    ),
  };
}

export async function activePairingOfFamily(familyId: string): Promise<PairingDoc | null> {
  const { pairings } = await alongsideOf(familyId);
  return pairings.find((p) => p.status === 'active' && String(p.familyId) === familyId) ?? null;
}

/** A family asks; one open request or pairing at a time. */
export function ask(actor: SignedInActor, input: AskInput, t: Translate) {
  const me = actor.personId;
  return serialised(`alongside-ask:${me}`, async () => {
    const { requests, pairings } = await alongsideOf(me);
    const open =
      requests.some((r) => r.status === 'waiting') ||
      pairings.some((p) => p.status === 'active' && String(p.familyId) === me);
    if (open) throw new RequestError('alongside.alreadyAsked', 409);
    // Only a referral this family took up and agreed to share counts for its partner: the one
    // named, or else their newest referral to walk-alongside not yet asked through.
    const shared = (await familyReferrals(me)).filter((r) => r.consent?.state === 'given');
    const used = new Set(requests.map((r) => String(r.referralId)));
    const referral = input.referralId
      ? shared.find((r) => String(r._id) === input.referralId)
      : shared.filter((r) => r.target?.alongside && !used.has(String(r._id))).at(-1);
    if (input.referralId && !referral)
      throw new RequestError('invalid', 400, { referralId: t('alongside.referralNotYours') });
    const request = await AlongsideRequest.create({
      familyId: me,
      help: input.help,
      helpLang: input.helpLang,
      languages: [...new Set(input.languages)],
      region: input.region ?? null,
      referralId: referral?._id ?? null,
      organisationId: referral?.organisationId ?? null,
    });
    await audit('alongside.asked', me, String(request._id), { referral: !!referral });
    return request.toObject();
  });
}

/** The family withdraws a request that is still waiting. */
export async function withdraw(actor: SignedInActor, requestId: string): Promise<void> {
  const request = isValidObjectId(requestId)
    ? await AlongsideRequest.findById(requestId).lean()
    : null;
  if (!request || String(request.familyId) !== actor.personId)
    throw new RequestError('notFound', 404);
  if (request.status !== 'waiting') throw new RequestError('alongside.notWaiting', 409);
  await AlongsideRequest.updateOne({ _id: request._id }, { status: 'withdrawn' });
}

const title = (family: string, volunteer: string) =>
  languages.map(({ code }) => ({
    lang: code,
    text: translator(code)('alongsideMeeting.title', { ns: 'email', family, volunteer }),
  }));

/** The pair's meeting group: a draft until a meeting is planned (alongside/meetings.ts). */
async function meetingGroup(
  familyId: unknown,
  familyName: string,
  volunteer: VolunteerDoc,
  now: Date,
) {
  const group = await Group.create({
    kind: 'alongside',
    title: title(familyName, volunteer.displayName),
    description: title(familyName, volunteer.displayName),
    sessionLanguages: volunteer.languagesSpoken.length ? volunteer.languagesSpoken : ['fi'],
    region: 'online-finland',
    joinWindowMinutes: 15,
    ...closedGroupFields({
      hostId: volunteer._id,
      // Its own trainer: a trainer supervises the volunteer, not the family's meetings.
      trainerId: volunteer._id,
      capacity: 1,
      schedule: {
        frequency: 'weekly',
        weekday: 'mo',
        startDate: helsinkiDate(now),
        startTime: '18:00',
        durationMinutes: 60,
        count: 1,
      },
      rulesVersion: 'alongside',
    }),
    status: 'draft',
    confirmedCount: 1,
    arrivalSeq: 1,
  });
  const groupId = String(group._id);
  const enrolment = await Enrolment.create({
    groupId,
    personId: familyId,
    status: 'confirmed',
    arrival: 1,
    rulesVersion: 'alongside',
    activeKey: activeKey(groupId, String(familyId)),
  });
  await recordStaff(null, group.toObject());
  await recordEnrolment(enrolment.toObject());
  return group;
}

type VolunteerDoc = { _id: unknown; displayName: string; languagesSpoken: string[] };

/** A coordinator pairs a waiting request with a qualified volunteer. */
export async function pair(
  requestId: string,
  volunteerId: string,
  actor: SignedInActor,
  t: Translate,
  now: Date,
  deps?: FeatureDeps,
): Promise<PairingDoc> {
  const request = await AlongsideRequest.findById(requestId).lean();
  if (!request) throw new RequestError('notFound', 404);
  if (request.status !== 'waiting') throw new RequestError('alongside.notWaiting', 409);
  if (volunteerId === String(request.familyId) || !(await isQualified(volunteerId, now)))
    throw new RequestError('invalid', 400, { volunteerId: t('alongside.notQualified') });
  // One pairing per request, whichever coordinator (or process) is first.
  if (!(await claimOnce(`alongside-pair:${requestId}`)))
    throw new RequestError('alongside.notWaiting', 409);
  const [family, volunteer] = await Promise.all([
    Person.findById(request.familyId, { displayName: 1, email: 1, language: 1 }).lean(),
    Person.findById(volunteerId, {
      displayName: 1,
      languagesSpoken: 1,
      email: 1,
      language: 1,
    }).lean(),
  ]);
  if (!family || !volunteer) throw new RequestError('notFound', 404);
  const group = await meetingGroup(request.familyId, family.displayName, volunteer, now);
  const pairing = await Pairing.create({
    requestId: request._id,
    familyId: request.familyId,
    volunteerId,
    pairedById: actor.personId,
    groupId: group._id,
    startedAt: now,
  });
  const conversation = await createConversation({
    kind: 'alongside',
    pairKey: opaqueId('alongside', String(pairing._id)),
    groupId: group._id,
    familyId: request.familyId,
    facilitatorId: volunteerId,
    openedBy: volunteerId,
  });
  await Pairing.updateOne({ _id: pairing._id }, { conversationId: conversation._id });
  await AlongsideRequest.updateOne(
    { _id: request._id },
    { status: 'paired', pairingId: pairing._id },
  );
  await audit('alongside.paired', actor.personId, String(pairing._id), {});
  // Each hears it in the app and by email, in their own language, with the other's chosen name.
  for (const [person, other, template] of [
    [family, volunteer, 'alongsidePairedFamily'],
    [volunteer, family, 'alongsidePairedVolunteer'],
  ] as const) {
    await notify(opaqueId('alongside-paired', String(pairing._id), String(person._id)), {
      personId: person._id,
      kind: 'alongside-paired',
      params: { link: '/alongside' },
    });
    if (deps)
      await deps.mailer.queue({
        to: person.email,
        lang: person.language as LanguageCode,
        template,
        params: { name: other.displayName, link: appLink(deps.config, '/alongside') },
      });
  }
  return (await Pairing.findById(pairing._id).lean())!;
}

/**
 * Ends a pairing at once: the volunteer loses the conversation, the shared appointments and the
 * meetings (their sockets are asked again now); the family keeps reading what was said.
 */
export function endPairing(
  pairing: PairingDoc,
  by: 'family' | 'volunteer' | 'coordinator',
  actorId: string,
  now: Date,
): Promise<void> {
  return serialised(`alongside-pairing:${String(pairing._id)}`, async () => {
    const current = await Pairing.findById(pairing._id).lean();
    if (!current || current.status !== 'active') return;
    await Pairing.updateOne({ _id: pairing._id }, { status: 'ended', endedAt: now, endedBy: by });
    const familyId = String(current.familyId);
    if (current.groupId) {
      const groupId = String(current.groupId);
      await endMeetings(groupId, now);
      // Read by key through the family's own list (a search by activeKey would scan enrolments).
      const enrolment = await latestEnrolment(groupId, familyId);
      if (enrolment?.status === 'confirmed') {
        const ended = {
          status: 'removed' as const,
          activeKey: endedKey(groupId, familyId, String(enrolment._id)),
        };
        await Enrolment.updateOne({ _id: enrolment._id }, ended);
        await recordEnrolment({ ...enrolment, ...ended });
      }
      await cancelPersonReminders(familyId, groupId);
    }
    // The notes the volunteer was sent about shared appointments go too: they keep nothing shared.
    await withdrawVolunteerNotes(familyId);
    accessChanged({ personIds: [familyId, String(current.volunteerId)], reason: 'enrolment' });
    await audit('alongside.ended', actorId, String(pairing._id), { by });
    if (by !== 'volunteer')
      await notify(opaqueId('alongside-ended', String(pairing._id)), {
        personId: current.volunteerId,
        kind: 'alongside-ended',
        params: { link: '/alongside' },
      });
  });
}
