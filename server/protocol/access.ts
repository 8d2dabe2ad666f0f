// Why a socket lost something it had (a chat, presence, a live session), as the client is told.
export const ACCESS_CHANGE_REASONS = [
  'roles',
  'enrolment',
  'facilitators',
  'trainer',
  'observation',
  'pause',
  'signedOut',
  'expired',
  'erased',
  'reconnected',
] as const;
export type AccessChangeReason = (typeof ACCESS_CHANGE_REASONS)[number];

export interface AccessEvents {
  /** Something this socket could receive or do was taken away; `message` is translated. */
  'access:revoked': (payload: { reason: AccessChangeReason; message: string }) => void;
}
