// Ids kept under one key and read by primary key: the app's own secondary index for a search
// FerretDB would answer by reading a whole growing collection (it uses no index but `_id`). A
// list is kept by the write that changes what it lists, newest last, and may keep only the
// newest `keep`. The key is an HMAC (privacy/opaqueId.ts): no key names anyone.
import mongoose from 'mongoose';
import { opaqueId } from '../privacy/opaqueId.ts';
import { replaceById, rewrite } from './rewrite.ts';

const listSchema = new mongoose.Schema({ _id: String, ids: [String] }, { versionKey: false });
export const IdList = mongoose.model('IdList', listSchema, 'id_lists');

interface ListDoc {
  _id: string;
  ids: string[];
}

/** What is listed by what: the group's reports, a trainer's open alerts… */
export type ListKind =
  | 'group-reports'
  | 'session-report'
  | 'trainer-alerts'
  | 'open-alerts'
  /** A trainer's supervisees (people ids; erasure takes a person out, supervision/supervisees.ts). */
  | 'supervisees'
  /** Facilitators by the Helsinki week of their last contact, and those weeks (contactOrder.ts). */
  | 'contact-week'
  | 'contact-weeks'
  /** Every family group, oldest first: the coordinator's overview (groups/routes.ts). */
  | 'family-groups'
  /** A person's newest notifications (reminders/notification.model.ts). */
  | 'inbox'
  /** A person's certifications (training/certification.model.ts). */
  | 'certifications'
  /** Every partnership table, oldest first: the coordinator's list (partnership/tables.ts). */
  | 'partnership-tables'
  /** The referrals a family came through (referrals/followThrough.ts). */
  | 'family-referrals'
  /** Every walk-alongside request, oldest first: the coordinator's list (alongside/requests.ts). */
  | 'alongside-requests'
  /** A person's walk-alongside requests and pairings, as family or volunteer (alongside/). */
  | 'alongside-of'
  /** Every pairing, oldest first: the quiet-pairing sweep and the report (alongside/). */
  | 'alongside-pairings'
  /** A pairing's logged contacts (alongside/contacts.ts). */
  | 'pairing-contacts'
  /** A family's own appointments (alongside/appointments.ts). */
  | 'appointments-of'
  /**
   * Every appointment still ahead with a reminder to send, under 'all': the reminder sweep reads
   * this list by key instead of scanning every appointment (alongside/appointmentReminders.ts).
   */
  | 'appointments-pending'
  /** A person's direct conversations, as family, facilitator or trainer (chat/conversation.model.ts). */
  | 'conversations-of'
  /** A group's support conversations: its facilitators see each (chat/conversation.model.ts). */
  | 'group-support'
  /** A conversation from before conversations were keyed by their pair, under its pair. */
  | 'conversation-pair'
  /** The audit log's entries by the UTC day they were written, and those days (audit/audit.model.ts). */
  | 'audit-day'
  | 'audit-days'
  /** People by the UTC day they joined, and those days (people/directory.ts). */
  | 'people-day'
  | 'people-days'
  /** The members of a role other than family, by role (people/directory.ts). */
  | 'role-members'
  /** Reflections waiting for a trainer's review, under 'all' (training/progress.ts). */
  | 'reflections-waiting'
  /** An organisation's referrals by day, and those days; a link's token hash → its referral. */
  | 'referrals-day'
  | 'referrals-days'
  | 'referral-token';

export const listKey = (kind: ListKind, key: unknown) => opaqueId(`list-${kind}`, String(key));

export async function idsIn(kind: ListKind, key: unknown): Promise<string[]> {
  const list = (await IdList.findById(listKey(kind, key)).lean()) as ListDoc | null;
  return list?.ids ?? [];
}

export async function addId(
  kind: ListKind,
  key: unknown,
  id: unknown,
  keep = Infinity,
): Promise<void> {
  const _id = listKey(kind, key);
  const value = String(id);
  await rewrite<ListDoc>(
    IdList,
    _id,
    (current) => ({
      _id,
      ids: [...(current?.ids ?? []).filter((x) => x !== value), value].slice(-keep),
    }),
    (doc) => doc.ids.includes(value),
  );
}

/** Adds several ids at once (a migration, a bulk write), each once, newest last. */
export async function addIds(kind: ListKind, key: unknown, ids: readonly unknown[]): Promise<void> {
  const _id = listKey(kind, key);
  const values = ids.map(String);
  await rewrite<ListDoc>(
    IdList,
    _id,
    (current) => ({ _id, ids: [...new Set([...(current?.ids ?? []), ...values])] }),
    (doc) => {
      const listed = new Set(doc.ids);
      return values.every((value) => listed.has(value));
    },
  );
}

/** Sets a whole list (a migration building it from what is stored). */
export async function setIds(kind: ListKind, key: unknown, ids: unknown[]): Promise<void> {
  const _id = listKey(kind, key);
  await replaceById(IdList, _id, { _id, ids: ids.map(String) });
}

export async function removeId(kind: ListKind, key: unknown, id: unknown): Promise<void> {
  const _id = listKey(kind, key);
  const value = String(id);
  await rewrite<ListDoc>(
    IdList,
    _id,
    (current) => ({ _id, ids: (current?.ids ?? []).filter((x) => x !== value) }),
    (doc) => !doc.ids.includes(value),
  );
}

export async function dropList(kind: ListKind, key: unknown): Promise<void> {
  await IdList.deleteOne({ _id: listKey(kind, key) });
}
