// A recruitment interview is a short video meeting on the session engine: a one-session group of
// kind 'interview' hosted by the coordinator who booked it, with the applicant as its one
// confirmed member, and a personal link for the applicant (only its hash is kept).
import { DateTime } from 'luxon';
import { hashToken, newToken } from '../auth/tokens.ts';
import { appLink, type FeatureDeps } from '../deps.ts';
import { RequestError } from '../errors.ts';
import { activeKey, Enrolment } from '../groups/enrolment.model.ts';
import { Group, type GroupDoc } from '../groups/group.model.ts';
import { closedGroupFields } from '../groups/closedGroup.ts';
import { ZONE } from '../groups/schedule.ts';
import { translator } from '../i18n/index.ts';
import { Person } from '../people/person.model.ts';
import { WEEKDAYS } from '../protocol/groups.ts';
import { languages, type LanguageCode } from '../protocol/languages.ts';
import { formatWhen } from '../reminders/texts.ts';
import { GroupSession } from '../sessions/groupSession.model.ts';
import { syncSessions } from '../sessions/sync.ts';
import { Application, type ApplicationDoc } from './application.model.ts';
import { recordEnrolment, recordStaff } from '../groups/memberships.ts';
import { isDuplicateKey } from '../db/claims.ts';
import { personByEmail } from '../people/byEmail.ts';

export const INTERVIEW_MINUTES = 45;
/** Interviews often run over: the link keeps working this long after the planned end. */
const LINK_GRACE_MINUTES = 30;

/** The applicant's account: theirs if the email has one, else a new one with no role or password. */
async function applicantPersonId(application: ApplicationDoc): Promise<string> {
  const find = () => personByEmail(application.email);
  const existing = await find();
  if (existing) return String(existing._id);
  try {
    const person = await Person.create({
      email: application.email,
      displayName: application.name,
      roles: [],
      language: application.language,
      emailVerifiedAt: null,
      passwordHash: null,
    });
    return String(person._id);
  } catch (error) {
    // Created at the same moment elsewhere (the email is unique): use that one.
    const raced = isDuplicateKey(error) ? await find() : null;
    if (!raced) throw error;
    return String(raced._id);
  }
}

/** Helsinki wall-clock schedule of one session starting at the instant (to the minute). */
function oneSessionAt(at: Date) {
  const local = DateTime.fromJSDate(at, { zone: ZONE });
  return {
    frequency: 'weekly' as const,
    weekday: WEEKDAYS[local.weekday - 1]!,
    startDate: local.toISODate()!,
    startTime: local.toFormat('HH:mm'),
    durationMinutes: INTERVIEW_MINUTES,
    count: 1,
  };
}

const localized = (key: string, name: string) =>
  languages.map(({ code }) => ({
    lang: code,
    text: translator(code)(key, { ns: 'email', name }),
  }));

/**
 * Creates the interview meeting for an application just moved to 'interviewBooked', enrols the
 * applicant and emails them their personal link. Returns the application as stored now.
 */
export async function bookInterview(
  application: ApplicationDoc,
  hostId: string,
  deps: FeatureDeps,
  now: Date,
): Promise<ApplicationDoc> {
  const interviewAt = application.interviewAt;
  if (!interviewAt) throw new RequestError('invalid', 400);
  const personId = await applicantPersonId(application);
  const schedule = oneSessionAt(interviewAt);
  const group = await Group.create({
    kind: 'interview',
    title: localized('interviewMeeting.title', application.name),
    description: localized('interviewMeeting.description', application.name),
    sessionLanguages: [application.language],
    region: application.region,
    ...closedGroupFields({
      hostId,
      trainerId: hostId,
      capacity: 2,
      schedule,
      rulesVersion: 'interview',
    }),
    confirmedCount: 1,
    arrivalSeq: 1,
  });
  const groupId = String(group._id);
  const enrolment = await Enrolment.create({
    groupId,
    personId,
    status: 'confirmed',
    arrival: 1,
    rulesVersion: 'interview',
    activeKey: activeKey(groupId, personId),
  });
  await recordStaff(null, group.toObject());
  await recordEnrolment(enrolment.toObject());
  const synced = await syncSessions(group.toObject() as GroupDoc, now);
  const first = synced.upcoming?.[0]?.id;
  const session = first ? await GroupSession.findById(first).lean() : null;
  if (!session) throw new Error('the interview meeting has no session');

  const token = newToken(32);
  await Application.updateOne(
    { _id: application._id },
    {
      personId,
      interviewGroupId: group._id,
      interviewSessionId: session._id,
      interviewTokenHash: hashToken(token),
      interviewTokenValidUntil: new Date(session.endsAt.getTime() + LINK_GRACE_MINUTES * 60_000),
    },
  );
  const lang = application.language as LanguageCode;
  await deps.mailer.queue({
    to: application.email,
    lang,
    template: 'interviewBooked',
    // No name: it came from the public form, unchecked, and the address may not be the sender's.
    params: {
      when: formatWhen(session.startsAt, lang),
      count: String(INTERVIEW_MINUTES),
      link: appLink(deps.config, `/interview/${token}`),
    },
  });
  return (await Application.findById(application._id).lean())!;
}

/**
 * Cancels the booked interview (booking cancelled, or the application declined): the session is
 * cancelled through the schedule, the meeting ended, and the link stops working at once.
 */
export async function cancelInterview(applicationId: unknown, now: Date): Promise<void> {
  const application = await Application.findById(applicationId).lean();
  if (!application?.interviewGroupId) return;
  await Application.updateOne(
    { _id: application._id },
    {
      interviewGroupId: null,
      interviewSessionId: null,
      interviewTokenHash: null,
      interviewTokenValidUntil: null,
    },
  );
  const group = await Group.findById(application.interviewGroupId).lean();
  if (!group) return;
  const session = await GroupSession.findById(application.interviewSessionId).lean();
  const exceptions = session
    ? [
        ...(group.exceptions ?? []).filter((e) => e.date !== session.key),
        { date: session.key, kind: 'cancelled' as const, reason: '' },
      ]
    : (group.exceptions ?? []);
  await Group.updateOne({ _id: group._id }, { status: 'ended', exceptions });
  await syncSessions({ ...group, status: 'ended', exceptions } as GroupDoc, now);
}

/** The booked application behind a personal link, while the link is valid; 404 otherwise. */
export async function applicationByToken(token: string, now: Date): Promise<ApplicationDoc> {
  const valid = /^[A-Za-z0-9_-]{20,100}$/.test(token);
  const application = valid
    ? await Application.findOne({
        interviewTokenHash: hashToken(token),
        status: 'interviewBooked',
      }).lean()
    : null;
  const until = application?.interviewTokenValidUntil;
  if (!application?.interviewSessionId || !application.personId || !until || until <= now)
    throw new RequestError('interview.notFound', 404);
  return application;
}
