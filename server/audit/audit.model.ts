// The audit log of sensitive actions: role changes, exports, erasures, invitations, observers
// joining sessions. Entries hold ids and codes, never personal data, so they can be kept.
import mongoose from 'mongoose';

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

export type AuditAction =
  | 'account.created'
  | 'account.exported'
  | 'account.erased'
  | 'account.locked'
  | 'account.signUpRepeated'
  | 'roles.changed'
  | 'invitation.created'
  | 'invitation.revoked'
  | 'invitation.accepted'
  | 'organisation.created'
  | 'referral.created'
  | 'referral.consent'
  | 'referral.consentWithdrawn'
  | 'training.certified'
  | 'group.created'
  | 'meeting.created'
  | 'meeting.membersChanged'
  | 'table.created'
  | 'table.membersChanged'
  | 'session.observed'
  | 'session.steppedIn'
  | 'session.removed'
  | 'session.ended'
  | 'alert.opened'
  | 'alert.acknowledged'
  | 'access.revoked'
  | 'partner.contactNamed'
  | 'partner.contactLeft'
  | 'directory.entryChanged'
  | 'alongside.asked'
  | 'alongside.paired'
  | 'alongside.ended';

export type AuditDetails = Record<string, string | number | boolean | null | string[]>;

export async function audit(
  action: AuditAction,
  actorId: string | null,
  targetId: string | null,
  details: AuditDetails = {},
): Promise<void> {
  await AuditEntry.create({ at: new Date(), action, actorId, targetId, details });
}
