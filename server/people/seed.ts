// Demo organisations and one account per role, so `npm start` can be tried at once.
import { Certification } from '../training/certification.model.ts';
import { CERTIFICATION_MONTHS } from '../protocol/training.ts';
import { hashPassword } from '../auth/passwords.ts';
import { registerSeeder } from '../seed/index.ts';
import { Contact } from '../partners/contact.model.ts';
import { Organisation } from './organisation.model.ts';
import { Person } from './person.model.ts';

export const DEMO_PASSWORD = 'demo-password-2026';

registerSeeder('demo people', async () => {
  const central = await Organisation.create({
    name: 'Kahden kulttuurin perheet ry',
    kind: 'central',
  });
  await Organisation.create({
    name: 'Kahden kulttuurin perheet ry, Pirkanmaa',
    kind: 'branch',
    parentId: central._id,
    municipality: 'Tampere',
  });
  await Organisation.create({
    name: 'Kahden kulttuurin perheet ry, Pohjois-Pohjanmaa',
    kind: 'branch',
    parentId: central._id,
    municipality: 'Oulu',
  });
  const partner = await Organisation.create({
    name: 'Vantaan perhekeskus',
    kind: 'partner',
    municipality: 'Vantaa',
    partnerKind: 'wellbeing-county',
    region: 'vantaa-kerava',
    languagesServed: ['fi', 'sv', 'ar', 'so'],
  });

  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const verified = { passwordHash, emailVerifiedAt: new Date() };
  const demo = (role: string) => `${role}@demo.rinnalla.fi`;
  await Person.create({
    ...verified,
    email: demo('coordinator'),
    displayName: 'Kaisa (koordinaattori)',
    roles: ['coordinator'],
    organisationId: central._id,
  });
  const trainer = await Person.create({
    ...verified,
    email: demo('trainer'),
    displayName: 'Tuomas (kouluttaja)',
    roles: ['trainer'],
    organisationId: central._id,
  });
  const facilitator = await Person.create({
    ...verified,
    email: demo('facilitator'),
    displayName: 'Fatima (vertaisohjaaja)',
    roles: ['facilitator'],
    organisationId: central._id,
    supervisorId: trainer._id,
    languagesSpoken: ['fi', 'ar'],
  });
  // The demo facilitator leads the demo groups, so they have been through training.
  const now = new Date();
  await Certification.create({
    personId: facilitator._id,
    signedOffById: trainer._id,
    certifiedAt: now,
    validUntil: new Date(now.getTime() + CERTIFICATION_MONTHS * 30 * 86_400_000),
    note: 'demo',
  });
  await Person.create({
    ...verified,
    email: demo('family'),
    displayName: 'Leila',
    roles: ['family'],
    language: 'fi',
    languagesSpoken: ['fi', 'ar'],
    childrenAgeRanges: ['0-2', '3-6'],
  });
  const partnerWorker = await Person.create({
    ...verified,
    email: demo('partner'),
    displayName: 'Pia (perhekeskus)',
    roles: ['partner'],
    organisationId: partner._id,
  });
  await Contact.create({ organisationId: partner._id, personId: partnerWorker._id, since: now });

  return [
    `Demo sign-ins (password ${DEMO_PASSWORD}):`,
    ...['coordinator', 'trainer', 'facilitator', 'family', 'partner'].map(
      (role) => `  ${role.padEnd(12)} ${demo(role)}`,
    ),
  ];
});
