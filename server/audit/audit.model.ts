// The audit log of sensitive actions: role changes, exports, erasures, invitations, observers
// joining sessions. Entries hold ids and codes, never personal data, so they can be kept.
import mongoose from 'mongoose';
import type { AuditAction } from '../protocol/audit.ts';
import { listByDay, type DayLists } from '../db/dayLists.ts';

const auditSchema = new mongoose.Schema(
  {
    at: { type: Date, required: true },
    action: { type: String, required: true },
    actorId: { type: mongoose.Schema.Types.ObjectId, ref: 'Person', default: null, index: true },
    targetId: { type: mongoose.Schema.Types.ObjectId, default: null, index: true },
    details: { type: mongoose.Schema.Types.Mixed, default: {} },
  },
  { versionKey: false },
);
auditSchema.index({ at: -1 });

export const AuditEntry = mongoose.model('AuditEntry', auditSchema, 'audit_entries');

/** The log only grows: its pages, newest first, are read from day lists kept as it is written. */
export const AUDIT_DAYS: DayLists = { day: 'audit-day', days: 'audit-days' };

export type { AuditAction };

export type AuditDetails = Record<string, string | number | boolean | null | string[]>;

export async function audit(
  action: AuditAction,
  actorId: string | null,
  targetId: string | null,
  details: AuditDetails = {},
): Promise<void> {
  const entry = await AuditEntry.create({ at: new Date(), action, actorId, targetId, details });
  await listByDay(AUDIT_DAYS, entry._id);
}
