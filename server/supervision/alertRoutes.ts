// Safeguarding alerts: the trainer each was sent to lists and acknowledges it; for anyone else
// it does not exist. Acknowledging happens once (a claim), and is audited.
import { Types } from 'mongoose';
import { audit } from '../audit/audit.model.ts';
import { claimOnce } from '../db/claims.ts';
import { removeId } from '../db/idLists.ts';
import { notFound, RequestError } from '../errors.ts';
import { signedIn, type ApiRouter } from '../http/api.ts';
import { supervisionSchemas, type AlertInfo } from '../protocol/supervision.ts';
import { Alert, alertsListed } from './alert.model.ts';
import { noteContact } from './contactCard.ts';
import type { SupervisionContext } from './context.ts';
import { alertInfos } from './views.ts';

/** The trainer's own alerts, newest first. */
export async function alertsOf(trainerId: string, state: 'open' | 'all'): Promise<AlertInfo[]> {
  return alertInfos(await alertsListed(trainerId, state));
}

export function alertRoutes(api: ApiRouter, { clock }: SupervisionContext): void {
  api.get(
    '/alerts',
    { action: 'alert.manage', query: supervisionSchemas.alertsQuery },
    async ({ actor, query }) => alertsOf(signedIn(actor).personId, query.state),
  );

  api.post(
    '/alerts/:id/acknowledge',
    { action: 'alert.manage', body: supervisionSchemas.acknowledge },
    async ({ actor, params, body }) => {
      const me = signedIn(actor).personId;
      const found =
        params.id && Types.ObjectId.isValid(params.id)
          ? await Alert.findById(params.id).lean()
          : null;
      const alert = found && String(found.trainerId) === me ? found : null;
      if (!alert) throw notFound();
      if (alert.acknowledgedAt || !(await claimOnce(`alert-acknowledged:${String(alert._id)}`)))
        throw new RequestError('alert.alreadyAcknowledged', 409);
      const at = clock.now();
      await Alert.updateOne(
        { _id: alert._id },
        { acknowledgedAt: at, acknowledgedById: me, note: body.note },
      );
      await removeId('open-alerts', me, alert._id);
      await noteContact(alert.facilitatorId, at, 'alert');
      await audit('alert.acknowledged', me, String(alert._id), {
        reportId: String(alert.reportId),
        groupId: String(alert.groupId),
      });
      const [info] = await alertInfos([(await Alert.findById(alert._id).lean())!]);
      return info!;
    },
  );
}
