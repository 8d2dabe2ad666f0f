// A safeguarding flag reaches the group's trainer at once, and only them: an alert that stays
// open until they acknowledge it, a notice in the app, and an email in their language. The
// email says only that there is a concern in which group — email is not a safe channel for
// what was written or whom it is about; the details are behind the link, after signing in.
import { audit } from '../audit/audit.model.ts';
import { appLink, type FeatureDeps } from '../deps.ts';
import type { GroupDoc } from '../groups/group.model.ts';
import { Person } from '../people/person.model.ts';
import { opaqueId } from '../privacy/opaqueId.ts';
import type { LanguageCode } from '../protocol/languages.ts';
import { notify } from '../reminders/notification.model.ts';
import { titleIn } from '../reminders/texts.ts';
import { Alert, listAlert } from './alert.model.ts';
import type { ReportDoc } from './report.model.ts';

export const alertLink = (alertId: string) => `/supervision/alerts/${alertId}`;

export async function raiseAlert(
  report: ReportDoc,
  group: GroupDoc,
  deps: Pick<FeatureDeps, 'config' | 'log' | 'mailer'>,
  now: Date,
): Promise<void> {
  const trainerId = String(group.trainerId);
  const alert = await Alert.create({
    reportId: report._id,
    trainerId,
    facilitatorId: report.authorId,
    groupId: group._id,
    sessionId: report.sessionId,
    openedAt: now,
  });
  const alertId = String(alert._id);
  await listAlert(trainerId, alertId);
  await audit('alert.opened', report.authorId ? String(report.authorId) : null, alertId, {
    reportId: String(report._id),
    groupId: String(group._id),
    trainerId,
  });
  const link = alertLink(alertId);
  await notify(opaqueId('safeguarding-alert', alertId, trainerId), {
    personId: trainerId,
    kind: 'safeguarding-alert',
    groupId: group._id,
    sessionId: report.sessionId,
    params: { link },
  });
  const trainer = await Person.findById(trainerId, { email: 1, language: 1 }).lean();
  if (!trainer) return;
  const lang = trainer.language as LanguageCode;
  try {
    await deps.mailer.send({
      to: trainer.email,
      lang,
      template: 'safeguardingAlert',
      params: { group: titleIn(group, lang), link: appLink(deps.config, link) },
    });
  } catch (error) {
    // The alert and the in-app notice stand; the report must not be lost over a mail server.
    deps.log.error({ err: error, alertId }, 'safeguarding alert email failed');
  }
}
