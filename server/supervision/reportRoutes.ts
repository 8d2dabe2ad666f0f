// Session reports: the draft and filing (the group's facilitators), reading (they and the
// group's trainer — not coordinators: the reports are about families), the trainer's feedback.
import { may } from '../access/policy.ts';
import type { FeatureDeps } from '../deps.ts';
import { notFound } from '../errors.ts';
import { findGroup } from '../groups/routes.ts';
import { groupRef } from '../groups/views.ts';
import { signedIn, type ApiRouter } from '../http/api.ts';
import { supervisionSchemas, type ReportInfo } from '../protocol/supervision.ts';
import { serialised } from '../db/claims.ts';
import { noteContact } from './contactCard.ts';
import { notify } from '../reminders/notification.model.ts';
import { accessibleReport, reportableSession } from './access.ts';
import type { SupervisionContext } from './context.ts';
import { Report, reportsOfGroups } from './report.model.ts';
import { checkReportable, draftOf, fileReport, groupsOfStaff, reportsDue } from './reports.ts';
import { reportInfo, reportSummaries } from './views.ts';

const LIST_LIMIT = 200;

export function reportRoutes(api: ApiRouter, deps: FeatureDeps, { clock }: SupervisionContext) {
  api.get(
    '/sessions/:sessionId/report/draft',
    { action: 'report.write' },
    async ({ actor, params }) => {
      const { session, group } = await reportableSession(params.sessionId, actor);
      checkReportable(session, clock.now());
      return draftOf(session, group, clock.now());
    },
  );

  api.post(
    '/sessions/:sessionId/report',
    { action: 'report.write', body: supervisionSchemas.reportInput, status: 201 },
    async ({ actor, params, body, t }): Promise<ReportInfo> => {
      const { session, group } = await reportableSession(params.sessionId, actor);
      const now = clock.now();
      checkReportable(session, now);
      const report = await fileReport(
        { session, group, authorId: signedIn(actor).personId, body, now, t },
        deps,
      );
      return reportInfo(report, group, await groupRef(group, actor), actor);
    },
  );

  api.get(
    '/reports',
    { action: 'report.read', query: supervisionSchemas.reportsQuery },
    async ({ actor, query }) => {
      const me = signedIn(actor).personId;
      let groupIds: unknown[];
      if (query.groupId) {
        const group = await findGroup(query.groupId);
        if (!may(actor, 'report.read', await groupRef(group, actor))) throw notFound();
        groupIds = [group._id];
      } else {
        groupIds = await groupsOfStaff(me);
      }
      return reportSummaries(await reportsOfGroups(groupIds, LIST_LIMIT));
    },
  );

  api.get('/reports/due', { action: 'report.write' }, ({ actor }) =>
    reportsDue(signedIn(actor).personId),
  );

  api.get('/reports/:id', { action: 'report.read' }, async ({ actor, params }) => {
    const { report, group, ref } = await accessibleReport(params.id, actor, 'report.read');
    return reportInfo(report, group, ref, actor);
  });

  api.post(
    '/reports/:id/feedback',
    { action: 'report.feedback', body: supervisionSchemas.feedback },
    async ({ actor, params, body }) => {
      const me = signedIn(actor).personId;
      const { group, ref } = await accessibleReport(params.id, actor, 'report.feedback');
      const at = clock.now();
      // Updates are not atomic on this database: one answer at a time per report.
      const report = await serialised(`report:${params.id}`, async () => {
        const current = (await Report.findById(params.id).lean())!;
        const feedback = [...current.feedback, { byId: me, text: body.text, at }];
        await Report.updateOne({ _id: current._id }, { feedback });
        return (await Report.findById(current._id).lean())!;
      });
      await noteContact(report.authorId, at, 'feedback');
      if (report.authorId && String(report.authorId) !== me) {
        await notify(`report-feedback:${String(report._id)}:${at.getTime()}`, {
          personId: report.authorId,
          kind: 'report-feedback',
          groupId: group._id,
          sessionId: report.sessionId,
          params: { link: `/reports/${String(report._id)}` },
        });
      }
      return reportInfo(report, group, ref, actor);
    },
  );
}
