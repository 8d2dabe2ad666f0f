// How requests and pairings are shown: the family sees their volunteer's name, the volunteer the
// family's chosen name and words; coordinators see requests to pair. Nothing here carries the
// family's appointments (only alongside/appointments.ts answers for those, shared ones only).
import { findByIds } from '../db/byIds.ts';
import { Group, type GroupDoc } from '../groups/group.model.ts';
import { namesOf } from '../people/names.ts';
import { Organisation } from '../people/organisation.model.ts';
import type {
  AlongsideRequestInfo,
  ContactLogInfo,
  PairingInfo,
  VolunteerPairing,
} from '../protocol/alongside.ts';
import type { Region } from '../protocol/groups.ts';
import { contactsOf } from './contacts.ts';
import { nextMeetingOf } from './meetings.ts';
import type { PairingDoc } from './pairing.model.ts';
import type { AlongsideRequestDoc } from './request.model.ts';

export async function toRequestInfos(
  requests: AlongsideRequestDoc[],
  withFamilyName: boolean,
): Promise<AlongsideRequestInfo[]> {
  const names = withFamilyName ? await namesOf(requests.map((r) => r.familyId)) : new Map();
  const organisations = await findByIds<{ _id: unknown; name: string }>(
    Organisation,
    requests.map((r) => r.organisationId).filter(Boolean),
    { name: 1 },
  );
  const orgName = new Map(organisations.map((o) => [String(o._id), o.name]));
  return requests.map((r) => ({
    id: String(r._id),
    status: r.status,
    help: r.help,
    helpLang: r.helpLang,
    languages: r.languages,
    region: (r.region ?? null) as Region | null,
    familyName: withFamilyName ? (names.get(String(r.familyId)) ?? null) : null,
    partnerName: r.organisationId ? (orgName.get(String(r.organisationId)) ?? null) : null,
    createdAt: r.createdAt.toISOString(),
    pairingId: r.pairingId ? String(r.pairingId) : null,
  }));
}

async function groupsOf(pairings: PairingDoc[]): Promise<Map<string, GroupDoc>> {
  const groups = await findByIds<GroupDoc>(Group, pairings.map((p) => p.groupId).filter(Boolean));
  return new Map(groups.map((g) => [String(g._id), g]));
}

/** Pairings as one party sees them: the counterpart's name, the conversation, the next meeting. */
export async function toPairingInfos(
  pairings: PairingDoc[],
  viewerId: string,
  now: Date,
): Promise<PairingInfo[]> {
  const counterpartOf = (p: PairingDoc) =>
    String(p.familyId) === viewerId ? p.volunteerId : p.familyId;
  const [names, groups] = await Promise.all([
    namesOf(pairings.map(counterpartOf)),
    groupsOf(pairings),
  ]);
  return pairings.map((p) => {
    const group = p.groupId ? (groups.get(String(p.groupId)) ?? null) : null;
    const active = p.status === 'active';
    return {
      id: String(p._id),
      status: p.status,
      startedAt: p.startedAt.toISOString(),
      endedAt: p.endedAt ? p.endedAt.toISOString() : null,
      counterpartName: names.get(String(counterpartOf(p))) ?? '',
      conversationId: String(p.conversationId),
      meetingGroupId: active && group && group.status !== 'draft' ? String(group._id) : null,
      nextMeeting: active ? nextMeetingOf(group, now) : null,
    };
  });
}

export const contactInfo = (c: Awaited<ReturnType<typeof contactsOf>>[number]): ContactLogInfo => ({
  id: String(c._id),
  date: c.date,
  minutes: c.minutes,
  kind: c.kind,
  note: c.note || null,
});

/** The volunteer's own pairings: active ones with the family's request and the logged contacts. */
export async function volunteerPairings(
  pairings: PairingDoc[],
  requests: Map<string, AlongsideRequestDoc>,
  volunteerId: string,
  now: Date,
): Promise<VolunteerPairing[]> {
  const infos = await toPairingInfos(pairings, volunteerId, now);
  return Promise.all(
    pairings.map(async (p, i) => {
      const request = requests.get(String(p.requestId));
      const active = p.status === 'active';
      return {
        ...infos[i]!,
        // After the end the volunteer keeps their own log (their hours), not the family's words.
        help: active ? (request?.help ?? '') : '',
        helpLang: request?.helpLang ?? 'fi',
        languages: active ? (request?.languages ?? []) : [],
        contacts: (await contactsOf(p)).map(contactInfo),
        lastContactAt: p.lastContactAt ? p.lastContactAt.toISOString() : null,
      };
    }),
  );
}
