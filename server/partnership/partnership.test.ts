// [partner-3] The partnership table (kumppanuuspöytä): coordinators and partner contact persons
// meet a few times a year on the session engine; agenda items before, minutes and action items
// during, open action items carried to the next meeting; nobody else reads a table.
import assert from 'node:assert/strict';
import type { ChatMessage } from '../protocol/chat.ts';
import type { HandoverInfo } from '../protocol/partners.ts';
import type {
  ActionItemInfo,
  AgendaItemInfo,
  MinutesInfo,
  TableDetail,
  TableInput,
  TableSummary,
} from '../protocol/partnership.ts';
import type { JoinResult } from '../protocol/live.ts';
import { startTestApp, type TestApp } from '../../test/support/app.ts';
import { TestClock } from '../../test/support/clock.ts';
import { helsinkiDay, inHelsinki, weekdayOf } from '../../test/support/groups.ts';
import { ask, liveSocket, must, type TestSocket } from '../../test/support/live.ts';
import {
  createOrganisation,
  createPerson,
  signedInClient,
  type ApiClient,
  type TestPerson,
} from '../../test/support/people.ts';

describe('[partner-3] the partnership table', function () {
  this.timeout(120_000);
  const clock = new TestClock();
  let app: TestApp;
  let coordinator: TestPerson;
  let asCoordinator: ApiClient;
  let partnerA: TestPerson;
  let partnerA2: TestPerson;
  let partnerB: TestPerson;
  let orgA: string;
  const sockets: TestSocket[] = [];

  /** Four meetings a year (every third month), the first starting in two minutes. */
  const tableBody = (memberIds: string[]): TableInput => {
    const start = new Date(Date.now() + 2 * 60_000);
    const startDate = helsinkiDay(0, start);
    const day = Number(startDate.slice(8));
    const nth = (day > 28 ? -1 : Math.ceil(day / 7)) as 1 | 2 | 3 | 4 | -1;
    return {
      title: [{ lang: 'fi', text: 'Kumppanuuspöytä, Pirkanmaa' }],
      memberIds,
      sessionLanguages: ['fi'],
      schedule: {
        frequency: 'monthly',
        monthlyNth: nth,
        everyMonths: 3,
        weekday: weekdayOf(startDate),
        startDate,
        startTime: inHelsinki(start),
        durationMinutes: 90,
        count: 2,
      },
    };
  };

  before(async () => {
    app = await startTestApp({ label: 'partner3', clock });
    orgA = await createOrganisation('partner', 'Pirkanmaan hyvinvointialue');
    const orgB = await createOrganisation('partner', 'Toinen järjestö');
    coordinator = await createPerson({
      roles: ['coordinator'],
      displayName: 'Kirsi Koordinaattori',
    });
    asCoordinator = await signedInClient(app.url, coordinator);
    partnerA = await createPerson({
      roles: ['partner'],
      organisationId: orgA,
      displayName: 'Aila',
    });
    partnerA2 = await createPerson({
      roles: ['partner'],
      organisationId: orgA,
      displayName: 'Aatu',
    });
    partnerB = await createPerson({ roles: ['partner'], organisationId: orgB, displayName: 'Bea' });
    await asCoordinator.post(`/partners/${orgA}/contacts`, { personId: partnerA.id });
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.disconnect();
  });
  after(() => app?.close());

  it('[partner-3] agenda before, minutes and action items during, open items at the next meeting; video and chat for members only', async () => {
    const created = await asCoordinator.post<TableDetail>('/tables', tableBody([partnerA.id]));
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const table = created.body;
    assert.equal(table.meetings.length, 2);
    const [first, second] = table.meetings;
    // A few times a year: the next meeting is three months on.
    const gap = new Date(second!.startsAt).getTime() - new Date(first!.startsAt).getTime();
    assert.ok(gap > 80 * 86_400_000 && gap < 100 * 86_400_000, String(gap));
    assert.equal(table.meeting?.id, first!.id);
    assert.deepEqual(
      table.members.map((m) => [m.displayName, m.organisation]),
      [['Aila', 'Pirkanmaan hyvinvointialue']],
    );

    // Before the meeting: the partner adds to the agenda.
    const asA = await signedInClient(app.url, partnerA);
    assert.deepEqual(
      (await asA.get<TableSummary[]>('/tables')).body.map((t) => t.id),
      [table.id],
    );
    const agenda = await asA.post<AgendaItemInfo>(`/tables/${table.id}/agenda`, {
      sessionId: first!.id,
      text: 'Perheiden ohjautuminen ryhmiin',
    });
    assert.equal(agenda.status, 201, JSON.stringify(agenda.body));
    assert.equal(agenda.body.author.displayName, 'Aila');
    // An item added by mistake is taken back by its author; nobody else's but a coordinator's.
    const mistake = await asA.post<AgendaItemInfo>(`/tables/${table.id}/agenda`, {
      sessionId: first!.id,
      text: 'Väärä kohta',
    });
    const asA2 = await signedInClient(app.url, partnerA2);
    const itemPath = `/tables/${table.id}/agenda/${mistake.body.id}`;
    assert.ok([403, 404].includes((await asA2.delete(itemPath)).status), 'not a member’s to take');
    assert.equal((await asA.delete(itemPath)).status, 204);
    assert.equal((await asA.delete(itemPath)).status, 404);

    // During it: members meet live and in the table's chat.
    const host = await liveSocket(app.url, coordinator);
    const member = await liveSocket(app.url, partnerA);
    const stranger = await liveSocket(app.url, partnerB);
    sockets.push(host, member, stranger);
    assert.equal(
      (await must<JoinResult>(host, 'live:join', { sessionId: first!.id })).state,
      'admitted',
    );
    assert.equal(
      (await must<JoinResult>(member, 'live:join', { sessionId: first!.id })).state,
      'admitted',
    );
    const refused = await ask(stranger, 'live:join', { sessionId: first!.id });
    assert.equal(refused.ok, false);
    const said = await must<ChatMessage>(member, 'chat:send', {
      channelId: table.channelId,
      clientId: 'partner3-hello-1',
      text: 'Hei kaikki',
    });
    assert.equal(said.text, 'Hei kaikki');
    const hostSaid = await must<ChatMessage>(host, 'chat:send', {
      channelId: table.channelId,
      clientId: 'partner3-hello-2',
      text: 'Tervetuloa',
    });
    assert.equal(hostSaid.senderRole, 'coordinator');
    const overheard = await ask(stranger, 'chat:history', { channelId: table.channelId });
    assert.equal(overheard.ok, false);

    // Minutes: a save based on an older version is refused, not lost.
    const minutes = await asA.put<MinutesInfo>(`/tables/${table.id}/minutes`, {
      sessionId: first!.id,
      text: 'Läsnä: Kirsi, Aila.',
      baseVersion: 0,
    });
    assert.equal(minutes.status, 200, JSON.stringify(minutes.body));
    assert.equal(minutes.body.version, 1);
    const stale = await asCoordinator.put(`/tables/${table.id}/minutes`, {
      sessionId: first!.id,
      text: 'Toinen versio',
      baseVersion: 0,
    });
    assert.equal(stale.status, 409);
    const racing = await Promise.all(
      ['a', 'b', 'c'].map((x) =>
        asCoordinator.put(`/tables/${table.id}/minutes`, {
          sessionId: first!.id,
          text: `Läsnä: Kirsi, Aila. ${x}`,
          baseVersion: 1,
        }),
      ),
    );
    assert.deepEqual(racing.map((r) => r.status).sort(), [200, 409, 409]);

    // Action items with an owner and a due date; one done at once, one left open.
    const raise = (text: string) =>
      asCoordinator.post<ActionItemInfo>(`/tables/${table.id}/actions`, {
        sessionId: first!.id,
        text,
        ownerId: partnerA.id,
        dueDate: '2027-03-01',
      });
    const open = await raise('Esite neuvoloihin');
    assert.equal(open.status, 201, JSON.stringify(open.body));
    const closed = (await raise('Yhteystiedot jaettu')).body;
    const done = await asA.put<ActionItemInfo>(`/tables/${table.id}/actions/${closed.id}`, {
      status: 'done',
    });
    assert.equal(done.body.status, 'done');
    const notMember = await asCoordinator.post(`/tables/${table.id}/actions`, {
      sessionId: first!.id,
      text: 'x',
      ownerId: partnerB.id,
      dueDate: '2027-03-01',
    });
    assert.equal(notMember.status, 400);
    // Another owner and a later date; an owner who does not sit at the table changes nothing.
    const moved = await asA.put<ActionItemInfo>(`/tables/${table.id}/actions/${open.body.id}`, {
      ownerId: coordinator.id,
      dueDate: '2027-04-15',
    });
    assert.equal(moved.status, 200, JSON.stringify(moved.body));
    assert.deepEqual([moved.body.owner.id, moved.body.dueDate], [coordinator.id, '2027-04-15']);
    const outsiderOwner = await asA.put(`/tables/${table.id}/actions/${open.body.id}`, {
      ownerId: partnerB.id,
    });
    assert.equal(outsiderOwner.status, 400);
    const back = await asA.put(`/tables/${table.id}/actions/${open.body.id}`, {
      ownerId: partnerA.id,
      dueDate: '2027-03-01',
    });
    assert.equal(back.status, 200);

    const during = (await asA.get<TableDetail>(`/tables/${table.id}`)).body;
    assert.deepEqual(
      during.agenda.map((a) => a.text),
      ['Perheiden ohjautuminen ryhmiin'],
    );
    assert.equal(during.minutes?.version, 2);
    assert.deepEqual(
      during.actionItems.map((a) => [a.text, a.status]),
      [
        ['Esite neuvoloihin', 'open'],
        ['Yhteystiedot jaettu', 'done'],
      ],
    );

    // After the first meeting: its agenda is closed; the next meeting's page carries the open item.
    // Sessions may run over: the page turns to the next meeting once joining has closed.
    clock.set(new Date(new Date(first!.endsAt).getTime() + 31 * 60_000));
    const late = await asA.post(`/tables/${table.id}/agenda`, {
      sessionId: first!.id,
      text: 'Myöhässä',
    });
    assert.equal(late.status, 409);
    const next = (await asA.get<TableDetail>(`/tables/${table.id}`)).body;
    assert.equal(next.meeting?.id, second!.id);
    assert.deepEqual(
      next.carriedOver.map((a) => [a.text, a.owner.displayName, a.raisedOn]),
      [['Esite neuvoloihin', 'Aila', first!.date]],
    );
    assert.deepEqual(next.actionItems, []);
    const earlier = (await asA.get<TableDetail>(`/tables/${table.id}?sessionId=${first!.id}`)).body;
    assert.match(earlier.minutes?.text ?? '', /^Läsnä: Kirsi, Aila\. [abc]$/);
    clock.set(new Date());
  });

  it('[partner-3] a partner of another organisation cannot read a table they are not a member of', async () => {
    const table = (await asCoordinator.post<TableDetail>('/tables', tableBody([partnerA.id]))).body;
    const sessionId = table.meetings[0]!.id;
    const asB = await signedInClient(app.url, partnerB);
    assert.deepEqual((await asB.get<TableSummary[]>('/tables')).body, []);
    const tries = [
      await asB.get(`/tables/${table.id}`),
      await asB.get(`/groups/${table.id}`),
      await asB.post(`/tables/${table.id}/agenda`, { sessionId, text: 'x' }),
      await asB.put(`/tables/${table.id}/minutes`, { sessionId, text: 'x', baseVersion: 0 }),
      await asB.post(`/tables/${table.id}/actions`, {
        sessionId,
        text: 'x',
        ownerId: partnerB.id,
        dueDate: '2027-01-01',
      }),
    ];
    assert.deepEqual(
      tries.map((r) => r.status),
      [404, 404, 404, 404, 404],
    );
    assert.equal(
      (await asB.put(`/tables/${table.id}/members`, { memberIds: [partnerB.id] })).status,
      403,
    );
    // A member may not change who sits at the table; a family is never a member.
    const asA = await signedInClient(app.url, partnerA);
    assert.equal(
      (await asA.put(`/tables/${table.id}/members`, { memberIds: [partnerA.id] })).status,
      403,
    );
    const family = await createPerson({ roles: ['family'] });
    const withFamily = await asCoordinator.put(`/tables/${table.id}/members`, {
      memberIds: [partnerA.id, family.id],
    });
    assert.equal(withFamily.status, 400);
    assert.equal((await asCoordinator.get(`/tables/${'0'.repeat(24)}`)).status, 404);
  });

  it('[partner-3] a contact person leaving hands their open action items and seats to the successor', async () => {
    const table = (await asCoordinator.post<TableDetail>('/tables', tableBody([partnerA.id]))).body;
    const sessionId = table.meetings[0]!.id;
    const item = (
      await asCoordinator.post<ActionItemInfo>(`/tables/${table.id}/actions`, {
        sessionId,
        text: 'Tilastot seuraavaan kokoukseen',
        ownerId: partnerA.id,
        dueDate: '2027-02-01',
      })
    ).body;
    const left = await asCoordinator.post<HandoverInfo>(
      `/partners/${orgA}/contacts/${partnerA.id}/leave`,
      { successorId: partnerA2.id },
    );
    assert.equal(left.status, 200, JSON.stringify(left.body));
    assert.ok((left.body.passed.actionItems ?? 0) >= 1);
    assert.ok((left.body.passed.tableMemberships ?? 0) >= 1);
    const asA2 = await signedInClient(app.url, partnerA2);
    const detail = (await asA2.get<TableDetail>(`/tables/${table.id}`)).body;
    assert.deepEqual(
      detail.members.map((m) => m.displayName),
      ['Aatu'],
    );
    const moved = detail.actionItems.find((a) => a.id === item.id);
    assert.equal(moved?.owner.displayName, 'Aatu');
    assert.equal(moved?.handedOverFrom, 'Aila');
    assert.equal(
      (await (await signedInClient(app.url, partnerA)).get(`/tables/${table.id}`)).status,
      403,
    );
  });
});
