// Agenda items, minutes and action items of a table's meetings. Each write touches one document
// (FerretDB updates are not atomic): an agenda item is its author's own document; minutes are
// saved as numbered revisions whose insert is the claim, so a save based on an older version is
// refused (409) instead of silently overwriting someone else's words.
import { Types } from 'mongoose';
import { isDuplicateKey } from '../db/claims.ts';
import { notFound, RequestError } from '../errors.ts';
import type { GroupDoc } from '../groups/group.model.ts';
import { rosterOf } from '../groups/memberships.ts';
import { GroupSession, type GroupSessionDoc } from '../sessions/groupSession.model.ts';
import { ActionItem, AgendaItem, Minutes, MinutesRevision, type MinutesDoc } from './models.ts';

type Translate = (key: string) => string;

/** A session of this table (anything else: not found). */
export async function sessionOf(table: GroupDoc, sessionId: string): Promise<GroupSessionDoc> {
  const session = Types.ObjectId.isValid(sessionId)
    ? await GroupSession.findById(sessionId).lean()
    : null;
  if (!session || String(session.groupId) !== String(table._id)) throw notFound();
  return session;
}

/** The host and confirmed members: who may own an action item. */
export async function memberIdsOf(table: GroupDoc): Promise<string[]> {
  const roster = await rosterOf(table._id);
  const members = roster.active
    .filter((e) => e.status === 'confirmed')
    .map((e) => String(e.personId));
  return [String(table.leadFacilitatorId), ...members];
}

/** Agenda items are gathered until the meeting ends (not for a cancelled one). */
export function agendaOpen(session: GroupSessionDoc, now: Date): boolean {
  return session.status !== 'cancelled' && !session.endedAt && now < session.endsAt;
}

/** Minutes are written from when joining opens, and may be corrected afterwards. */
export function minutesOpen(table: GroupDoc, session: GroupSessionDoc, now: Date): boolean {
  const opens = session.startsAt.getTime() - table.joinWindowMinutes * 60_000;
  return session.status !== 'cancelled' && now.getTime() >= opens;
}

export async function addAgendaItem(
  table: GroupDoc,
  sessionId: string,
  authorId: string,
  text: string,
  now: Date,
) {
  const session = await sessionOf(table, sessionId);
  if (!agendaOpen(session, now)) throw new RequestError('table.agendaClosed', 409);
  return AgendaItem.create({ tableId: table._id, sessionId: session._id, authorId, text });
}

/** An agenda item taken back before the meeting is over: by its author, or a coordinator. */
export async function removeAgendaItem(
  table: GroupDoc,
  itemId: string | undefined,
  by: { personId: string; coordinator: boolean },
  now: Date,
): Promise<void> {
  const item =
    itemId && Types.ObjectId.isValid(itemId) ? await AgendaItem.findById(itemId).lean() : null;
  if (!item || String(item.tableId) !== String(table._id)) throw notFound();
  if (String(item.authorId) !== by.personId && !by.coordinator)
    throw new RequestError('forbidden', 403);
  if (!agendaOpen(await sessionOf(table, String(item.sessionId)), now))
    throw new RequestError('table.agendaClosed', 409);
  await AgendaItem.deleteOne({ _id: item._id });
}

/**
 * The minutes as last saved. A writer that claimed a revision but stopped before updating the
 * head leaves the revision ahead of it: the head is rolled forward to it here.
 */
export async function currentMinutes(sessionId: string): Promise<MinutesDoc | null> {
  let head = (await Minutes.findById(sessionId).lean()) as MinutesDoc | null;
  for (;;) {
    const next = (head?.version ?? 0) + 1;
    const revision = await MinutesRevision.findById(`${sessionId}:${next}`).lean();
    if (!revision) return head;
    head = {
      _id: sessionId,
      tableId: revision.tableId,
      text: revision.text ?? '',
      version: next,
      updatedBy: revision.authorId,
      updatedAt: revision.at,
    };
    await Minutes.replaceOne({ _id: sessionId }, head, { upsert: true });
  }
}

export async function saveMinutes(
  table: GroupDoc,
  input: { sessionId: string; text: string; baseVersion: number },
  authorId: string,
  now: Date,
): Promise<MinutesDoc> {
  const session = await sessionOf(table, input.sessionId);
  if (!minutesOpen(table, session, now)) throw new RequestError('table.minutesNotYet', 409);
  const sessionId = String(session._id);
  const current = await currentMinutes(sessionId);
  const changed = () => new RequestError('table.minutesChanged', 409);
  if ((current?.version ?? 0) !== input.baseVersion) throw changed();
  const version = input.baseVersion + 1;
  try {
    await MinutesRevision.create({
      _id: `${sessionId}:${version}`,
      tableId: table._id,
      text: input.text,
      authorId,
      at: now,
    });
  } catch (error) {
    if (isDuplicateKey(error)) throw changed();
    throw error;
  }
  const head = {
    _id: sessionId,
    tableId: table._id,
    text: input.text,
    version,
    updatedBy: new Types.ObjectId(authorId),
    updatedAt: now,
  };
  await Minutes.replaceOne({ _id: sessionId }, head, { upsert: true });
  return head as MinutesDoc;
}

async function checkOwner(table: GroupDoc, ownerId: string, t: Translate) {
  if (!(await memberIdsOf(table)).includes(ownerId))
    throw new RequestError('invalid', 400, { ownerId: t('table.ownerMustBeMember') });
}

export async function raiseActionItem(
  table: GroupDoc,
  input: { sessionId: string; text: string; ownerId: string; dueDate: string },
  createdBy: string,
  t: Translate,
) {
  const session = await sessionOf(table, input.sessionId);
  await checkOwner(table, input.ownerId, t);
  return ActionItem.create({
    tableId: table._id,
    sessionId: session._id,
    raisedOn: session.key,
    text: input.text,
    ownerId: input.ownerId,
    dueDate: input.dueDate,
    createdBy,
  });
}

export async function updateActionItem(
  table: GroupDoc,
  actionId: string | undefined,
  input: {
    status?: 'open' | 'done' | undefined;
    ownerId?: string | undefined;
    dueDate?: string | undefined;
  },
  t: Translate,
  now: Date,
) {
  const item =
    actionId && Types.ObjectId.isValid(actionId)
      ? await ActionItem.findById(actionId).lean()
      : null;
  if (!item || String(item.tableId) !== String(table._id)) throw notFound();
  if (input.ownerId) await checkOwner(table, input.ownerId, t);
  const change: Record<string, unknown> = {};
  if (input.ownerId) change.ownerId = input.ownerId;
  if (input.dueDate) change.dueDate = input.dueDate;
  if (input.status && input.status !== item.status) {
    change.status = input.status;
    change.doneAt = input.status === 'done' ? now : null;
  }
  // Last writer wins per field: two members closing the same item agree anyway.
  if (Object.keys(change).length) await ActionItem.updateOne({ _id: item._id }, change);
  return { ...item, ...change } as typeof item;
}
