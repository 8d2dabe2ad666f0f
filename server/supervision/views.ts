// Reports and alerts as the client sees them (protocol/supervision.ts).
import { namesOf } from '../people/names.ts';
import { findByIds } from '../db/byIds.ts';
import type { Actor } from '../access/actor.ts';
import { may, type GroupRef } from '../access/policy.ts';
import { Group, type GroupDoc } from '../groups/group.model.ts';
import type { LocalizedText } from '../protocol/groups.ts';
import type { AlertInfo, ReportInfo, ReportSummary, ReportTheme } from '../protocol/supervision.ts';
import type { CheckInKind } from '../protocol/roomTools.ts';
import type { AlertDoc } from './alert.model.ts';
import { Report, type ReportDoc } from './report.model.ts';

export { namesOf };

export function titleOf(group: Pick<GroupDoc, 'title'> | undefined): LocalizedText[] {
  return (group?.title ?? []).map((t) => ({ lang: t.lang ?? '', text: t.text ?? '' }));
}

async function groupsOf(ids: unknown[]): Promise<Map<string, GroupDoc>> {
  const wanted = [...new Set(ids.map(String))];
  if (wanted.length === 0) return new Map();
  const groups = await findByIds<GroupDoc>(Group, wanted);
  return new Map(groups.map((g) => [String(g._id), g]));
}

function summaryOf(
  report: ReportDoc,
  groups: Map<string, GroupDoc>,
  names: Map<string, string>,
): ReportSummary {
  return {
    id: String(report._id),
    sessionId: String(report.sessionId),
    groupId: String(report.groupId),
    groupTitle: titleOf(groups.get(String(report.groupId))),
    sessionStartsAt: report.sessionStartsAt.toISOString(),
    authorName: names.get(String(report.authorId)) ?? '',
    howItWent: report.howItWent,
    themes: report.themes as ReportTheme[],
    hasConcern: report.concern.length > 0,
    safeguarding: report.safeguarding,
    feedbackCount: report.feedback.length,
    createdAt: report.createdAt.toISOString(),
  };
}

export async function reportSummaries(reports: ReportDoc[]): Promise<ReportSummary[]> {
  const [groups, names] = await Promise.all([
    groupsOf(reports.map((r) => r.groupId)),
    namesOf(reports.map((r) => r.authorId)),
  ]);
  return reports.map((r) => summaryOf(r, groups, names));
}

export async function reportInfo(
  report: ReportDoc,
  group: GroupDoc,
  ref: GroupRef,
  actor: Actor,
): Promise<ReportInfo> {
  const names = await namesOf([report.authorId, ...report.feedback.map((f) => f.byId)]);
  return {
    ...summaryOf(report, new Map([[String(group._id), group]]), names),
    attendance: report.attendance.map((a) => ({
      personId: a.personId ? String(a.personId) : null,
      displayName: a.displayName ?? '',
      present: a.present,
    })),
    notes: report.notes,
    concern: report.concern,
    feedback: report.feedback.map((f) => ({
      byName: names.get(String(f.byId)) ?? '',
      text: f.text,
      at: f.at.toISOString(),
    })),
    canGiveFeedback: may(actor, 'report.feedback', ref),
    planRun: (report.planRun ?? []).map((item) => ({
      title: item.title ?? '',
      plannedMinutes: item.plannedMinutes ?? 0,
      actualMinutes: item.actualMinutes ?? 0,
      skipped: item.skipped ?? false,
    })),
    checkIns: (report.checkIns ?? []).map((c) => ({
      kind: c.kind as CheckInKind,
      counts: [...c.counts],
      total: c.counts.reduce((a, b) => a + b, 0),
    })),
  };
}

export async function alertInfos(alerts: AlertDoc[]): Promise<AlertInfo[]> {
  const reports = new Map(
    (
      await findByIds<ReportDoc>(
        Report,
        alerts.map((a) => a.reportId),
      )
    ).map((r) => [String(r._id), r]),
  );
  const [groups, names] = await Promise.all([
    groupsOf(alerts.map((a) => a.groupId)),
    namesOf(alerts.map((a) => a.facilitatorId)),
  ]);
  return alerts.map((a) => {
    const report = reports.get(String(a.reportId));
    return {
      id: String(a._id),
      kind: 'safeguarding',
      reportId: String(a.reportId),
      groupId: String(a.groupId),
      groupTitle: titleOf(groups.get(String(a.groupId))),
      sessionStartsAt: report ? report.sessionStartsAt.toISOString() : '',
      facilitatorName: names.get(String(a.facilitatorId)) ?? '',
      concern: report?.concern ?? '',
      openedAt: a.openedAt.toISOString(),
      acknowledgedAt: a.acknowledgedAt ? a.acknowledgedAt.toISOString() : null,
      note: a.note,
    };
  });
}
