// Tables as the client sees them: a summary for the list, and one meeting's page — its agenda,
// minutes, the action items raised there and the open ones carried over from earlier meetings.
// Only ids and names of the table's own members: nothing about families is ever read here.
import { findByIds } from '../db/byIds.ts';
import type { Actor } from '../access/actor.ts';
import { may } from '../access/policy.ts';
import { op } from '../db/operators.ts';
import type { GroupDoc } from '../groups/group.model.ts';
import { rosterOf } from '../groups/memberships.ts';
import { comingSessions, groupRef, isStaffOf, upcomingByGroup } from '../groups/views.ts';
import { Organisation, type OrganisationDoc } from '../people/organisation.model.ts';
import { Person, type PersonDoc } from '../people/person.model.ts';
import type {
  ActionItemInfo,
  ActionStatus,
  TableDetail,
  TableMeeting,
  TableSummary,
} from '../protocol/partnership.ts';
import { sessionsOfGroup } from '../sessions/sessionIndex.ts';
import { ActionItem, AgendaItem, type ActionItemDoc } from './models.ts';
import { agendaOpen, currentMinutes } from './records.ts';

const texts = (list: { lang?: string | null; text?: string | null }[]) =>
  list.map((t) => ({ lang: t.lang ?? '', text: t.text ?? '' }));

type Names = Map<string, { displayName: string; organisationId: string | null }>;

async function namesOf(ids: unknown[]): Promise<Names> {
  const people = await findByIds<PersonDoc>(Person, ids, { displayName: 1, organisationId: 1 });
  return new Map(
    people.map((p) => [
      String(p._id),
      {
        displayName: p.displayName,
        organisationId: p.organisationId ? String(p.organisationId) : null,
      },
    ]),
  );
}
const named = (names: Names, id: unknown) => ({
  id: String(id),
  displayName: names.get(String(id))?.displayName ?? '',
});

const confirmedIds = async (table: GroupDoc) =>
  (await rosterOf(table._id)).active
    .filter((e) => e.status === 'confirmed')
    .map((e) => String(e.personId));

export async function toSummaries(
  tables: GroupDoc[],
  actor: Actor,
  now: Date,
): Promise<TableSummary[]> {
  const names = await namesOf(tables.map((g) => g.leadFacilitatorId));
  const upcoming = upcomingByGroup(tables, now, 3, (g) => isStaffOf(g, actor));
  const open = tables.length
    ? await ActionItem.find(
        { tableId: op({ $in: tables.map((g) => g._id) }), status: 'open' },
        { tableId: 1 },
      ).lean()
    : [];
  return Promise.all(
    tables.map(async (g) => ({
      id: String(g._id),
      title: texts(g.title),
      host: named(names, g.leadFacilitatorId),
      memberCount: (await confirmedIds(g)).length,
      nextSessions: upcoming.get(String(g._id)) ?? [],
      openActionItems: open.filter((a) => String(a.tableId) === String(g._id)).length,
    })),
  );
}

function toAction(item: ActionItemDoc, names: Names): ActionItemInfo {
  return {
    id: String(item._id),
    text: item.text,
    owner: named(names, item.ownerId),
    dueDate: item.dueDate,
    status: item.status as ActionStatus,
    sessionId: String(item.sessionId),
    raisedOn: item.raisedOn,
    handedOverFrom: item.handedOverFrom
      ? (names.get(String(item.handedOverFrom))?.displayName ?? '')
      : null,
    doneAt: item.doneAt ? item.doneAt.toISOString() : null,
  };
}

/** The meeting a page is about: the one asked for, else the next (or live) one, else the last. */
function chooseMeeting(meetings: TableMeeting[], comingIds: string[], wanted?: string) {
  return (
    meetings.find((m) => m.id === wanted) ??
    meetings.find((m) => m.id === comingIds[0]) ??
    meetings.at(-1) ??
    null
  );
}

export async function toDetail(
  table: GroupDoc,
  actor: Actor,
  now: Date,
  wantedSessionId?: string,
): Promise<TableDetail> {
  // By the group's index of sessions: read by key, no scan of every group's sessions.
  const sessions = await sessionsOfGroup(table._id);
  const meetings: TableMeeting[] = sessions.map((s) => ({
    id: String(s._id),
    date: s.key,
    startsAt: s.startsAt.toISOString(),
    endsAt: s.endsAt.toISOString(),
    status: s.endedAt ? 'ended' : s.status,
  }));
  const coming = comingSessions(table, now, isStaffOf(table, actor));
  const meeting = chooseMeeting(
    meetings,
    coming.map((s) => s.id),
    wantedSessionId,
  );
  const session = sessions.find((s) => String(s._id) === meeting?.id);
  const memberIds = await confirmedIds(table);
  const agenda = session
    ? await AgendaItem.find({ tableId: table._id, sessionId: session._id })
        .sort({ createdAt: 1 })
        .lean()
    : [];
  const actions = (await ActionItem.find({ tableId: table._id })
    .sort({ createdAt: 1 })
    .lean()) as ActionItemDoc[];
  const minutes = session ? await currentMinutes(String(session._id)) : null;
  const names = await namesOf([
    table.leadFacilitatorId,
    ...memberIds,
    ...agenda.map((a) => a.authorId),
    ...actions.flatMap((a) => [a.ownerId, a.handedOverFrom]),
    minutes?.updatedBy,
  ]);
  const orgIds = memberIds.map((id) => names.get(id)?.organisationId).filter(Boolean);
  const orgs = new Map(
    (await findByIds<OrganisationDoc>(Organisation, orgIds, { name: 1 })).map((o) => [
      String(o._id),
      o.name,
    ]),
  );
  const startOf = new Map(sessions.map((s) => [String(s._id), s.startsAt.getTime()]));
  const begins = session?.startsAt.getTime() ?? Infinity;
  // Earlier meetings' items still open, or closed since this meeting began (so it shows them done).
  const carried = actions.filter((a) => {
    if (!session || String(a.sessionId) === String(session._id)) return false;
    if ((startOf.get(String(a.sessionId)) ?? 0) >= begins) return false;
    return a.status === 'open' || (!!a.doneAt && a.doneAt.getTime() >= begins);
  });
  const ref = await groupRef(table, actor);
  return {
    id: String(table._id),
    title: texts(table.title),
    description: texts(table.description),
    sessionLanguages: table.sessionLanguages,
    host: named(names, table.leadFacilitatorId),
    members: memberIds
      .map((id) => {
        const org = names.get(id)?.organisationId;
        return { ...named(names, id), organisation: org ? (orgs.get(org) ?? null) : null };
      })
      .sort((a, b) => a.displayName.localeCompare(b.displayName)),
    nextSessions: coming.slice(0, 3),
    meetings,
    meeting,
    agendaOpen: session ? agendaOpen(session, now) : false,
    agenda: agenda.map((a) => ({
      id: String(a._id),
      sessionId: String(a.sessionId),
      text: a.text,
      author: named(names, a.authorId),
      createdAt: a.createdAt.toISOString(),
    })),
    minutes: minutes && {
      sessionId: meeting?.id ?? '',
      text: minutes.text ?? '',
      version: minutes.version,
      updatedBy: named(names, minutes.updatedBy),
      updatedAt: minutes.updatedAt.toISOString(),
    },
    actionItems: session
      ? actions
          .filter((a) => String(a.sessionId) === String(session._id))
          .map((a) => toAction(a, names))
      : [],
    carriedOver: carried.map((a) => toAction(a, names)),
    channelId: `group:${String(table._id)}`,
    canManage: may(actor, 'table.manage', ref),
  };
}
