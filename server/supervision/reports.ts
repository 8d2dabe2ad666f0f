// Writing a session report: the draft (the group's confirmed families, present as the video
// recorded them) and filing it (checked against the group, stored once, the attendance corrected
// as on the attendance page, and a safeguarding flag raised with the trainer).
import type { TFunction } from 'i18next';
import type { FeatureDeps } from '../deps.ts';
import { RequestError } from '../errors.ts';
import { findByIds } from '../db/byIds.ts';
import { linkedGroupIds, rosterOf } from '../groups/memberships.ts';
import { Group, type GroupDoc } from '../groups/group.model.ts';
import type { z } from 'zod';
import type { ReportDraft, ReportDue, supervisionSchemas } from '../protocol/supervision.ts';
import { attendanceAt, correctAttendance } from '../sessions/attendance.model.ts';
import type { GroupSessionDoc } from '../sessions/groupSession.model.ts';
import { sessionReported } from '../sessions/lifecycle.ts';
import { listReport, Report, reportIdOf, type ReportDoc } from './report.model.ts';
import { raiseAlert } from './safeguarding.ts';
import { namesOf, titleOf } from './views.ts';
import { isDuplicateKey } from '../db/claims.ts';
import { runOf } from '../live/tools/reportRun.ts';

type ReportBody = z.output<typeof supervisionSchemas.reportInput>;
type Session = Pick<GroupSessionDoc, '_id' | 'startsAt' | 'status' | 'startedAt'> & {
  endedAt?: Date | null;
};

/**
 * A report is written once the session took place — its live room was opened, perhaps early in
 * the join window — or its time has come (it may have been held without the video), and not for a
 * cancelled one.
 */
export function checkReportable(session: Session, now: Date): void {
  if (session.status === 'cancelled') throw new RequestError('report.cancelled', 409);
  if (!session.startedAt && session.startsAt > now) throw new RequestError('report.notYet', 409);
}

/** The group's confirmed families with their recorded attendance at this session. */
async function familiesAt(session: Session, group: GroupDoc) {
  const roster = await rosterOf(group._id);
  const ids = roster.active.filter((e) => e.status === 'confirmed').map((e) => String(e.personId));
  const [names, rows] = await Promise.all([namesOf(ids), attendanceAt(String(session._id), ids)]);
  return ids.map((personId) => ({
    personId,
    displayName: names.get(personId) ?? '',
    present: rows.get(personId)?.present ?? false,
  }));
}

export async function draftOf(
  session: Session & { endsAt: Date; endedAt?: Date | null },
  group: GroupDoc,
  now: Date,
): Promise<ReportDraft> {
  const existing = await reportIdOf(session._id);
  return {
    sessionId: String(session._id),
    groupId: String(group._id),
    groupTitle: titleOf(group),
    startsAt: session.startsAt.toISOString(),
    attendance: await familiesAt(session, group),
    existingReportId: existing,
    ...(await runOf(session, now)),
  };
}

export async function fileReport(
  input: {
    session: Session;
    group: GroupDoc;
    authorId: string;
    body: ReportBody;
    now: Date;
    t: TFunction;
  },
  deps: Pick<FeatureDeps, 'config' | 'log' | 'mailer'>,
): Promise<ReportDoc> {
  const { session, group, body, t } = input;
  const families = await familiesAt(session, group);
  // Ids come from the client: every one must be a confirmed family of this group, once.
  const confirmed = new Set(families.map((f) => f.personId));
  const given = body.attendance.map((a) => a.personId);
  if (given.some((id) => !confirmed.has(id)) || new Set(given).size !== given.length)
    throw new RequestError('invalid', 400, { attendance: t('report.notAMember') });
  const corrected = new Map(body.attendance.map((a) => [a.personId, a.present]));
  // What the room's tools recorded goes into the report as it stood when it was filed.
  const { planRun, checkIns } = await runOf(session, input.now);

  await Report.init(); // the unique index exists before the first report
  let report: ReportDoc;
  try {
    const created = await Report.create({
      sessionId: session._id,
      groupId: group._id,
      sessionStartsAt: session.startsAt,
      authorId: input.authorId,
      attendance: families.map((f) => ({ ...f, present: corrected.get(f.personId) ?? f.present })),
      themes: [...new Set(body.themes)],
      howItWent: body.howItWent,
      notes: body.notes,
      concern: body.concern,
      safeguarding: body.safeguarding,
      planRun,
      checkIns: checkIns.map((c) => ({ kind: c.kind, counts: c.counts })),
    });
    report = created.toObject() as ReportDoc;
  } catch (error) {
    if (isDuplicateKey(error)) throw new RequestError('report.alreadyFiled', 409);
    throw error;
  }
  await listReport(report);
  await correctAttendance(String(session._id), String(group._id), body.attendance);
  await sessionReported(String(session._id), String(group._id));
  if (report.safeguarding) await raiseAlert(report, group, deps, input.now);
  return report;
}

/** The groups someone runs or supervises (the reports list without a group filter). */
export async function groupsOfStaff(personId: string): Promise<string[]> {
  const { lead, co, trainer } = await linkedGroupIds(personId);
  return [...new Set([...lead, ...co, ...trainer])];
}

/** Sessions of the facilitator's groups held on the platform lately, without a report yet. */
export async function reportsDue(personId: string): Promise<ReportDue[]> {
  // The groups carry the list (sessions/lifecycle.ts), and the person's list of groups says
  // which they lead (memberships.ts): no session, report or group is searched.
  const { lead, co } = await linkedGroupIds(personId);
  const groups = await findByIds<GroupDoc>(Group, [...lead, ...co], {
    title: 1,
    kind: 1,
    awaitingReport: 1,
  });
  // Only family groups are reported on: a peer or walk-alongside meeting led by a facilitator is not.
  return groups
    .filter((group) => (group.kind ?? 'family') === 'family')
    .flatMap((group) =>
      (group.awaitingReport ?? []).map((s) => ({
        sessionId: s.id ?? '',
        groupId: String(group._id),
        groupTitle: titleOf(group),
        startsAt: (s.startsAt ?? new Date(0)).toISOString(),
      })),
    )
    .sort((a, b) => b.startsAt.localeCompare(a.startsAt));
}
