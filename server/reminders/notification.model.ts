// In-app notifications (the bell): reminders and notices, one per job at most.
import mongoose, { type InferSchemaType } from 'mongoose';
import { addId, idsIn } from '../db/idLists.ts';
import { isDuplicateKey } from '../db/claims.ts';

const notificationSchema = new mongoose.Schema(
  {
    /** The job's id: a job that runs twice (after a crash) still makes one notification. */
    _id: String,
    personId: { type: mongoose.Schema.Types.ObjectId, ref: 'Person', required: true, index: true },
    kind: { type: String, required: true },
    /** Null for notices not about a group (training, certification). */
    groupId: { type: mongoose.Schema.Types.ObjectId, ref: 'Group', default: null },
    sessionId: { type: mongoose.Schema.Types.ObjectId, ref: 'GroupSession', default: null },
    /** Rendered when shown, in the reader's current language. */
    params: { type: mongoose.Schema.Types.Mixed, default: {} },
    readAt: { type: Date, default: null },
  },
  { timestamps: true, versionKey: false },
);

export type NotificationDoc = InferSchemaType<typeof notificationSchema> & {
  _id: string;
  createdAt: Date;
};
export const Notification = mongoose.model('Notification', notificationSchema, 'notifications');

/** The newest notifications kept in a person's inbox list: the bell shows these. */
export const INBOX_SIZE = 50;

export interface NewNotification {
  personId: unknown;
  kind: string;
  groupId?: unknown;
  sessionId?: unknown;
  params?: Record<string, unknown>;
}

/**
 * Makes a notification once per `_id` (a job or event that runs twice makes one) and lists it in
 * the person's inbox (db/idLists.ts): the bell, asked on every page change, reads that list and
 * its notifications by key instead of searching every notification ever made.
 */
export async function notify(_id: string, notification: NewNotification): Promise<void> {
  const { personId, kind, groupId = null, sessionId = null, params = {} } = notification;
  await Notification.updateOne(
    { _id },
    { $setOnInsert: { personId, kind, groupId, sessionId, params, readAt: null } },
    { upsert: true },
  ).catch((error: unknown) => {
    // Made at the same moment by another process (FerretDB's upsert is not atomic): it is there.
    if (!isDuplicateKey(error)) throw error;
  });
  await addId('inbox', personId, _id, INBOX_SIZE);
}

/** A person's newest notifications, newest first, read by key. */
export async function inboxOf(personId: string): Promise<NotificationDoc[]> {
  const ids = (await idsIn('inbox', personId)).reverse();
  const found = await Promise.all(ids.map((_id) => Notification.findById(_id).lean()));
  return (found.filter(Boolean) as NotificationDoc[]).filter(
    (n) => String(n.personId) === personId,
  );
}
