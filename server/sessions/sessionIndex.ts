// A group's sessions by the occurrence they stand for (the schedule's local date), kept in one
// document per group: keeping sessions in step with the schedule reads that document and its own
// sessions by key, never searching all sessions (FerretDB would read every one of them).
import mongoose from 'mongoose';
import { rewrite } from '../db/rewrite.ts';
import { GroupSession, type GroupSessionDoc } from './groupSession.model.ts';

const indexSchema = new mongoose.Schema(
  {
    _id: mongoose.Schema.Types.ObjectId,
    sessions: [{ _id: false, key: String, id: mongoose.Schema.Types.ObjectId }],
  },
  { versionKey: false },
);
export const SessionIndex = mongoose.model(
  'GroupSessionIndex',
  indexSchema,
  'group_session_indexes',
);

interface IndexDoc {
  _id: unknown;
  sessions: { key: string; id: unknown }[];
}

/** Occurrence key → session id, for one group. */
export async function sessionIdsOf(groupId: unknown): Promise<Map<string, string>> {
  const index = (await SessionIndex.findById(groupId).lean()) as IndexDoc | null;
  return new Map((index?.sessions ?? []).map((s) => [s.key, String(s.id)]));
}

export async function recordSessionIds(groupId: unknown, ids: Map<string, string>): Promise<void> {
  const sessions = [...ids].map(([key, id]) => ({ key, id: new mongoose.Types.ObjectId(id) }));
  await rewrite<IndexDoc>(
    SessionIndex,
    groupId,
    () => ({ _id: groupId, sessions }),
    (doc) => doc.sessions.length === sessions.length,
  );
}

/** Every session of a group, in order of start, read by key from its index. */
export async function sessionsOfGroup(groupId: unknown): Promise<GroupSessionDoc[]> {
  const ids = [...(await sessionIdsOf(groupId)).values()];
  const found = await Promise.all(ids.map((id) => GroupSession.findById(id).lean()));
  return (found.filter(Boolean) as GroupSessionDoc[]).sort(
    (a, b) => a.startsAt.getTime() - b.startsAt.getTime(),
  );
}
