// The partnership table: list, set up, read one meeting's page, and what members write there
// (agenda items before, minutes and action items during). Its sessions, live video and chat go
// through the groups' own routes and sockets, like every meeting's.
import type { Actor } from '../access/actor.ts';
import { may, type Action } from '../access/policy.ts';
import { findByIds } from '../db/byIds.ts';
import { notFound } from '../errors.ts';
import { ALL, Group, type GroupDoc } from '../groups/group.model.ts';
import { idsIn } from '../db/idLists.ts';
import { linkedGroupIds } from '../groups/memberships.ts';
import { findGroup } from '../groups/routes.ts';
import { groupRef } from '../groups/views.ts';
import { signedIn, type ApiRouter } from '../http/api.ts';
import { Person, type PersonDoc } from '../people/person.model.ts';
import {
  tableSchemas,
  type ActionItemInfo,
  type AgendaItemInfo,
  type MinutesInfo,
  type TableDetail,
} from '../protocol/partnership.ts';
import { systemClock, type Clock } from '../reminders/runner.ts';
import './handover.ts';
import './personalData.ts';
import {
  addAgendaItem,
  raiseActionItem,
  removeAgendaItem,
  saveMinutes,
  updateActionItem,
} from './records.ts';
import { changeTableMembers, createTable } from './tables.ts';
import { toDetail, toSummaries } from './views.ts';

/** A table the actor may do this to; any other group, or someone else's table, is "not found". */
async function tableFor(
  id: string | undefined,
  actor: Actor,
  action: Extract<Action, 'table.read' | 'table.write' | 'table.manage'>,
): Promise<GroupDoc> {
  const group = await findGroup(id);
  if (group.kind !== 'partnership' || !may(actor, action, await groupRef(group, actor)))
    throw notFound();
  return group;
}

async function nameOf(personId: string) {
  const [person] = await findByIds<PersonDoc>(Person, [personId], { displayName: 1 });
  return { id: personId, displayName: person?.displayName ?? '' };
}

export function tableRoutes(api: ApiRouter, clock: Clock = systemClock): void {
  api.get('/tables', { action: 'table.list' }, async ({ actor }) => {
    const me = signedIn(actor);
    let tables: GroupDoc[];
    if (me.roles.includes('coordinator')) {
      const ids = (await idsIn('partnership-tables', ALL)).slice(-200).reverse();
      tables = (await findByIds<GroupDoc>(Group, ids)).filter((g) => g.status !== 'ended');
    } else {
      // A partner: the tables they sit at, from their own list of groups.
      const { confirmed } = await linkedGroupIds(me.personId);
      tables = (await findByIds<GroupDoc>(Group, confirmed))
        .filter((g) => g.kind === 'partnership' && g.status !== 'ended')
        .sort((a, b) => String(b._id).localeCompare(String(a._id)));
    }
    return toSummaries(tables, actor, clock.now());
  });

  api.post(
    '/tables',
    { action: 'table.create', body: tableSchemas.tableInput, status: 201 },
    async ({ actor, body, t }): Promise<TableDetail> => {
      const table = await createTable(body, signedIn(actor), t, clock.now());
      return toDetail(table, actor, clock.now());
    },
  );

  api.get(
    '/tables/:id',
    { action: 'table.read', query: tableSchemas.detailQuery },
    async ({ actor, params, query }) =>
      toDetail(await tableFor(params.id, actor, 'table.read'), actor, clock.now(), query.sessionId),
  );

  api.put(
    '/tables/:id/members',
    { action: 'table.manage', body: tableSchemas.tableMembers },
    async ({ actor, params, body, t }) => {
      const table = await tableFor(params.id, actor, 'table.manage');
      await changeTableMembers(table, body.memberIds, signedIn(actor), t, clock.now());
      return toDetail(await findGroup(String(table._id)), actor, clock.now());
    },
  );

  api.post(
    '/tables/:id/agenda',
    { action: 'table.write', body: tableSchemas.agendaInput, status: 201 },
    async ({ actor, params, body }): Promise<AgendaItemInfo> => {
      const table = await tableFor(params.id, actor, 'table.write');
      const me = signedIn(actor).personId;
      const item = await addAgendaItem(table, body.sessionId, me, body.text, clock.now());
      return {
        id: String(item._id),
        sessionId: body.sessionId,
        text: item.text,
        author: await nameOf(me),
        createdAt: item.createdAt.toISOString(),
      };
    },
  );

  api.delete('/tables/:id/agenda/:itemId', { action: 'table.write' }, async ({ actor, params }) => {
    const table = await tableFor(params.id, actor, 'table.write');
    const me = signedIn(actor);
    const by = { personId: me.personId, coordinator: me.roles.includes('coordinator') };
    await removeAgendaItem(table, params.itemId, by, clock.now());
  });

  api.put(
    '/tables/:id/minutes',
    { action: 'table.write', body: tableSchemas.minutesInput },
    async ({ actor, params, body }): Promise<MinutesInfo> => {
      const table = await tableFor(params.id, actor, 'table.write');
      const me = signedIn(actor).personId;
      const saved = await saveMinutes(table, body, me, clock.now());
      return {
        sessionId: body.sessionId,
        text: saved.text ?? '',
        version: saved.version,
        updatedBy: await nameOf(me),
        updatedAt: saved.updatedAt.toISOString(),
      };
    },
  );

  api.post(
    '/tables/:id/actions',
    { action: 'table.write', body: tableSchemas.actionInput, status: 201 },
    async ({ actor, params, body, t }): Promise<ActionItemInfo> => {
      const table = await tableFor(params.id, actor, 'table.write');
      const item = await raiseActionItem(table, body, signedIn(actor).personId, t);
      return actionInfo(item);
    },
  );

  api.put(
    '/tables/:id/actions/:actionId',
    { action: 'table.write', body: tableSchemas.actionUpdate },
    async ({ actor, params, body, t }): Promise<ActionItemInfo> => {
      const table = await tableFor(params.id, actor, 'table.write');
      return actionInfo(await updateActionItem(table, params.actionId, body, t, clock.now()));
    },
  );
}

async function actionInfo(item: {
  _id: unknown;
  text: string;
  ownerId: unknown;
  dueDate: string;
  status: string;
  sessionId: unknown;
  raisedOn: string;
  handedOverFrom?: unknown;
  doneAt?: Date | null;
}): Promise<ActionItemInfo> {
  return {
    id: String(item._id),
    text: item.text,
    owner: await nameOf(String(item.ownerId)),
    dueDate: item.dueDate,
    status: item.status as ActionItemInfo['status'],
    sessionId: String(item.sessionId),
    raisedOn: item.raisedOn,
    handedOverFrom: item.handedOverFrom
      ? (await nameOf(String(item.handedOverFrom))).displayName
      : null,
    doneAt: item.doneAt ? item.doneAt.toISOString() : null,
  };
}
