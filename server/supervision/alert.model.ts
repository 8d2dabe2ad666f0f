// A safeguarding alert: opened when a report flags a child's or family's safety, for the group's
// trainer only, and open until that trainer acknowledges it. One per report (unique reportId).
import mongoose, { type InferSchemaType, type Types } from 'mongoose';
import { findByIds } from '../db/byIds.ts';
import { addId, idsIn } from '../db/idLists.ts';
import { registerPersonalData } from '../privacy/personalData.ts';

const alertSchema = new mongoose.Schema(
  {
    kind: { type: String, enum: ['safeguarding'], default: 'safeguarding' },
    reportId: { type: mongoose.Schema.Types.ObjectId, ref: 'SessionReport', required: true },
    /** The trainer it was sent to: the only one who sees and acknowledges it. */
    trainerId: { type: mongoose.Schema.Types.ObjectId, ref: 'Person', required: true },
    /** Who filed the report (for the trainer's list and the volunteers' contact view). */
    facilitatorId: { type: mongoose.Schema.Types.ObjectId, ref: 'Person', default: null },
    groupId: { type: mongoose.Schema.Types.ObjectId, ref: 'Group', required: true },
    sessionId: { type: mongoose.Schema.Types.ObjectId, ref: 'GroupSession', required: true },
    openedAt: { type: Date, required: true },
    acknowledgedAt: { type: Date, default: null },
    acknowledgedById: { type: mongoose.Schema.Types.ObjectId, ref: 'Person', default: null },
    /** The trainer's note when acknowledging (what they did about it). */
    note: { type: String, default: '' },
  },
  { versionKey: false },
);
alertSchema.index({ reportId: 1 }, { unique: true });
alertSchema.index({ trainerId: 1, acknowledgedAt: 1 });
alertSchema.index({ facilitatorId: 1 });

export type AlertDoc = InferSchemaType<typeof alertSchema> & { _id: Types.ObjectId };
export const Alert = mongoose.model('SafeguardingAlert', alertSchema, 'safeguarding_alerts');

/** Alerts a trainer keeps listed (their newest), read by key (db/idLists.ts). */
const LISTED_PER_TRAINER = 200;

export async function listAlert(trainerId: string, alertId: string): Promise<void> {
  await addId('trainer-alerts', trainerId, alertId, LISTED_PER_TRAINER);
  await addId('open-alerts', trainerId, alertId);
}

/** A trainer's alerts, newest first: the open ones, or all they keep listed. */
export async function alertsListed(trainerId: string, state: 'open' | 'all'): Promise<AlertDoc[]> {
  const ids = await idsIn(state === 'open' ? 'open-alerts' : 'trainer-alerts', trainerId);
  const alerts = await findByIds<AlertDoc>(Alert, ids);
  return alerts
    .filter((a) => state === 'all' || !a.acknowledgedAt)
    .sort((a, b) => b.openedAt.getTime() - a.openedAt.getTime());
}

registerPersonalData({
  name: 'safeguardingAlerts',
  // Alerts hold ids only, besides the trainer's own note.
  export: (person) =>
    Alert.find(
      { trainerId: person._id },
      { trainerId: 0, facilitatorId: 0, acknowledgedById: 0 },
    ).lean(),
  erase: async (person) => {
    await Alert.updateMany({ facilitatorId: person._id }, { facilitatorId: null });
    await Alert.updateMany({ acknowledgedById: person._id }, { acknowledgedById: null });
  },
});
