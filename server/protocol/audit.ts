// What the audit log can record, shared with the page that shows it: every action has a label
// and every detail field a name in each language (audit labels test, [reach-fix]).
export const AUDIT_ACTIONS = [
  'account.created',
  'account.exported',
  'account.erased',
  'account.locked',
  'account.signUpRepeated',
  'roles.changed',
  'invitation.created',
  'invitation.revoked',
  'invitation.accepted',
  'organisation.created',
  'referral.created',
  'referral.consent',
  'referral.consentWithdrawn',
  'training.certified',
  'group.created',
  'meeting.created',
  'meeting.membersChanged',
  'table.created',
  'table.membersChanged',
  'session.observed',
  'session.steppedIn',
  'session.removed',
  'session.ended',
  'session.interpreterInvited',
  'session.interpreterUninvited',
  'alert.opened',
  'alert.acknowledged',
  'access.revoked',
  'partner.contactNamed',
  'partner.contactLeft',
  'directory.entryChanged',
  'alongside.asked',
  'alongside.paired',
  'alongside.ended',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Detail fields whose value names roles (shown by the roles' translated names). */
export const AUDIT_ROLE_FIELDS: readonly string[] = ['roles', 'from', 'to'];
