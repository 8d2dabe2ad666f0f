// Meetings for facilitators (cohort training, työnohjaus, peer meetings): their own members,
// the session engine unchanged, never in the catalogue, only the right people may set them up.
import assert from 'node:assert/strict';
import type { CataloguePage, MeetingInfo, MeetingInput, MyGroups } from '../protocol/groups.ts';
import type { JoinResult } from '../protocol/live.ts';
import { startTestApp, type TestApp } from '../../test/support/app.ts';
import {
  createStaff,
  groupBody,
  helsinkiDay,
  inHelsinki,
  weekdayOf,
} from '../../test/support/groups.ts';
import { liveSocket, must, type TestSocket } from '../../test/support/live.ts';
import {
  createPerson,
  signedInClient,
  type ApiClient,
  type TestPerson,
} from '../../test/support/people.ts';

describe('meetings for facilitators', function () {
  this.timeout(120_000);
  let app: TestApp;
  let trainer: TestPerson;
  let asTrainer: ApiClient;
  let members: TestPerson[];
  let outsider: TestPerson;
  const sockets: TestSocket[] = [];

  /** A supervision meeting starting in two minutes (so the live session is open now). */
  const meetingBody = (overrides: Partial<MeetingInput> = {}): MeetingInput => {
    const start = new Date(Date.now() + 2 * 60_000);
    const startDate = helsinkiDay(0, start);
    return {
      kind: 'supervision',
      title: [{ lang: 'fi', text: 'Työnohjaus, Itä-Suomi' }],
      hostId: trainer.id,
      memberIds: members.map((m) => m.id),
      sessionLanguages: ['fi'],
      schedule: {
        frequency: 'weekly',
        weekday: weekdayOf(startDate),
        startDate,
        startTime: inHelsinki(start),
        durationMinutes: 90,
        count: 3,
      },
      ...overrides,
    };
  };

  before(async () => {
    app = await startTestApp({ label: 'meetings' });
    trainer = await createPerson({ roles: ['trainer'], displayName: 'Kaija Kouluttaja' });
    asTrainer = await signedInClient(app.url, trainer);
    members = [
      await createPerson({ roles: ['facilitator'], supervisorId: trainer.id, displayName: 'Aino' }),
      await createPerson({
        roles: ['facilitator'],
        supervisorId: trainer.id,
        displayName: 'Basma',
      }),
    ];
    outsider = await createPerson({ roles: ['facilitator'], displayName: 'Ulla' });
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.disconnect();
  });
  after(() => app?.close());

  it('a trainer sets up group supervision: members see it and can join its live session, others cannot', async () => {
    const created = await asTrainer.post<MeetingInfo>('/meetings', meetingBody());
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const meeting = created.body;
    assert.equal(meeting.kind, 'supervision');
    assert.equal(meeting.host.displayName, 'Kaija Kouluttaja');
    assert.deepEqual(
      meeting.members.map((m) => m.displayName),
      ['Aino', 'Basma'],
    );
    assert.equal(meeting.nextSessions.length, 3);
    assert.ok(meeting.canManage);

    const asMember = await signedInClient(app.url, members[0]!);
    const mine = await asMember.get<MeetingInfo[]>('/meetings');
    assert.deepEqual(
      mine.body.map((m) => m.id),
      [meeting.id],
    );
    assert.equal(mine.body[0]!.canManage, false);
    const myGroups = await asMember.get<MyGroups>('/groups/mine');
    assert.ok(myGroups.body.upcoming.some((s) => s.groupId === meeting.id));
    assert.equal((await asMember.get(`/groups/${meeting.id}`)).status, 200);

    const asOutsider = await signedInClient(app.url, outsider);
    assert.deepEqual((await asOutsider.get<MeetingInfo[]>('/meetings')).body, []);
    assert.equal((await asOutsider.get(`/groups/${meeting.id}`)).status, 404);
    const catalogue = await asOutsider.get<CataloguePage>('/groups');
    assert.ok(!catalogue.body.groups.some((g) => g.id === meeting.id));

    // The session engine serves it as it is: the host and a member meet; an outsider finds nothing.
    const sessionId = meeting.nextSessions[0]!.id;
    const host = await liveSocket(app.url, trainer);
    const member = await liveSocket(app.url, members[1]!);
    const stranger = await liveSocket(app.url, outsider);
    sockets.push(host, member, stranger);
    const hostJoin = await must<JoinResult>(host, 'live:join', { sessionId });
    assert.equal(hostJoin.state, 'admitted');
    if (hostJoin.state === 'admitted') assert.equal(hostJoin.admitted.self.role, 'host');
    const memberJoin = await must<JoinResult>(member, 'live:join', { sessionId });
    assert.equal(memberJoin.state, 'admitted');
    const refused = await new Promise<{ ok: boolean; error?: { code: string } }>((resolve) =>
      stranger.emit('live:join', { sessionId }, resolve),
    );
    assert.equal(refused.ok, false);
    assert.equal(refused.error?.code, 'live.notFound');
  });

  it('the host changes the members; those left out lose the meeting', async () => {
    const meeting = (await asTrainer.post<MeetingInfo>('/meetings', meetingBody())).body;
    const changed = await asTrainer.put<MeetingInfo>(`/meetings/${meeting.id}/members`, {
      memberIds: [members[1]!.id, outsider.id],
    });
    assert.equal(changed.status, 200, JSON.stringify(changed.body));
    assert.deepEqual(changed.body.members.map((m) => m.displayName).sort(), ['Basma', 'Ulla']);
    const asAino = await signedInClient(app.url, members[0]!);
    assert.ok(
      !(await asAino.get<MeetingInfo[]>('/meetings')).body.some((m) => m.id === meeting.id),
    );
    assert.equal((await asAino.get(`/groups/${meeting.id}`)).status, 404);
    // A member cannot change who takes part.
    const asBasma = await signedInClient(app.url, members[1]!);
    const forged = await asBasma.put(`/meetings/${meeting.id}/members`, {
      memberIds: [members[1]!.id],
    });
    assert.equal(forged.status, 404);
    // Nor can the family-group form change it (its staff rules are not a meeting's).
    const staff = await createStaff(app.url);
    const viaGroupForm = await staff.coordinator.put(`/groups/${meeting.id}`, groupBody(staff));
    assert.equal(viaGroupForm.status, 404);
  });

  it('refuses meetings set up by the wrong people or with the wrong members, changing nothing', async () => {
    const asFacilitator = await signedInClient(app.url, members[0]!);
    // A facilitator may host a peer meeting, not a training or someone else's meeting.
    const training = await asFacilitator.post(
      '/meetings',
      meetingBody({ kind: 'training', hostId: members[0]!.id, memberIds: [members[1]!.id] }),
    );
    assert.equal(training.status, 403);
    // They choose colleagues by name (no emails: they may not list people).
    const colleagues =
      await asFacilitator.get<{ id: string; displayName: string }[]>('/meetings/colleagues');
    assert.ok(colleagues.body.some((c) => c.id === members[1]!.id));
    assert.ok(!colleagues.body.some((c) => c.id === members[0]!.id || 'email' in c));
    const peer = await asFacilitator.post<MeetingInfo>(
      '/meetings',
      meetingBody({ kind: 'peer', hostId: members[0]!.id, memberIds: [members[1]!.id] }),
    );
    assert.equal(peer.status, 201, JSON.stringify(peer.body));
    const family = await createPerson({ roles: ['family'] });
    const withFamily = await asTrainer.post<{ error: { fields: Record<string, string> } }>(
      '/meetings',
      meetingBody({ memberIds: [members[0]!.id, family.id] }),
    );
    assert.equal(withFamily.status, 400);
    assert.ok(withFamily.body.error.fields.memberIds);
    const hostIsMember = await asTrainer.post(
      '/meetings',
      meetingBody({ memberIds: [trainer.id] }),
    );
    assert.equal(hostIsMember.status, 400);
    const facilitatorHostsSupervision = await asTrainer.post(
      '/meetings',
      meetingBody({ hostId: members[0]!.id }),
    );
    assert.equal(facilitatorHostsSupervision.status, 403);
    const junk = await asTrainer.post('/meetings', { ...meetingBody(), role: 'coordinator' });
    assert.equal(junk.status, 400);
    const asFamily = await signedInClient(app.url, family);
    assert.equal((await asFamily.post('/meetings', meetingBody())).status, 403);
    // Only the two created above exist for the first member.
    const seen = (await asFacilitator.get<MeetingInfo[]>('/meetings')).body;
    assert.ok(seen.every((m) => m.kind === 'supervision' || m.id === peer.body.id));
  });
});
