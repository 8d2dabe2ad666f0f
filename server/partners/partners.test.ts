// Partner organisations and their named contact persons: when one leaves, everything they held
// passes to the successor with its history, audited; an organisation left without anyone is
// flagged to coordinators.
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../../test/support/app.ts';
import { locale } from '../../test/support/locales.ts';
import type { ApiClient } from '../../test/support/people.ts';
import { createPerson, signedInClient, type TestPerson } from '../../test/support/people.ts';
import { AuditEntry } from '../audit/audit.model.ts';
import { op } from '../db/operators.ts';
import { Person } from '../people/person.model.ts';
import type { DirectoryEntryInfo } from '../protocol/directory.ts';
import type { HandoverInfo, PartnerOrganisationInfo } from '../protocol/partners.ts';
import type { ReferralInfo, ReferralPage } from '../protocol/referrals.ts';
import { Referral } from '../referrals/referral.model.ts';

describe('partner organisations and contact persons', function () {
  this.timeout(120_000);
  let app: TestApp;
  let coordinator: ApiClient;
  let organisation: PartnerOrganisationInfo;
  let leaving: TestPerson;
  let successor: TestPerson;

  const partners = async () => (await coordinator.get<PartnerOrganisationInfo[]>('/partners')).body;
  const find = async (id: string) => (await partners()).find((p) => p.id === id)!;

  before(async () => {
    app = await startTestApp({ label: 'partners' });
    coordinator = await signedInClient(app.url, await createPerson({ roles: ['coordinator'] }));
    const created = await coordinator.post<PartnerOrganisationInfo>('/partners', {
      name: 'Kirkkonummen seurakunta, perhetyö',
      partnerKind: 'parish',
      region: 'lansi-uusimaa',
      languagesServed: ['fi', 'sv', 'ar'],
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    organisation = created.body;
    leaving = await createPerson({ roles: ['partner'], organisationId: organisation.id });
    successor = await createPerson({ roles: ['partner'], organisationId: organisation.id });
  });
  after(() => app?.close());

  it('[partner-2] a new organisation without a contact person is flagged; bad input changes nothing', async () => {
    assert.equal((await find(organisation.id)).needsContact, true);
    const bad = await coordinator.post('/partners', {
      name: 'X',
      partnerKind: 'church',
      region: 'atlantis',
    });
    assert.equal(bad.status, 400);
    const outsider = await createPerson({ roles: ['partner'] });
    const refused = await coordinator.post<{ error: { fields: Record<string, string> } }>(
      `/partners/${organisation.id}/contacts`,
      { personId: outsider.id },
    );
    assert.equal(refused.status, 400);
    assert.equal(
      refused.body.error.fields.personId,
      (locale('fi', 'errors').partners as Record<string, string>).notPartnerWorker,
    );
    assert.equal((await find(organisation.id)).contacts.length, 0);
    const named = await coordinator.post<PartnerOrganisationInfo>(
      `/partners/${organisation.id}/contacts`,
      { personId: leaving.id },
    );
    assert.equal(named.status, 200);
    assert.equal(named.body.needsContact, false);
    // A partner worker sees their own organisation only.
    const asLeaving = await signedInClient(app.url, leaving);
    assert.deepEqual(
      (await asLeaving.get<PartnerOrganisationInfo[]>('/partners')).body.map((p) => p.id),
      [organisation.id],
    );
  });

  it('[partner-2] a contact person leaves: their referrals and directory entries pass to the successor, history kept and audited', async () => {
    const asLeaving = await signedInClient(app.url, leaving);
    const referrals: ReferralInfo[] = [];
    for (const reference of ['PT-1', 'PT-2'])
      referrals.push(
        (
          await asLeaving.post<ReferralInfo>('/referrals', {
            reference,
            language: 'sv',
            groupLanguage: 'sv',
            familyConsented: true,
          })
        ).body,
      );

    // A service they keep in the directory names them as its contact person.
    const service = await asLeaving.post<DirectoryEntryInfo>('/directory', {
      name: 'Perhetyön vertaisilta',
      need: 'family-centre',
      region: 'lansi-uusimaa',
      languages: ['fi', 'sv'],
      phone: '09 123 4567',
      contactPersonId: leaving.id,
    });
    assert.equal(service.status, 201, JSON.stringify(service.body));

    // The successor must be a partner worker of the same organisation, not the leaver.
    for (const successorId of [leaving.id, (await createPerson({ roles: ['partner'] })).id]) {
      const refused = await coordinator.post(
        `/partners/${organisation.id}/contacts/${leaving.id}/leave`,
        { successorId },
      );
      assert.equal(refused.status, 400);
    }
    const left = await coordinator.post<HandoverInfo>(
      `/partners/${organisation.id}/contacts/${leaving.id}/leave`,
      { successorId: successor.id },
    );
    assert.equal(left.status, 200, JSON.stringify(left.body));
    assert.equal(left.body.passed.referrals, 2);
    assert.equal(left.body.passed.directoryEntries, 1);
    // Every feature's step ran (the partnership table's are tested in [partner-3]).
    assert.deepEqual(Object.keys(left.body.passed).sort(), [
      'actionItems',
      'directoryEntries',
      'referrals',
      'tableMemberships',
    ]);

    // The successor holds them now, and sees them; the history names who held them before.
    const held = await Referral.find({ reference: op({ $in: ['PT-1', 'PT-2'] }) }).lean();
    assert.ok(held.every((r) => String(r.createdBy) === successor.id));
    assert.ok(held.every((r) => r.previousHolders.map(String).includes(leaving.id)));
    const asSuccessor = await signedInClient(app.url, successor);
    const [kept] = (await asSuccessor.get<DirectoryEntryInfo[]>('/directory/mine')).body;
    assert.equal(kept?.contactPerson?.id, successor.id);
    const seen = (await asSuccessor.get<ReferralPage>('/referrals')).body.referrals.map(
      (r) => r.id,
    );
    for (const r of referrals) assert.ok(seen.includes(r.id));

    // The contact list keeps the leaver with the date and the successor; audited.
    const org = await find(organisation.id);
    const former = org.contacts.find((c) => c.personId === leaving.id);
    assert.ok(former?.leftAt);
    assert.equal(former?.successorId, successor.id);
    assert.ok(org.contacts.some((c) => c.personId === successor.id && !c.leftAt));
    assert.equal(org.needsContact, false);
    const entry = await AuditEntry.findOne({ action: 'partner.contactLeft', targetId: leaving.id });
    assert.equal(entry?.details.successorId, successor.id);
    assert.equal(entry?.details.referrals, 2);

    // They left the organisation: their partner access ended with it.
    assert.equal((await asLeaving.get('/referrals')).status, 403);
    const person = await Person.findById(leaving.id).lean();
    assert.deepEqual(person?.roles, []);
  });

  it('[partner-2] an organisation whose last contact loses the partner role is flagged again', async () => {
    await coordinator.put(`/people/${successor.id}/roles`, { roles: ['family'] });
    assert.equal((await find(organisation.id)).needsContact, true);
  });
});
