// A year of a national organisation at a given scale, written straight to the database in the
// shapes the app writes: trainers, facilitators, groups with their coming sessions copied on the
// group, families (12 confirmed and 3 waitlisted per group, with their places), a year of weekly
// sessions (40 held, 10 to come; a few groups meet right now), each group's chat, read markers,
// attendance, reports and reminder jobs (sent and planned). Login sessions for the people whose
// requests are measured.
import { emailKeyOf } from '../../server/people/emailKey.model.ts';
import mongoose from 'mongoose';
import { cookieName } from '../../server/auth/sessions.ts';
import { hashToken, newToken } from '../../server/auth/tokens.ts';
import { messageKey, senderKey } from '../../server/chat/message.model.ts';
import { activeKey } from '../../server/groups/enrolment.model.ts';
import { groupsKey, type RosterEntry } from '../../server/groups/memberships.ts';
import { PLANNING_HORIZON_MS } from '../../server/reminders/planning.ts';
import { minuteOf } from '../../server/reminders/queue.ts';
import { listKey } from '../../server/db/idLists.ts';
import { DAYS, dayOf } from '../../server/db/dayLists.ts';
import { isListedRole, PEOPLE_DAYS } from '../../server/people/directory.ts';
import { opaqueId } from '../../server/privacy/opaqueId.ts';
import { contactKey } from '../../server/supervision/contactCard.ts';
import { WEEKS, weekOf } from '../../server/supervision/contactOrder.ts';
import { ALL } from '../../server/groups/group.model.ts';
import { INBOX_SIZE } from '../../server/reminders/notification.model.ts';
import { helsinkiDate } from '../../server/groups/schedule.ts';
import { familyKey, type LedgerEntry } from '../../server/reach/ledger.ts';
import { attendanceKey } from '../../server/sessions/attendance.model.ts';
import type { Scale } from './scale.ts';
import { BulkWriter } from './writer.ts';

const id = () => new mongoose.Types.ObjectId();
const MINUTE = 60_000;
const DAY = 86_400_000;
/** Groups whose session is on now (the live join is measured in them). */
export const LIVE_GROUPS = 3;

export interface SignedIn {
  cookie: string;
  csrfToken: string;
  personId: string;
}

export interface Seeded {
  /** A confirmed family of the first group, and another (the chat's receiver). */
  family: SignedIn;
  otherFamily: SignedIn;
  /** Families in no group: they enrol and leave, in turn. */
  newcomers: SignedIn[];
  facilitator: SignedIn;
  trainer: SignedIn;
  coordinator: SignedIn;
  groupId: string;
  /** A session of the first group that is open for joining now. */
  liveSessionId: string;
  channelId: string;
  lastSeq: number;
}

interface Context {
  now: Date;
  writer: BulkWriter;
  logins: Map<string, SignedIn>;
  /** The groups each trainer supervises (their list of groups is written at the end). */
  supervised: Map<string, mongoose.Types.ObjectId[]>;
  /** Slots taken per minute by pending jobs (reminders/queue.ts). */
  slots: Map<number, number>;
  /** The facilitators each trainer supervises (their list is written at the end). */
  supervisees: Map<string, mongoose.Types.ObjectId[]>;
  /** The reach ledger's days (reach/ledger.ts), written at the end. */
  reachDays: Map<string, LedgerEntry[]>;
  /** Facilitators by the week of their last contact (supervision/contactOrder.ts). */
  contactWeeks: Map<string, string[]>;
  /** Every family group, in the order of creation (the coordinator's overview). */
  familyGroups: string[];
  /** Each person's newest notifications (reminders/notification.model.ts), written at the end. */
  inboxes: Map<string, string[]>;
  /** People by the day they joined, and each listed role's members (people/directory.ts). */
  joinedOn: Map<string, string[]>;
  roleMembers: Map<string, string[]>;
  /** How many people were made so far. */
  made: number;
}

/** A person's id made on a day of the past year: people join over the year (their day lists). */
function joinedId(ctx: Context): mongoose.Types.ObjectId {
  const n = (ctx.made += 1);
  const seconds = Math.floor(ctx.now.getTime() / 1000) - ((n * 7919) % 365) * 86_400 - (n % 86_400);
  const rest = new mongoose.Types.ObjectId().toHexString().slice(8);
  return new mongoose.Types.ObjectId(seconds.toString(16).padStart(8, '0') + rest);
}

