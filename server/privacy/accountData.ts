// The personal data of accounts, sign-in and email, registered for export and erasure.
import { AuditEntry } from '../audit/audit.model.ts';
import { EmailToken } from '../auth/emailToken.model.ts';
import { LoginSession } from '../auth/loginSession.model.ts';
import { clearFailures } from '../auth/throttle.ts';
import { Invitation } from '../invitations/invitation.model.ts';
import { OutboxMessage } from '../mail/outbox.model.ts';
import { Person, toMe } from '../people/person.model.ts';
import { Referral } from '../referrals/referral.model.ts';
import { Consent } from './consent.model.ts';
import { registerPersonalData } from './personalData.ts';

const hidden = { _id: 0, personId: 0 };

registerPersonalData({
  name: 'consents',
  export: (person) => Consent.find({ personId: person._id }, hidden).lean(),
  erase: async (person) => void (await Consent.deleteMany({ personId: person._id })),
});

registerPersonalData({
  name: 'sessions',
  export: (person) =>
    LoginSession.find(
      { personId: person._id },
      { createdAt: 1, lastSeenAt: 1, expiresAt: 1, _id: 0 },
    ).lean(),
  erase: async (person) => {
    await LoginSession.deleteMany({ personId: person._id });
    await EmailToken.deleteMany({ personId: person._id });
    await clearFailures(person.email);
  },
});

registerPersonalData({
  name: 'invitations',
  export: (person) =>
    Invitation.find(
      { email: person.email },
      { roles: 1, createdAt: 1, acceptedAt: 1, _id: 0 },
    ).lean(),
  erase: async (person) => {
    await Invitation.deleteMany({ email: person.email });
    await Invitation.updateMany({ invitedBy: person._id }, { invitedBy: null });
  },
});

registerPersonalData({
  name: 'referral',
  // Whether the family came through a referral (the partner's reference is the partner's data).
  export: async (person) => (await Referral.exists({ familyId: person._id })) !== null,
  erase: async (person) => {
    await Referral.updateMany({ familyId: person._id }, { familyId: null });
    await Referral.updateMany({ createdBy: person._id }, { createdBy: null });
  },
});

registerPersonalData({
  name: 'emails',
  export: (person) => OutboxMessage.find({ to: person.email }, { _id: 0, to: 0 }).lean(),
  erase: async (person) => void (await OutboxMessage.deleteMany({ to: person.email })),
});

registerPersonalData({
  name: 'auditLog',
  export: (person) => AuditEntry.find({ actorId: person._id }, { _id: 0, actorId: 0 }).lean(),
  // Entries stay (they record what happened) but no longer point at the person.
  erase: async (person) => {
    await AuditEntry.updateMany({ actorId: person._id }, { actorId: null });
    await AuditEntry.updateMany({ targetId: person._id }, { targetId: null });
  },
});

// Registered last: the account itself goes after everything that refers to it.
registerPersonalData({
  name: 'profile',
  export: async (person) => toMe(person),
  erase: async (person) => void (await Person.deleteOne({ _id: person._id })),
});
