// [partner-5] The service directory: partners keep their own entries (bad contact details are
// refused with a translated error and change nothing), families search by region, language and
// need, an entry unconfirmed for a year is marked, and a group's facilitator shares one into
// the group's chat as a card.
import assert from 'node:assert/strict';
import type { ChatMessage } from '../protocol/chat.ts';
import type {
  DirectoryEntryInfo,
  DirectoryEntryInput,
  DirectoryPage,
} from '../protocol/directory.ts';
import type { HandoverInfo } from '../protocol/partners.ts';
import { Organisation } from '../people/organisation.model.ts';
import { startTestApp, type TestApp } from '../../test/support/app.ts';
import { TestClock } from '../../test/support/clock.ts';
import { ask, liveGroup, liveSocket, must, type TestSocket } from '../../test/support/live.ts';
import { locale, text } from '../../test/support/locales.ts';
import {
  ApiClient,
  createPerson,
  signedInClient,
  type TestPerson,
} from '../../test/support/people.ts';

const fiErrors = locale('fi', 'errors');
const svErrors = locale('sv', 'errors');

const partnerOrg = async (name: string) =>
  String(
    (
      await Organisation.create({
        name,
        kind: 'partner',
        partnerKind: 'wellbeing-county',
        region: 'pirkanmaa',
        languagesServed: ['fi', 'ar'],
      })
    )._id,
  );

const entryBody = (overrides: Partial<DirectoryEntryInput> = {}): DirectoryEntryInput => ({
  name: 'Hervannan perhekeskus',
  summary: [{ lang: 'fi', text: 'Tukea lapsiperheille arkeen.' }],
  need: 'family-centre',
  region: 'pirkanmaa',
  languages: ['fi', 'ar', 'en'],
  phone: '03 565 611',
  email: 'perhekeskus@example.fi',
  url: 'https://www.example.fi/perhekeskus',
  address: 'Insinöörinkatu 38, Tampere',
  openingHours: 'ma–pe 8–16',
  contactPersonId: null,
  ...overrides,
});