function inboxed(ctx: Context, personId: unknown, notificationId: string): void {
  const ids = ctx.inboxes.get(String(personId)) ?? [];
  ids.push(notificationId);
  ctx.inboxes.set(String(personId), ids.length > 2 * INBOX_SIZE ? ids.slice(-INBOX_SIZE) : ids);
}

async function personGroups(
  ctx: Context,
  personId: mongoose.Types.ObjectId,
  lists: { enrolments?: unknown[]; staff?: unknown[] },
): Promise<void> {
  await ctx.writer.add('person_groups', {
    _id: groupsKey(personId),
    personId,
    enrolments: lists.enrolments ?? [],
    staff: lists.staff ?? [],
  });
}

async function enqueued(ctx: Context, jobId: string, runAt: Date): Promise<void> {
  const minute = minuteOf(runAt);
  const n = (ctx.slots.get(minute) ?? 0) + 1;
  ctx.slots.set(minute, n);
  await ctx.writer.add('job_slots', { _id: `due:${minute}:${n}`, jobId });
}

async function login(ctx: Context, personId: mongoose.Types.ObjectId): Promise<SignedIn> {
  const token = newToken();
  const csrfToken = newToken(24);
  await ctx.writer.add('login_sessions', {
    _id: hashToken(token),
    personId,
    csrfToken,
    createdAt: ctx.now,
    lastSeenAt: ctx.now,
    expiresAt: new Date(ctx.now.getTime() + 7 * DAY),
  });
  const signed = {
    cookie: `${cookieName({ secure: false })}=${token}`,
    csrfToken,
    personId: String(personId),
  };
  ctx.logins.set(String(personId), signed);
  return signed;
}

async function person(
  ctx: Context,
  role: string,
  name: string,
  extra: Record<string, unknown> = {},
): Promise<mongoose.Types.ObjectId> {
  const _id = joinedId(ctx);
  const day = dayOf(_id);
  if (!ctx.joinedOn.has(day)) ctx.joinedOn.set(day, []);
  ctx.joinedOn.get(day)!.push(String(_id));
  if (isListedRole(role)) {
    if (!ctx.roleMembers.has(role)) ctx.roleMembers.set(role, []);
    ctx.roleMembers.get(role)!.push(String(_id));
  }
  const email = `${role}-${String(_id)}@bench.invalid`;
  await ctx.writer.add('email_keys', { _id: emailKeyOf(email), personId: _id });
  await ctx.writer.add('people', {
    _id,
    email,
    emailVerifiedAt: ctx.now,
    passwordHash: null,
    displayName: name,
    roles: [role],
    language: 'fi',
    languagesSpoken: ['fi'],
    supervisorId: null,
    reminders: { offsetsMinutes: [1440, 60], email: true },
    createdAt: ctx.now,
    updatedAt: ctx.now,
    ...extra,
  });
  return _id;
}

function sessionTimes(scale: Scale, group: number, week: number, now: Date) {
  // A few groups meet right now; the others on their own weekday of each week.
  const live = group < LIVE_GROUPS;
  const offset = live ? 5 * MINUTE : ((group % 6) + 1) * DAY + 3 * 3600_000;
  const startsAt = new Date(now.getTime() + week * 7 * DAY + offset);
  return { startsAt, endsAt: new Date(startsAt.getTime() + 90 * MINUTE) };
}

