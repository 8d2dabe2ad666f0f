// Groups as the client sees them.
import type { Actor } from '../access/actor.ts';
import { isSignedIn } from '../access/actor.ts';
import type { GroupRef, LiveGroupRef } from '../access/policy.ts';
import type {
  GroupCard,
  GroupDetail,
  UpcomingSession,
  EnrolmentInfo,
  EnrolmentStatus,
  Region,
  Topic,
  Weekday,
  GroupStatus,
  GroupKind,
  ScheduleInput,
} from '../protocol/groups.ts';
import { joinable, joinWindow, sessionState, stillComing } from '../protocol/sessionState.ts';
import { removedFrom } from '../live/removal.model.ts';
import type { EnrolmentDoc } from './enrolment.model.ts';
import { rosterOf, statusIn } from './memberships.ts';
import { facilitatorIds, type GroupDoc } from './group.model.ts';

interface SessionDates {
  _id: unknown;
  key: string;
  startsAt: Date;
  endsAt: Date;
  status: string;
  reason?: string | null;
  startedAt?: Date | null;
  endedAt?: Date | null;
}

/** A session as lists show it, with its join window for a family or (`staff`) the group's staff. */
export function toUpcoming(
  session: SessionDates,
  joinWindowMinutes: number,
  staff = false,
): UpcomingSession {
  const window = joinWindow(session.startsAt, session.endsAt, joinWindowMinutes, staff);
  return {
    id: String(session._id),
    date: session.key,
    startsAt: session.startsAt.toISOString(),
    endsAt: session.endsAt.toISOString(),
    status: session.status as UpcomingSession['status'],
    reason: session.reason ?? null,
    joinOpensAt: window.opensAt.toISOString(),
    joinClosesAt: window.closesAt.toISOString(),
    startedAt: session.startedAt?.toISOString() ?? null,
    endedAt: session.endedAt?.toISOString() ?? null,
  };
}

/** The group's sessions that are not over, from the copy on the group (no session queries). */
export function comingSessions(group: GroupDoc, now: Date, staff = false): UpcomingSession[] {
  return (group.upcoming ?? [])
    .filter((s) => s.id && s.startsAt && s.endsAt)
    .map((s) =>
      toUpcoming(
        {
          _id: s.id,
          key: s.key ?? '',
          startsAt: s.startsAt as Date,
          endsAt: s.endsAt as Date,
          status: s.status ?? 'scheduled',
          reason: s.reason ?? null,
          startedAt: s.startedAt ?? null,
          endedAt: s.endedAt ?? null,
        },
        group.joinWindowMinutes,
        staff,
      ),
    )
    .filter((s) => stillComing(sessionState(s, now)));
}

/**
 * Marks the sessions one can join now that a facilitator removed this person from, so no page
 * offers them a "Join" that would be refused.
 */
export async function markRemovals<T extends UpcomingSession>(
  sessions: T[],
  personId: string,
  now: Date,
): Promise<T[]> {
  const open = sessions.filter((s) => joinable(sessionState(s, now))).map((s) => s.id);
  const removed = await removedFrom(open, personId);
  return sessions.map((s) => (removed.has(s.id) ? { ...s, removed: true } : s));
}

/** The group's facilitators and trainer: they may open its sessions earlier than families. */
export function isStaffOf(group: GroupDoc, actor: Actor): boolean {
  if (!isSignedIn(actor)) return false;
  return (
    facilitatorIds(group).includes(actor.personId) || String(group.trainerId) === actor.personId
  );
}

/** The next few sessions of each group (`staff`: whose join windows are the staff's). */
export function upcomingByGroup(
  groups: GroupDoc[],
  now: Date,
  perGroup = 3,
  staff: (group: GroupDoc) => boolean = () => false,
): Map<string, UpcomingSession[]> {
  return new Map(
    groups.map((g) => [String(g._id), comingSessions(g, now, staff(g)).slice(0, perGroup)]),
  );
}

export function toCard(group: GroupDoc, nextSessions: UpcomingSession[]): GroupCard {
  return {
    id: String(group._id),
    kind: (group.kind ?? 'family') as GroupKind,
    title: group.title.map((t) => ({ lang: t.lang ?? '', text: t.text ?? '' })),
    topics: group.topics as Topic[],
    sessionLanguages: group.sessionLanguages,
    region: group.region as Region,
    audience: group.audience as GroupCard['audience'],
    status: group.status as GroupStatus,
    capacity: group.capacity,
    freePlaces: Math.max(0, group.capacity - group.confirmedCount),
    waitlistLength: group.waitlistCount,
    observationAllowed: group.observationAllowed,
    weekday: group.schedule.weekday as Weekday,
    startTime: group.schedule.startTime,
    nextSessions,
  };
}

/** Enrolments as the client sees them; waitlist places from each group's roster. */
export async function toEnrolmentInfos(
  enrolments: (Pick<EnrolmentDoc, '_id' | 'groupId' | 'personId' | 'createdAt' | 'reason'> & {
    status: string;
  })[],
  names: Map<string, string>,
): Promise<EnrolmentInfo[]> {
  // Waitlist positions: the order of arrival among those still waiting.
  const waiting = new Map<string, number>();
  const groupIds = [
    ...new Set(enrolments.filter((e) => e.status === 'waitlisted').map((e) => String(e.groupId))),
  ];
  for (const groupId of groupIds) {
    const roster = await rosterOf(groupId);
    roster.active
      .filter((e) => e.status === 'waitlisted')
      .forEach((e, i) => waiting.set(String(e.enrolmentId), i + 1));
  }
  return enrolments.map((e) => ({
    id: String(e._id),
    groupId: String(e.groupId),
    personId: String(e.personId),
    displayName: names.get(String(e.personId)) ?? '',
    status: e.status as EnrolmentStatus,
    waitlistPosition: waiting.get(String(e._id)) ?? null,
    createdAt: e.createdAt.toISOString(),
    reason: e.reason ?? null,
  }));
}

export async function groupRef(group: GroupDoc, actor: Actor): Promise<GroupRef> {
  const enrolled = isSignedIn(actor) && (await statusIn(group._id, actor.personId)) !== null;
  return {
    kind: (group.kind ?? 'family') as GroupKind,
    facilitatorIds: facilitatorIds(group),
    leadFacilitatorId: String(group.leadFacilitatorId),
    trainerId: String(group.trainerId),
    enrolled,
  };
}

export function scheduleOf(group: GroupDoc): ScheduleInput {
  const s = group.schedule;
  return {
    frequency: s.frequency as ScheduleInput['frequency'],
    weekday: s.weekday as Weekday,
    ...(s.monthlyNth ? { monthlyNth: s.monthlyNth as 1 } : {}),
    ...(s.everyMonths && s.everyMonths > 1 ? { everyMonths: s.everyMonths } : {}),
    startDate: s.startDate,
    startTime: s.startTime,
    durationMinutes: s.durationMinutes,
    ...(s.until ? { until: s.until } : {}),
    ...(s.count ? { count: s.count } : {}),
  };
}

export type { GroupDetail };

/** The group as live sessions and chat see it: only confirmed families count as members. */
export async function memberRef(group: GroupDoc, personId: string): Promise<LiveGroupRef> {
  const enrolled = (await statusIn(group._id, personId)) === 'confirmed';
  return {
    kind: (group.kind ?? 'family') as GroupKind,
    facilitatorIds: facilitatorIds(group),
    leadFacilitatorId: String(group.leadFacilitatorId),
    trainerId: String(group.trainerId),
    enrolled,
    observationAllowed: group.observationAllowed,
  };
}
