// The personal data of accounts, sign-in and email, registered for export and erasure. What each
// field is (personal, secret…) is in fields.ts; fields.test.ts checks the export against it.
import { AuditEntry } from '../audit/audit.model.ts';
import { EmailToken } from '../auth/emailToken.model.ts';
import { LoginSession } from '../auth/loginSession.model.ts';
import { clearFailures } from '../auth/throttle.ts';
import { Invitation } from '../invitations/invitation.model.ts';
import { OutboxMessage } from '../mail/outbox.model.ts';
import { dropEmailKey } from '../people/emailKey.model.ts';
import { personLeft } from '../people/directory.ts';
import { Person, toMe, type PersonDoc } from '../people/person.model.ts';
import { DEFAULT_REMINDER_OFFSETS } from '../reminders/planning.ts';
import { dropList } from '../db/idLists.ts';
import { Referral } from '../referrals/referral.model.ts';
import { Consent } from './consent.model.ts';
import { registerPersonalData } from './personalData.ts';

const hidden = { _id: 0, personId: 0 };

/** Everything the account holds but its credentials (password hash, calendar token). */
async function profile(person: PersonDoc) {
  const supervisor = person.supervisorId
    ? await Person.findById(person.supervisorId, { displayName: 1 }).lean()
    : null;
  return {
    ...toMe(person),
    emailVerifiedAt: person.emailVerifiedAt ?? null,
    passwordChangedAt: person.passwordChangedAt ?? null,
    updatedAt: person.updatedAt,
    supervisor: person.supervisorId
      ? { id: String(person.supervisorId), displayName: supervisor?.displayName ?? null }
      : null,
    pause: {
      since: person.pause?.since ?? null,
      until: person.pause?.until ?? null,
      note: person.pause?.note ?? '',
    },
    reminders: {
      offsetsMinutes: person.reminders?.offsetsMinutes ?? DEFAULT_REMINDER_OFFSETS,
      email: person.reminders?.email ?? true,
    },
  };
}

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
  name: 'emailLinks',
  // Which one-time links are out (the token itself is a secret: only its hash is stored).
  export: (person) => EmailToken.find({ personId: person._id }, { _id: 0, personId: 0 }).lean(),
  erase: async (person) => void (await EmailToken.deleteMany({ personId: person._id })),
});

registerPersonalData({
  name: 'invitations',
  export: (person) =>
    Invitation.find({ email: person.email }, { _id: 0, tokenHash: 0, invitedBy: 0 }).lean(),
  erase: async (person) => {
    await Invitation.deleteMany({ email: person.email });
    await Invitation.updateMany({ invitedBy: person._id }, { invitedBy: null });
  },
});

registerPersonalData({
  name: 'referral',
  // That the family came through a referral (the partner's case number is the partner's data).
  export: (person) =>
    Referral.find(
      { familyId: person._id },
      { _id: 0, tokenHash: 0, familyId: 0, createdBy: 0, reference: 0 },
    ).lean(),
  erase: async (person) => {
    // The partner may still see "no longer taking part", if the family allowed that stage.
    await Referral.updateMany(
      { familyId: person._id },
      { familyId: null, familyGoneAt: new Date() },
    );
    await dropList('family-referrals', person._id);
    await Referral.updateMany({ createdBy: person._id }, { createdBy: null });
    await Referral.updateMany(
      { previousHolders: person._id },
      { $pull: { previousHolders: person._id } },
    );
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
    // The one detail that names a person (alert.opened: to which trainer).
    await AuditEntry.updateMany(
      { 'details.trainerId': String(person._id) },
      { $set: { 'details.trainerId': null } },
    );
  },
});

// Registered last: the account itself goes after everything that refers to it.
registerPersonalData({
  name: 'profile',
  export: (person) => profile(person),
  erase: async (person) => {
    await dropEmailKey(person.email);
    await personLeft(person._id, person.roles);
    await Person.deleteOne({ _id: person._id });
  },
});