/** Writes the organisation; returns who is signed in for the measured requests. */
export async function seedYear(scale: Scale, report: (line: string) => void): Promise<Seeded> {
  const now = new Date();
  const perGroup =
    scale.confirmedPerGroup +
    scale.waitlistedPerGroup +
    (scale.pastSessionsPerGroup + scale.comingSessionsPerGroup) *
      (1 + 2 * scale.confirmedPerGroup) +
    scale.pastSessionsPerGroup * scale.confirmedPerGroup * 3 +
    scale.messagesPerGroup;
  const ctx: Context = {
    now,
    writer: new BulkWriter(scale.groups * perGroup, report),
    logins: new Map(),
    supervised: new Map(),
    slots: new Map(),
    reachDays: new Map(),
    supervisees: new Map(),
    contactWeeks: new Map(),
    familyGroups: [],
    inboxes: new Map(),
    joinedOn: new Map(),
    roleMembers: new Map(),
    made: 0,
  };
  const coordinatorId = await person(ctx, 'coordinator', 'Koordinaattori');
  const trainers: mongoose.Types.ObjectId[] = [];
  for (let t = 0; t < scale.trainers; t += 1) trainers.push(await person(ctx, 'trainer', `K ${t}`));

  const first: Partial<Seeded> = {};
  for (let g = 0; g < scale.groups; g += 1) {
    const seeded = await seedGroup(ctx, scale, g, trainers[g % trainers.length]!);
    if (g === 0) Object.assign(first, seeded);
  }
  for (const trainerId of trainers) {
    await ctx.writer.add('id_lists', {
      _id: listKey('supervisees', trainerId),
      ids: (ctx.supervisees.get(String(trainerId)) ?? []).map(String),
    });
    await personGroups(ctx, trainerId, {
      staff: (ctx.supervised.get(String(trainerId)) ?? []).map((groupId) => ({
        groupId,
        as: 'trainer',
      })),
    });
  }
  await ctx.writer.add('id_lists', {
    _id: listKey('family-groups', ALL),
    ids: ctx.familyGroups,
  });
  for (const [personId, ids] of ctx.inboxes)
    await ctx.writer.add('id_lists', {
      _id: listKey('inbox', personId),
      ids: ids.slice(-INBOX_SIZE),
    });
  for (const [day, ids] of ctx.joinedOn)
    await ctx.writer.add('id_lists', { _id: listKey(PEOPLE_DAYS.day, day), ids });
  await ctx.writer.add('id_lists', {
    _id: listKey(PEOPLE_DAYS.days, DAYS),
    ids: [...ctx.joinedOn.keys()],
  });
  for (const [role, ids] of ctx.roleMembers)
    await ctx.writer.add('id_lists', { _id: listKey('role-members', role), ids });
  for (const [week, ids] of ctx.contactWeeks)
    await ctx.writer.add('id_lists', { _id: listKey('contact-week', week), ids });
  await ctx.writer.add('id_lists', {
    _id: listKey('contact-weeks', WEEKS),
    ids: [...ctx.contactWeeks.keys()],
  });
  for (const [day, sessions] of ctx.reachDays)
    await ctx.writer.add('reach_days', { _id: day, sessions });
  await ctx.writer.add('job_cursors', { _id: 'sweep', minute: minuteOf(now) });
  await ctx.writer.add('job_cursors', {
    _id: 'planned',
    until: new Date(now.getTime() + PLANNING_HORIZON_MS),
  });
  const newcomers: SignedIn[] = [];
  for (let n = 0; n < 4; n += 1)
    newcomers.push(await login(ctx, await person(ctx, 'family', `Uusi ${n}`)));
  const result = {
    ...(first as Seeded),
    newcomers,
    trainer: await login(ctx, trainers[0]!),
    coordinator: await login(ctx, coordinatorId),
  };
  await ctx.writer.flush();
  report(`written: ${ctx.writer.summary()}`);
  return result;
}