describe('[partner-5] service directory', function () {
  this.timeout(120_000);
  const clock = new TestClock();
  let app: TestApp;
  let orgId: string;
  let otherOrgId: string;
  let worker: TestPerson;
  let asPartner: ApiClient;
  let asOtherPartner: ApiClient;
  let asFamily: ApiClient;
  let entry: DirectoryEntryInfo;
  const sockets: TestSocket[] = [];
  const open = async (person: TestPerson) => {
    const socket = await liveSocket(app.url, person);
    sockets.push(socket);
    return socket;
  };

  before(async () => {
    app = await startTestApp({ label: 'directory', clock });
    orgId = await partnerOrg('Pirkanmaan hyvinvointialue');
    otherOrgId = await partnerOrg('Toinen järjestö');
    worker = await createPerson({
      roles: ['partner'],
      organisationId: orgId,
      displayName: 'Paula Kumppani',
    });
    asPartner = await signedInClient(app.url, worker);
    asOtherPartner = await signedInClient(
      app.url,
      await createPerson({ roles: ['partner'], organisationId: otherOrgId }),
    );
    asFamily = await signedInClient(app.url, await createPerson({ roles: ['family'] }));
    const created = await asPartner.post<DirectoryEntryInfo>(
      '/directory',
      entryBody({ contactPersonId: worker.id }),
    );
    assert.equal(created.status, 201, JSON.stringify(created.body));
    entry = created.body;
    assert.equal(entry.organisationId, orgId);
    assert.equal(entry.contactPerson?.displayName, 'Paula Kumppani');
    assert.equal(entry.possiblyOutdated, false);
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.disconnect();
  });
  after(() => app?.close());

  it('[partner-5] a partner edits their entry; an invalid URL or phone is refused with a translated error and nothing changes', async () => {
    const edited = await asPartner.put<DirectoryEntryInfo>(
      `/directory/${entry.id}`,
      entryBody({ contactPersonId: worker.id, openingHours: 'ma–to 8–16, pe 8–14' }),
    );
    assert.equal(edited.status, 200, JSON.stringify(edited.body));
    assert.equal(edited.body.openingHours, 'ma–to 8–16, pe 8–14');

    type Refusal = { error: { code: string; fields: Record<string, string> } };
    const badUrl = await asPartner.put<Refusal>(
      `/directory/${entry.id}`,
      entryBody({ name: 'Muutettu nimi', url: 'javascript:alert(1)' }),
    );
    assert.equal(badUrl.status, 400);
    assert.equal(badUrl.body.error.fields.url, text(fiErrors, 'directory.invalidUrl'));
    const badPhone = await asPartner.put<Refusal>(
      `/directory/${entry.id}`,
      entryBody({ name: 'Muutettu nimi', phone: 'soita meille' }),
    );
    assert.equal(badPhone.status, 400);
    assert.equal(badPhone.body.error.fields.phone, text(fiErrors, 'directory.invalidPhone'));
    // In the partner's UI language.
    const inSwedish = new ApiClient(app.url, 'sv');
    await inSwedish.signIn(worker);
    const svRefusal = await inSwedish.put<Refusal>(
      `/directory/${entry.id}`,
      entryBody({ phone: '12', url: 'ftp://example.fi/' }),
    );
    assert.equal(svRefusal.body.error.fields.phone, text(svErrors, 'directory.invalidPhone'));
    assert.equal(svRefusal.body.error.fields.url, text(svErrors, 'directory.invalidUrl'));
    // No way to reach the service at all, or a contact person from elsewhere: refused too.
    const noContact = await asPartner.put<Refusal>(
      `/directory/${entry.id}`,
      entryBody({ phone: '', email: '', url: '' }),
    );
    assert.equal(noContact.body.error.fields.phone, text(fiErrors, 'directory.contactRequired'));
    const stranger = await createPerson({ roles: ['partner'], organisationId: otherOrgId });
    const foreignContact = await asPartner.put<Refusal>(
      `/directory/${entry.id}`,
      entryBody({ contactPersonId: stranger.id }),
    );
    assert.equal(foreignContact.status, 400);
    assert.ok(foreignContact.body.error.fields.contactPersonId);

    const mine = await asPartner.get<DirectoryEntryInfo[]>('/directory/mine');
    assert.equal(mine.body.length, 1);
    assert.equal(mine.body[0]?.name, 'Hervannan perhekeskus', 'nothing changed');
    assert.equal(mine.body[0]?.url, 'https://www.example.fi/perhekeskus');
    assert.equal(mine.body[0]?.contactPerson?.id, worker.id);

    // Another organisation's partner and families cannot touch it.
    const foreign = await asOtherPartner.put(
      `/directory/${entry.id}`,
      entryBody({ name: 'Vieras nimi' }),
    );
    assert.equal(foreign.status, 404);
    assert.equal((await asOtherPartner.post(`/directory/${entry.id}/confirm`)).status, 404);
    assert.equal((await asOtherPartner.delete(`/directory/${entry.id}`)).status, 404);
    assert.equal((await asOtherPartner.get<unknown[]>('/directory/mine')).body.length, 0);
    assert.equal((await asFamily.post('/directory', entryBody())).status, 403);
    // A partner cannot file an entry under someone else's organisation.
    const elsewhere = await asOtherPartner.post<DirectoryEntryInfo>(
      '/directory',
      entryBody({ organisationId: orgId }),
    );
    assert.equal(elsewhere.body.organisationId, otherOrgId);
    assert.equal((await asOtherPartner.delete(`/directory/${elsewhere.body.id}`)).status, 204);
  });

  it('[partner-5] search by region + language + need returns it, in the UI language', async () => {
    await asOtherPartner.post(
      '/directory',
      entryBody({ name: 'Lapin neuvola', region: 'lappi', need: 'child-health-clinic' }),
    );
    await asOtherPartner.post(
      '/directory',
      entryBody({ name: 'Verkkoneuvonta', region: 'online-finland', languages: ['ar'] }),
    );
    const search = async (query: string) => {
      const res = await asFamily.get<DirectoryPage>(`/directory?${query}`);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      return res.body.entries.map((e) => e.name);
    };
    const found = await search('region=pirkanmaa&language=ar&need=family-centre');
    assert.deepEqual(
      found,
      ['Hervannan perhekeskus', 'Verkkoneuvonta'],
      'the county first, then nationwide',
    );
    assert.deepEqual(await search('region=pirkanmaa&language=so&need=family-centre'), []);
    assert.deepEqual(await search('region=lappi&need=child-health-clinic'), ['Lapin neuvola']);
    // Words match the need as named in the searcher's language.
    assert.ok((await search('q=perhekeskus&region=pirkanmaa')).includes('Hervannan perhekeskus'));
    assert.deepEqual(await search('q=hervannan%20TAMPERE'), ['Hervannan perhekeskus']);
    // Hostile or unknown filters are refused.
    assert.equal((await asFamily.get('/directory?region=atlantis')).status, 400);
    assert.equal((await asFamily.get('/directory?language[$ne]=x')).status, 400);
    assert.equal((await new ApiClient(app.url).get('/directory')).status, 401);
  });

  it('[partner-5] an entry unconfirmed for 12 months is marked until its partner confirms it', async () => {
    const now = new Date();
    try {
      clock.set(new Date(now.getTime() + 364 * 86_400_000));
      const soon = await asFamily.get<DirectoryPage>(
        '/directory?region=pirkanmaa&need=family-centre',
      );
      assert.equal(soon.body.entries.find((e) => e.id === entry.id)?.possiblyOutdated, false);
      clock.set(new Date(now.getTime() + 367 * 86_400_000));
      const later = await asFamily.get<DirectoryPage>(
        '/directory?region=pirkanmaa&need=family-centre',
      );
      const marked = later.body.entries.find((e) => e.id === entry.id);
      assert.equal(marked?.possiblyOutdated, true);
      // A service confirmed now comes before the possibly outdated one.
      const fresh = await asOtherPartner.post<DirectoryEntryInfo>(
        '/directory',
        entryBody({ name: 'Uusi perhekeskus' }),
      );
      const order = (
        await asFamily.get<DirectoryPage>('/directory?region=pirkanmaa&need=family-centre')
      ).body.entries.map((e) => e.id);
      assert.ok(order.indexOf(fresh.body.id) < order.indexOf(entry.id), 'outdated ones come after');
      const confirmed = await asPartner.post<DirectoryEntryInfo>(`/directory/${entry.id}/confirm`);
      assert.equal(confirmed.status, 200);
      assert.equal(confirmed.body.possiblyOutdated, false);
      const again = await asFamily.get<DirectoryPage>(
        '/directory?region=pirkanmaa&need=family-centre',
      );
      assert.equal(again.body.entries.find((e) => e.id === entry.id)?.possiblyOutdated, false);
    } finally {
      clock.set(now);
    }
  });

  it('[partner-5] a facilitator shares it to the group chat as a card; nobody else can', async () => {
    const live = await liveGroup(app.url, { families: 1 });
    const facilitator = await open(live.staff.facilitator);
    const family = await open(live.families[0] as TestPerson);
    const channelId = `group:${live.group.id}`;
    await must(family, 'chat:subscribe', { channelIds: [channelId] });
    const heard = new Promise<ChatMessage>((resolve) => family.once('chat:message', resolve));
    const share = { groupId: live.group.id, entryId: entry.id, clientId: 'share-entry-0001' };
    const message = await must<ChatMessage>(facilitator, 'chat:shareEntry', share);
    assert.equal(message.entry?.name, 'Hervannan perhekeskus');
    assert.equal(message.entry?.phone, '03 565 611');
    assert.equal(message.entry?.contactName, 'Paula Kumppani');
    assert.match(message.text, /Hervannan perhekeskus/);
    const received = await heard;
    assert.equal(received.seq, message.seq);
    assert.equal(received.entry?.url, 'https://www.example.fi/perhekeskus');
    // A retry is the same message.
    const retry = await must<ChatMessage>(facilitator, 'chat:shareEntry', share);
    assert.equal(retry.seq, message.seq);
    const history = await must<{ messages: ChatMessage[] }>(family, 'chat:history', { channelId });
    assert.equal(history.messages.at(-1)?.entry?.name, 'Hervannan perhekeskus');

    // A family of the group, a facilitator of another group, the trainer: refused.
    const byFamily = await ask(family, 'chat:shareEntry', {
      ...share,
      clientId: 'share-entry-0002',
    });
    assert.equal(byFamily.ok, false);
    const other = await liveGroup(app.url, { families: 0 });
    const outsider = await open(other.staff.facilitator);
    const byOutsider = await ask(outsider, 'chat:shareEntry', {
      ...share,
      clientId: 'share-entry-0003',
    });
    assert.equal(byOutsider.ok, false);
    const trainer = await open(live.staff.trainer);
    const byTrainer = await ask(trainer, 'chat:shareEntry', {
      ...share,
      clientId: 'share-entry-0004',
    });
    assert.equal(byTrainer.ok, false);
    const missing = await ask(facilitator, 'chat:shareEntry', {
      ...share,
      entryId: '0123456789abcdef01234567',
      clientId: 'share-entry-0005',
    });
    assert.equal(missing.ok, false);
    const after = await must<{ messages: ChatMessage[] }>(family, 'chat:history', { channelId });
    assert.equal(after.messages.filter((m) => m.entry).length, 1);
  });

  it('[partner-5] a leaving contact person hands their entries to the successor', async () => {
    const coordinator = await signedInClient(
      app.url,
      await createPerson({ roles: ['coordinator'] }),
    );
    const successor = await createPerson({
      roles: ['partner'],
      organisationId: orgId,
      displayName: 'Saara Seuraaja',
    });
    assert.equal(
      (await coordinator.post(`/partners/${orgId}/contacts`, { personId: worker.id })).status,
      200,
    );
    const left = await coordinator.post<HandoverInfo>(
      `/partners/${orgId}/contacts/${worker.id}/leave`,
      {
        successorId: successor.id,
      },
    );
    assert.equal(left.status, 200, JSON.stringify(left.body));
    assert.equal(left.body.passed.directoryEntries, 1);
    const asSuccessor = await signedInClient(app.url, successor);
    const mine = await asSuccessor.get<DirectoryEntryInfo[]>('/directory/mine');
    assert.equal(mine.body[0]?.contactPerson?.displayName, 'Saara Seuraaja');
  });

  it('[partner-5] an erased contact person leaves no name on entries or shared cards', async () => {
    const leaver = await createPerson({
      roles: ['partner'],
      organisationId: orgId,
      displayName: 'Eeva Erotettava',
    });
    const asLeaver = await signedInClient(app.url, leaver);
    const own = await asLeaver.post<DirectoryEntryInfo>(
      '/directory',
      entryBody({ name: 'Eevan palvelu', contactPersonId: leaver.id }),
    );
    const live = await liveGroup(app.url, { families: 1 });
    const facilitator = await open(live.staff.facilitator);
    await must(facilitator, 'chat:shareEntry', {
      groupId: live.group.id,
      entryId: own.body.id,
      clientId: 'share-erased-0001',
    });
    const erased = await asLeaver.delete('/me', { password: leaver.password });
    assert.equal(erased.status, 204, JSON.stringify(erased.body));
    // (The first worker left in the hand-over above: a coordinator looks.)
    const coordinator = await signedInClient(
      app.url,
      await createPerson({ roles: ['coordinator'] }),
    );
    const all = await coordinator.get<DirectoryEntryInfo[]>('/directory/mine');
    const kept = all.body.find((e) => e.id === own.body.id);
    assert.equal(kept?.name, 'Eevan palvelu');
    assert.equal(kept?.contactPerson, null);
    const family = await open(live.families[0] as TestPerson);
    const history = await must<{ messages: ChatMessage[] }>(family, 'chat:history', {
      channelId: `group:${live.group.id}`,
    });
    const card = history.messages.find((m) => m.entry?.name === 'Eevan palvelu')?.entry;
    assert.equal(card?.contactName, '');
  });
});
