// In-app notifications (the bell): reminders and notices, one per job at most.
import mongoose, { type InferSchemaType } from 'mongoose';

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