async function seedGroup(
  ctx: Context,
  scale: Scale,
  g: number,
  trainerId: mongoose.Types.ObjectId,
): Promise<Partial<Seeded>> {
  const { now, writer } = ctx;
  const groupId = id();
  const group = String(groupId);
  const facilitatorId = await person(ctx, 'facilitator', `Ohjaaja ${g}`, {
    supervisorId: trainerId,
  });
  await personGroups(ctx, facilitatorId, { staff: [{ groupId, as: 'lead' }] });
  ctx.supervisees.set(String(trainerId), [
    ...(ctx.supervisees.get(String(trainerId)) ?? []),
    facilitatorId,
  ]);
  const supervised = ctx.supervised.get(String(trainerId)) ?? [];
  ctx.supervised.set(String(trainerId), [...supervised, groupId]);
  // Certified over the last three months: two in three without contact for four weeks.
  const certifiedAt = new Date(now.getTime() - (g % 12) * 7 * DAY);
  await writer.add('contact_cards', {
    _id: contactKey(facilitatorId),
    personId: facilitatorId,
    at: certifiedAt,
    kind: 'certification',
  });
  const week = weekOf(certifiedAt);
  ctx.contactWeeks.set(week, [...(ctx.contactWeeks.get(week) ?? []), String(facilitatorId)]);
  const certificationId = id();
  await writer.add('id_lists', {
    _id: listKey('certifications', facilitatorId),
    ids: [String(certificationId)],
  });
  await writer.add('certifications', {
    _id: certificationId,
    personId: facilitatorId,
    signedOffById: trainerId,
    certifiedAt,
    validUntil: new Date(now.getTime() + 365 * DAY),
  });

  // Families: confirmed ones hold a place; the last three wait.
  const families: mongoose.Types.ObjectId[] = [];
  const roster: RosterEntry[] = [];
  const total = scale.confirmedPerGroup + scale.waitlistedPerGroup;
  for (let f = 0; f < total; f += 1) {
    const personId = await person(ctx, 'family', `Perhe ${g}.${f}`);
    const confirmed = f < scale.confirmedPerGroup;
    if (confirmed) families.push(personId);
    const enrolmentId = id();
    const status = confirmed ? 'confirmed' : 'waitlisted';
    const seatId = confirmed ? `${group}:${f + 1}` : null;
    roster.push({ enrolmentId, personId, status, arrival: f + 1, reason: null, createdAt: now });
    await personGroups(ctx, personId, { enrolments: [{ groupId, enrolmentId, status }] });
    await writer.add('enrolments', {
      _id: enrolmentId,
      groupId,
      personId,
      status,
      arrival: f + 1,
      seatId,
      rulesVersion: 'bench',
      reason: null,
      activeKey: activeKey(group, String(personId)),
      createdAt: now,
      updatedAt: now,
    });
    if (seatId) await writer.add('seats', { _id: seatId, groupId, enrolmentId });
  }
  await writer.add('group_rosters', { _id: groupId, active: roster, ended: [] });

  // A year of weekly sessions: attendance, reports and sent reminders for the held ones.
  const upcoming: Record<string, unknown>[] = [];
  const sessionIndex: { key: string; id: mongoose.Types.ObjectId }[] = [];
  const reportIds: string[] = [];
  let liveSessionId = '';
  for (let w = -scale.pastSessionsPerGroup; w < scale.comingSessionsPerGroup; w += 1) {
    const sessionId = id();
    const { startsAt, endsAt } = sessionTimes(scale, g, w, now);
    const held = w < 0;
    const key = startsAt.toISOString().slice(0, 10);
    sessionIndex.push({ key, id: sessionId });
    await writer.add('group_sessions', {
      _id: sessionId,
      groupId,
      key,
      startsAt,
      endsAt,
      status: 'scheduled',
      reason: null,
      startedAt: held ? startsAt : null,
      endedAt: held ? endsAt : null,
      createdAt: now,
      updatedAt: now,
    });
    if (w === 0 && g < LIVE_GROUPS) liveSessionId = String(sessionId);
    if (!held && upcoming.length < 8)
      upcoming.push({
        id: String(sessionId),
        key,
        startsAt,
        endsAt,
        status: 'scheduled',
        reason: null,
        startedAt: null,
        endedAt: null,
      });
    for (const [i, personId] of families.entries()) {
      for (const offset of [1440, 60]) {
        const jobId = opaqueId('reminder', sessionId, personId, offset);
        const runAt = new Date(startsAt.getTime() - offset * MINUTE);
        if (!held) await enqueued(ctx, jobId, runAt);
        await writer.add('jobs', {
          _id: jobId,
          kind: 'reminder',
          runAt,
          personId,
          groupId,
          sessionId,
          topic: String(offset),
          status: held ? 'done' : 'pending',
          leaseUntil: null,
          attempts: held ? 1 : 0,
          doneAt: held ? startsAt : null,
          createdAt: now,
          updatedAt: now,
        });
        // A reminder sent made a notification (the bell), listed in the person's inbox.
        if (held) {
          await writer.add('notifications', {
            _id: jobId,
            personId,
            kind: 'reminder',
            groupId,
            sessionId,
            params: {},
            readAt: startsAt,
            createdAt: runAt,
            updatedAt: runAt,
          });
          inboxed(ctx, personId, jobId);
        }
      }
      if (held)
        await writer.add('attendance', {
          _id: attendanceKey(String(sessionId), String(personId)),
          sessionId,
          groupId,
          personId,
          present: (i + w) % 5 !== 0,
          source: 'video',
          joinedAt: startsAt,
          leftAt: endsAt,
          createdAt: startsAt,
          updatedAt: endsAt,
        });
    }
    const reportId = id();
    if (held) {
      const day = helsinkiDate(startsAt);
      const present = families.filter((_, i) => (i + w) % 5 !== 0);
      ctx.reachDays.set(day, [
        ...(ctx.reachDays.get(day) ?? []),
        { sessionId, groupId, startsAt, families: present.map((p) => familyKey(p)) },
      ]);
      reportIds.push(String(reportId));
      await writer.add('id_lists', {
        _id: listKey('session-report', sessionId),
        ids: [String(reportId)],
      });
    }
    if (held)
      await writer.add('session_reports', {
        _id: reportId,
        sessionId,
        groupId,
        sessionStartsAt: startsAt,
        authorId: facilitatorId,
        attendance: families.map((personId, i) => ({
          personId,
          displayName: `Perhe ${g}.${i}`,
          present: (i + w) % 5 !== 0,
        })),
        themes: ['parenting'],
        howItWent: 4,
        notes: '',
        concern: '',
        safeguarding: false,
        feedback: [],
        createdAt: endsAt,
        updatedAt: endsAt,
      });
  }

  await writer.add('group_session_indexes', { _id: groupId, sessions: sessionIndex });
  await writer.add('id_lists', {
    _id: listKey('group-reports', groupId),
    ids: reportIds.slice(-50),
  });

  // The group's chat: the facilitator and the families, in turn.
  const channelId = `group:${group}`;
  const speakers = [facilitatorId, ...families];
  for (let seq = 1; seq <= scale.messagesPerGroup; seq += 1) {
    const senderId = speakers[seq % speakers.length]!;
    const clientId = `seed-${seq}`;
    await writer.add('chat_messages', {
      _id: messageKey(channelId, seq),
      channelId,
      seq,
      clientId,
      senderId,
      senderKey: senderKey(channelId, String(senderId)),
      senderName: seq % speakers.length === 0 ? `Ohjaaja ${g}` : `Perhe ${g}`,
      senderRole: seq % speakers.length === 0 ? 'facilitator' : 'family',
      kind: 'message',
      text: `Viesti ${seq}: miten teillä on mennyt tällä viikolla?`,
      sentAt: new Date(now.getTime() - (scale.messagesPerGroup - seq) * 60 * MINUTE),
      editedAt: null,
      deleted: false,
      hidden: false,
      hiddenBy: null,
      mentionsFacilitators: false,
    });
  }
  await writer.add('chat_heads', { _id: channelId, seq: scale.messagesPerGroup });
  for (const personId of families)
    await writer.add('chat_read_markers', {
      _id: opaqueId('read', personId, channelId),
      personId,
      channelId,
      seq: scale.messagesPerGroup - 10,
      createdAt: now,
      updatedAt: now,
    });

  ctx.familyGroups.push(group);
  await writer.add('groups', {
    _id: groupId,
    kind: 'family',
    title: [{ lang: 'fi', text: `Ryhmä ${g}` }],
    description: [{ lang: 'fi', text: 'Vertaisryhmä kahden kulttuurin perheille.' }],
    topics: ['everyday-two-cultures'],
    sessionLanguages: ['fi', ['ar', 'en', 'sv', 'ru', 'so'][g % 5]!],
    audience: 'parents',
    region: 'online-finland',
    capacity: scale.confirmedPerGroup,
    leadFacilitatorId: facilitatorId,
    coFacilitatorId: null,
    trainerId,
    status: 'full',
    visibility: 'public',
    observationAllowed: g % 2 === 0,
    requiresApproval: false,
    autoAdmit: true,
    joinWindowMinutes: 10,
    schedule: {
      frequency: 'weekly',
      weekday: 'mo',
      startDate: '2026-01-05',
      startTime: '18:00',
      durationMinutes: 90,
      count: scale.pastSessionsPerGroup + scale.comingSessionsPerGroup,
    },
    exceptions: [],
    timeOfDay: 'evening',
    searchText: `ryhmä ${g} vertaisryhmä`,
    rulesVersion: 'bench',
    confirmedCount: scale.confirmedPerGroup,
    waitlistCount: scale.waitlistedPerGroup,
    upcoming,
    awaitingReport: [],
    arrivalSeq: total,
    createdAt: now,
    updatedAt: now,
  });

  if (g !== 0) return {};
  return {
    family: await login(ctx, families[0]!),
    otherFamily: await login(ctx, families[1]!),
    facilitator: await login(ctx, facilitatorId),
    groupId: group,
    liveSessionId,
    channelId,
    lastSeq: scale.messagesPerGroup,
  };
}
