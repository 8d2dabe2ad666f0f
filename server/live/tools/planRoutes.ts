// The group's session plan, edited by those who run the group before a session.
// GET /api/groups/:id/plan → SessionPlanInfo; PUT /api/groups/:id/plan planInput → SessionPlanInfo.
import type { Actor } from '../../access/actor.ts';
import { may } from '../../access/policy.ts';
import { notFound } from '../../errors.ts';
import { findGroup } from '../../groups/routes.ts';
import { groupRef } from '../../groups/views.ts';
import type { ApiRouter } from '../../http/api.ts';
import { roomToolSchemas, type SessionPlanInfo } from '../../protocol/roomTools.ts';
import { planOf, SessionPlan } from './plan.model.ts';

async function managedGroup(id: string | undefined, actor: Actor) {
  const group = await findGroup(id);
  if (!may(actor, 'group.manage', await groupRef(group, actor))) throw notFound();
  return String(group._id);
}

export function planRoutes(api: ApiRouter): void {
  api.get(
    '/groups/:id/plan',
    { action: 'group.manage' },
    async ({ actor, params }): Promise<SessionPlanInfo> => {
      const groupId = await managedGroup(params.id, actor);
      return { groupId, items: await planOf(groupId) };
    },
  );

  api.put(
    '/groups/:id/plan',
    { action: 'group.manage', body: roomToolSchemas.planInput },
    async ({ actor, params, body }): Promise<SessionPlanInfo> => {
      const groupId = await managedGroup(params.id, actor);
      await SessionPlan.replaceOne(
        { _id: groupId },
        { _id: groupId, items: body.items },
        { upsert: true },
      );
      return { groupId, items: await planOf(groupId) };
    },
  );
}
