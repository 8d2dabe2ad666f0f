// The trainer's dashboard (their groups' live and coming sessions, reports, alerts, the
// facilitators they supervise) and a facilitator pausing themself.
import assert from 'node:assert/strict';
import { Application } from '../training/application.model.ts';
import type { GroupDetail } from '../protocol/groups.ts';
import type { PauseInfo, ReportInfo, SupervisionDashboard } from '../protocol/supervision.ts';
import type { ApplicationInfo } from '../protocol/training.ts';
import { startTestApp, type TestApp } from '../../test/support/app.ts';
import { createStaff, groupBody, helsinkiDay, type GroupStaff } from '../../test/support/groups.ts';
import { liveSocket, must, type TestSocket } from '../../test/support/live.ts';
import { createPerson, signedInClient } from '../../test/support/people.ts';
import { enrolFamilies, groupStartingIn, reportBody } from '../../test/support/supervision.ts';

const DAY = 1440;

describe('supervision dashboard and pausing', function () {
  this.timeout(120_000);
  let app: TestApp;
  const sockets: TestSocket[] = [];
  before(async () => {
    app = await startTestApp({ label: 'dashboard' });
  });
  after(async () => {
    for (const socket of sockets) socket.disconnect();
    await app?.close();
  });

  it("a trainer's dashboard: their groups' live and coming sessions, reports, alerts and facilitators", async () => {
    const staff = await createStaff(app.url);
    const trainee = await createPerson({
      roles: ['facilitator'],
      supervisorId: staff.trainer.id,
      displayName: 'Harjoittelija Hanna',
    });
    // A required module with a reflection; the trainee has sent theirs.
    const trainer = await signedInClient(app.url, staff.trainer);
    const module = await trainer.post<{ id: string }>('/training/modules', {
      order: 1,
      required: true,
      published: true,
      content: [{ lang: 'fi', title: 'Ryhmän turvallisuus', body: 'Lue ja pohdi.' }],
      quiz: null,
      reflection: { prompt: [{ lang: 'fi', text: 'Miten tekisit ryhmästä turvallisen?' }] },
    });
    assert.equal(module.status, 201, JSON.stringify(module.body));
    const learner = await signedInClient(app.url, trainee);
    assert.equal((await learner.post(`/training/modules/${module.body.id}/read`)).status, 200);
    const sent = await learner.put(`/training/modules/${module.body.id}/reflection`, {
      text: 'Sovimme yhdessä säännöt ja luottamuksellisuuden heti alussa.',
    });
    assert.equal(sent.status, 200, JSON.stringify(sent.body));

    const soon = await groupStartingIn(staff, 3 * DAY);
    const far = await groupStartingIn(staff, 20 * DAY);
    const live = await groupStartingIn(staff, -5, { observationAllowed: true });
    const [family] = await enrolFamilies(app.url, live.group, ['Dalia']);
    const other: GroupStaff = await createStaff(app.url);
    const othersGroup = await groupStartingIn(other, 2 * DAY);

    const host = await liveSocket(app.url, staff.facilitator);
    const guest = await liveSocket(app.url, family!);
    sockets.push(host, guest);
    await must(host, 'live:join', { sessionId: live.sessionId });
    await must(guest, 'live:join', { sessionId: live.sessionId });

    const facilitator = await signedInClient(app.url, staff.facilitator);
    const filed = await facilitator.post<ReportInfo>(
      `/sessions/${live.sessionId}/report`,
      reportBody({ safeguarding: true, concern: 'Huoli lapsen turvallisuudesta.' }),
    );
    assert.equal(filed.status, 201);

    const res = await trainer.get<SupervisionDashboard>('/supervision/dashboard');
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const dashboard = res.body;
    const groupsShown = new Set(dashboard.sessions.map((s) => s.groupId));
    assert.ok(!groupsShown.has(othersGroup.group.id), "another trainer's group is not shown");
    assert.ok(!groupsShown.has(far.group.id), 'sessions beyond 14 days are not shown');
    // Live first, then by time: in 3 days, the live group's next in 7, then 10 days.
    assert.deepEqual(
      dashboard.sessions.map((s) => s.sessionId),
      [
        live.sessionId,
        soon.group.nextSessions[0]!.id,
        live.group.nextSessions[1]!.id,
        soon.group.nextSessions[1]!.id,
      ],
    );
    const [now, next] = dashboard.sessions;
    assert.equal(now?.live, true);
    assert.equal(now?.participants, 2, 'the facilitator and the family');
    assert.equal(now?.canObserve, true);
    assert.equal(now?.reportId, filed.body.id);
    assert.equal(now?.groupKind, 'family');
    assert.deepEqual(now?.facilitators, [
      { id: staff.facilitator.id, displayName: staff.facilitator.displayName },
    ]);
    assert.equal(next?.live, false);
    assert.equal(next?.participants, 0);
    assert.equal(next?.canObserve, false, 'families of that group were not told');
    assert.equal(next?.reportId, null);

    assert.deepEqual(
      dashboard.recentReports.map((r) => r.id),
      [filed.body.id],
    );
    assert.deepEqual(
      dashboard.openAlerts.map((a) => a.reportId),
      [filed.body.id],
    );
    const people = new Map(dashboard.facilitators.map((f) => [f.id, f]));
    assert.deepEqual([...people.keys()].sort(), [staff.facilitator.id, trainee.id].sort());
    const certified = people.get(staff.facilitator.id)!;
    assert.ok(certified.certifiedUntil && Date.parse(certified.certifiedUntil) > Date.now());
    assert.equal(certified.paused, false);
    assert.ok(certified.lastContactAt, 'their certification was a contact');
    assert.equal(people.get(trainee.id)?.certifiedUntil, null);
    assert.equal(people.get(trainee.id)?.lastContactAt, null);
    assert.deepEqual(
      [people.get(trainee.id)?.requiredPassed, people.get(trainee.id)?.requiredTotal],
      [0, 1],
    );
    assert.equal(dashboard.reflectionsWaiting, 1);

    // The trainer accepts the reflection: the module is passed, and that was a contact.
    const [reflection] = (await trainer.get<{ id: string }[]>('/training/reflections')).body;
    const review = await trainer.post(`/training/reflections/${reflection!.id}/review`, {
      accepted: true,
      feedback: 'Hyvä suunnitelma.',
    });
    assert.equal(review.status, 200, JSON.stringify(review.body));
    const after = await trainer.get<SupervisionDashboard>('/supervision/dashboard');
    const reviewed = after.body.facilitators.find((f) => f.id === trainee.id);
    assert.deepEqual([reviewed?.requiredPassed, reviewed?.requiredTotal], [1, 1]);
    assert.ok(reviewed?.lastContactAt);
    assert.equal(after.body.reflectionsWaiting, 0);

    // The other trainer sees only their own.
    const theirs = await (
      await signedInClient(app.url, other.trainer)
    ).get<SupervisionDashboard>('/supervision/dashboard');
    assert.deepEqual(
      [...new Set(theirs.body.sessions.map((s) => s.groupId))],
      [othersGroup.group.id],
    );
    assert.deepEqual(theirs.body.recentReports, []);
    assert.deepEqual(theirs.body.openAlerts, []);
    assert.deepEqual(
      theirs.body.facilitators.map((f) => f.id),
      [other.facilitator.id],
    );
    // Only trainers have a dashboard.
    assert.equal((await facilitator.get('/supervision/dashboard')).status, 403);
    assert.equal((await staff.coordinator.get('/supervision/dashboard')).status, 403);
  });

  it('a facilitator pauses themself and comes back; their application follows', async () => {
    const staff = await createStaff(app.url);
    const now = new Date();
    const application = await Application.create({
      name: 'Fatima',
      email: staff.facilitator.email,
      languagesSpoken: ['fi', 'ar'],
      region: 'pirkanmaa',
      motivation: 'Haluan auttaa.',
      availability: 'Illat',
      language: 'fi',
      consentAt: now,
      status: 'active',
      history: [{ from: 'certified', to: 'active', byId: null, at: now, reason: '' }],
    });
    const facilitator = await signedInClient(app.url, staff.facilitator);
    const status = async () => (await Application.findById(application._id).lean())!;

    assert.deepEqual((await facilitator.get<PauseInfo>('/me/pause')).body, {
      paused: false,
      since: null,
      until: null,
      note: '',
    });
    const until = helsinkiDay(60);
    const paused = await facilitator.put<PauseInfo>('/me/pause', { until, note: 'Vauva syntyi' });
    assert.equal(paused.status, 200, JSON.stringify(paused.body));
    assert.equal(paused.body.paused, true);
    assert.equal(paused.body.until, until);
    assert.equal(paused.body.note, 'Vauva syntyi');
    assert.ok(paused.body.since);
    assert.deepEqual((await facilitator.get<PauseInfo>('/me/pause')).body, paused.body);

    const pausedApplication = await status();
    assert.equal(pausedApplication.status, 'paused');
    const step = pausedApplication.history.at(-1)!;
    assert.equal(step.from, 'active');
    assert.equal(step.reasonCode, 'pausedByThemself');
    assert.equal(String(step.byId), staff.facilitator.id);

    // While paused: not made lead of a new group, shown as paused to their trainer.
    const refused = await staff.coordinator.post<{ error: { fields?: Record<string, string> } }>(
      '/groups',
      groupBody(staff),
    );
    assert.equal(refused.status, 400);
    assert.ok(refused.body.error.fields?.leadFacilitatorId);
    const trainer = await signedInClient(app.url, staff.trainer);
    const dashboard = await trainer.get<SupervisionDashboard>('/supervision/dashboard');
    assert.equal(dashboard.body.facilitators[0]?.paused, true);

    // Changing the note keeps the day it began; the application moves only once.
    const changed = await facilitator.put<PauseInfo>('/me/pause', { note: 'Palaan syksyllä' });
    assert.equal(changed.body.since, paused.body.since);
    assert.equal(changed.body.until, null);
    assert.equal((await status()).history.length, 2);
    // Bad input changes nothing.
    const past = await facilitator.put<{ error: { fields?: Record<string, string> } }>(
      '/me/pause',
      { until: helsinkiDay(-3) },
    );
    assert.equal(past.status, 400);
    assert.ok(past.body.error.fields?.until);
    assert.equal((await facilitator.put('/me/pause', { until: 'tomorrow' })).status, 400);
    assert.equal((await facilitator.put('/me/pause', { since: '2020-01-01' })).status, 400);
    assert.deepEqual((await facilitator.get<PauseInfo>('/me/pause')).body, changed.body);
    // Only facilitators pause themselves.
    assert.equal((await trainer.put('/me/pause', {})).status, 403);
    assert.equal((await staff.coordinator.get('/me/pause')).status, 403);

    // A pause stored before reasons were codes said it in English: it is still read as theirs.
    await Application.updateOne(
      { _id: application._id },
      { $set: { 'history.1.reason': 'paused by themself', 'history.1.reasonCode': null } },
    );
    const back = await facilitator.delete<PauseInfo>('/me/pause');
    assert.equal(back.status, 200);
    assert.equal(back.body.paused, false);
    const resumed = await status();
    assert.equal(resumed.status, 'active');
    assert.deepEqual(
      resumed.history.map((s) => [s.from, s.to]),
      [
        ['certified', 'active'],
        ['active', 'paused'],
        ['paused', 'active'],
      ],
    );
    assert.equal(resumed.history.at(-1)?.reasonCode, 'backFromPause');
    const again = await facilitator.delete<PauseInfo>('/me/pause');
    assert.equal(again.body.paused, false);
    assert.equal((await status()).history.length, 3);
    assert.equal(
      (await staff.coordinator.post<GroupDetail>('/groups', groupBody(staff))).status,
      201,
      'back: can lead again',
    );

    // A pause the coordinator decided is not ended by the facilitator's own return.
    const byCoordinator = await staff.coordinator.post<ApplicationInfo>(
      `/recruitment/${String(application._id)}/transition`,
      { to: 'paused', reason: 'Sovittu tauko' },
    );
    assert.equal(byCoordinator.status, 200, JSON.stringify(byCoordinator.body));
    await facilitator.put('/me/pause', {});
    await facilitator.delete('/me/pause');
    assert.equal((await status()).status, 'paused');
    assert.equal((await status()).history.length, 4);
  });
});
