// [room-3] the session plan's timer, [room-4] speaking rounds, [room-5] anonymous check-ins.
// Real server, database and SFU; the clients are Socket.IO sockets; the server's clock is moved
// by hand so minutes pass in a moment.
import assert from 'node:assert/strict';
import type { AdmittedState, JoinResult, LiveSettings } from '../../protocol/live.ts';
import type { ToolsView } from '../../protocol/roomTools.ts';
import type { ReportDraft, ReportInfo } from '../../protocol/supervision.ts';
import { startTestApp, type TestApp } from '../../../test/support/app.ts';
import { TestClock } from '../../../test/support/clock.ts';
import {
  ask,
  liveGroup,
  liveSocket,
  must,
  recordEvents,
  type LiveGroup,
  type TestSocket,
} from '../../../test/support/live.ts';
import type { TestPerson } from '../../../test/support/people.ts';
import { Report } from '../../supervision/report.model.ts';
import { signedInClient } from '../../../test/support/people.ts';

type Events = ReturnType<typeof recordEvents>;

/** Waits until the socket has received an event that matches (already or soon). */
async function waitFor<T>(events: Events, name: string, test: (p: T) => boolean = () => true) {
  for (let i = 0; i < 200; i += 1) {
    const hit = events.find((e) => e.name === name && test(e.payload as T));
    if (hit) return hit.payload as T;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`no ${name} arrived`);
}

const lastTools = (events: Events) =>
  events.filter((e) => e.name === 'live:tools').at(-1)?.payload as ToolsView | undefined;

/** Files the session's report as drafted, everyone present. */
async function fileReport(
  facilitator: Awaited<ReturnType<typeof signedInClient>>,
  sessionId: string,
  draft: ReportDraft,
) {
  const filed = await facilitator.post<ReportInfo>(`/sessions/${sessionId}/report`, {
    attendance: draft.attendance.map((a) => ({ personId: a.personId, present: true })),
    themes: [],
    howItWent: 4,
    notes: '',
    concern: '',
    safeguarding: false,
  });
  assert.equal(filed.status, 201, JSON.stringify(filed.body));
  return filed;
}

describe('room tools: plan, rounds, check-ins', function () {
  this.timeout(60_000);
  let app: TestApp;
  const clock = new TestClock();
  const sockets: TestSocket[] = [];

  interface Member {
    socket: TestSocket;
    events: Events;
    joined: JoinResult & { state: 'admitted' };
    peerId: string;
  }
  async function enter(person: TestPerson, sessionId: string, extra: object = {}) {
    const socket = await liveSocket(app.url, person);
    sockets.push(socket);
    const events = recordEvents(socket);
    const joined = await must<JoinResult>(socket, 'live:join', { sessionId, ...extra });
    assert.equal(joined.state, 'admitted');
    const admitted = joined as JoinResult & { state: 'admitted' };
    return { socket, events, joined: admitted, peerId: admitted.admitted.self.peerId };
  }

  before(async () => {
    app = await startTestApp({ label: 'roomtools', clock });
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.disconnect();
  });
  after(() => app?.close());

  it('[room-3] the plan and its time left are the same for everyone, across a host reconnect; skip and extend show at once; the report draft has the minutes as run', async () => {
    const live = await liveGroup(app.url, { families: 2 });
    const facilitator = await signedInClient(app.url, live.staff.facilitator);
    const items = [
      { title: 'Tervetuloa', minutes: 5 },
      { title: 'Avauskierros', minutes: 15 },
      { title: 'Teema', minutes: 25 },
      { title: 'Lopetus', minutes: 10 },
    ];
    const bad = await facilitator.put(`/groups/${live.group.id}/plan`, {
      items: [{ title: '', minutes: 0 }],
    });
    assert.equal(bad.status, 400);
    const saved = await facilitator.put(`/groups/${live.group.id}/plan`, { items });
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
    const family = await signedInClient(app.url, live.families[0]!);
    assert.equal((await family.put(`/groups/${live.group.id}/plan`, { items })).status, 403);

    let host = await enter(live.staff.facilitator, live.sessionId);
    const a = await enter(live.families[0]!, live.sessionId);
    const b = await enter(live.families[1]!, live.sessionId);
    const all = () => [host, a, b];
    const sameEverywhere = async (test: (v: ToolsView) => boolean) => {
      const views = await Promise.all(
        all().map((m) => waitFor<ToolsView>(m.events, 'live:tools', test)),
      );
      const left = views.map((v) => Date.parse(v.plan!.endsAt) - Date.parse(v.serverNow));
      assert.ok(Math.max(...left) - Math.min(...left) <= 1000, `time left differs: ${left}`);
      assert.equal(new Set(views.map((v) => `${v.plan!.index} ${v.plan!.endsAt}`)).size, 1);
      return views[0]!;
    };

    // Families cannot run the plan; bad input is refused in words; nothing changes.
    const refused = await ask(a.socket, 'live:plan', { action: 'start' });
    assert.ok(!refused.ok && refused.error.code === 'forbidden');
    const invalid = await ask(host.socket, 'live:plan', { action: 'jump' });
    assert.ok(!invalid.ok && invalid.error.code === 'invalid' && invalid.error.message.length > 5);
    assert.equal(lastTools(a.events), undefined, 'nothing was sent');

    const t0 = clock.now();
    await must(host.socket, 'live:plan', { action: 'start' });
    let view = await sameEverywhere((v) => v.plan?.index === 0);
    assert.equal(Date.parse(view.plan!.endsAt) - t0.getTime(), 5 * 60_000);

    clock.set(new Date(t0.getTime() + 3 * 60_000));
    await must(host.socket, 'live:plan', { action: 'next', index: 0 });
    view = await sameEverywhere((v) => v.plan?.index === 1);
    // A second click on the item that already moved on changes nothing.
    const stale = await ask(host.socket, 'live:plan', { action: 'next', index: 0 });
    assert.ok(!stale.ok && stale.error.code === 'live.planMoved');

    // The host's connection drops and comes back: the plan is where it was, for all alike.
    const token = host.joined.rejoinToken;
    host.socket.disconnect();
    const back = await enter(live.staff.facilitator, live.sessionId, { rejoinToken: token });
    assert.equal(back.joined.resumed, true);
    const restored = back.joined.admitted.tools;
    assert.equal(restored.plan?.index, 1);
    assert.equal(restored.plan?.endsAt, lastTools(a.events)!.plan!.endsAt);
    host = back;

    clock.set(new Date(t0.getTime() + 10 * 60_000));
    const before = Date.parse(lastTools(a.events)!.plan!.endsAt);
    await must(host.socket, 'live:plan', { action: 'extend', index: 1 });
    view = await sameEverywhere((v) => Date.parse(v.plan?.endsAt ?? '') === before + 5 * 60_000);

    clock.set(new Date(t0.getTime() + 12 * 60_000));
    await must(host.socket, 'live:plan', { action: 'skip', index: 1 });
    view = await sameEverywhere((v) => v.plan?.index === 2);
    assert.equal(Date.parse(view.plan!.endsAt), t0.getTime() + 12 * 60_000 + 25 * 60_000);

    clock.set(new Date(t0.getTime() + 32 * 60_000));
    await must(host.socket, 'live:plan', { action: 'next', index: 2 });
    await sameEverywhere((v) => v.plan?.index === 3);
    clock.set(new Date(t0.getTime() + 40 * 60_000));
    await must(host.socket, 'live:plan', { action: 'next', index: 3 });
    await waitFor<ToolsView>(a.events, 'live:tools', (v) => v.plan?.index === 4);

    const draft = await facilitator.get<ReportDraft>(`/sessions/${live.sessionId}/report/draft`);
    assert.equal(draft.status, 200, JSON.stringify(draft.body));
    assert.deepEqual(draft.body.planRun, [
      { title: 'Tervetuloa', plannedMinutes: 5, actualMinutes: 3, skipped: false },
      { title: 'Avauskierros', plannedMinutes: 15, actualMinutes: 9, skipped: true },
      { title: 'Teema', plannedMinutes: 25, actualMinutes: 20, skipped: false },
      { title: 'Lopetus', plannedMinutes: 10, actualMinutes: 8, skipped: false },
    ]);
    const filed = await fileReport(facilitator, live.sessionId, draft.body);
    assert.deepEqual(
      filed.body.planRun,
      draft.body.planRun,
      'the filed report keeps the plan as run',
    );
  });

  it('[room-4] a round spotlights each speaker for everyone in order; a pass moves on; a hand raised meanwhile queues after it; someone joining late speaks last; an observer is never in it', async () => {
    const live = await liveGroup(app.url, { families: 4, group: { observationAllowed: true } });
    const host = await enter(live.staff.facilitator, live.sessionId);
    const fams: Member[] = [];
    for (const f of live.families.slice(0, 3)) fams.push(await enter(f, live.sessionId));
    const observer = await enter(live.staff.trainer, live.sessionId, { mode: 'observer' });
    const everyone = [host, ...fams, observer];
    const seats = [host.peerId, ...fams.map((f) => f.peerId)];

    const refused = await ask(fams[0]!.socket, 'live:roundStart', { order: 'seat' });
    assert.ok(!refused.ok && refused.error.code === 'forbidden');
    await must(host.socket, 'live:roundStart', { order: 'seat', speakerMinutes: 2 });
    const started = await waitFor<ToolsView>(fams[0]!.events, 'live:tools', (v) => !!v.round);
    assert.deepEqual(started.round!.order, seats, 'by seat, without the hidden observer');
    assert.ok(started.round!.speakerEndsAt);

    const spotlit = async (peerId: string | null, keep = false) => {
      for (const m of everyone)
        await waitFor<LiveSettings>(m.events, 'live:settings', (s) => s.spotlight === peerId);
      if (!keep) for (const m of everyone) m.events.splice(0);
    };
    await spotlit(host.peerId);
    // A family joining during the round speaks last.
    const late = await enter(live.families[3]!, live.sessionId);
    const longer = await waitFor<ToolsView>(host.events, 'live:tools', (v) =>
      (v.round?.order ?? []).includes(late.peerId),
    );
    assert.deepEqual(longer.round!.order, [...seats, late.peerId]);
    everyone.push(late);
    for (const m of everyone) m.events.splice(0);

    // Not the speaker: a family cannot pass for someone else, nor for the host.
    const forged = await ask(fams[1]!.socket, 'live:roundPass', { peerId: host.peerId });
    assert.ok(!forged.ok && forged.error.code === 'forbidden');
    const observerAnswer = await ask(observer.socket, 'live:hand', { raised: true });
    assert.ok(!observerAnswer.ok);

    await must(host.socket, 'live:roundPass', { peerId: host.peerId });
    await spotlit(fams[0]!.peerId);
    // Family 3 raises a hand while family 1 speaks: queued, shown to all, not raised yet.
    await must(fams[2]!.socket, 'live:hand', { raised: true });
    const queued = await waitFor<ToolsView>(host.events, 'live:tools', (v) =>
      (v.round?.queuedHands ?? []).includes(fams[2]!.peerId),
    );
    assert.equal(queued.round!.index, 1);
    assert.ok(
      !host.events.some(
        (e) =>
          e.name === 'live:participantUpdated' && (e.payload as { handRaised: boolean }).handRaised,
      ),
    );
    // The speaker passes themself.
    await must(fams[0]!.socket, 'live:roundPass', { peerId: fams[0]!.peerId });
    await spotlit(fams[1]!.peerId);
    // A second pass for the one who already passed changes nothing.
    const again = await ask(fams[0]!.socket, 'live:roundPass', { peerId: fams[0]!.peerId });
    assert.ok(!again.ok && again.error.code === 'live.roundMoved');
    await must(host.socket, 'live:roundPass', { peerId: fams[1]!.peerId });
    await spotlit(fams[2]!.peerId);
    await must(fams[2]!.socket, 'live:roundPass', { peerId: fams[2]!.peerId });
    await spotlit(late.peerId);
    await must(late.socket, 'live:roundPass', { peerId: late.peerId });
    // The round is over: the spotlight as before, the queued hand raised now and listed.
    await spotlit(null, true);
    const after = await waitFor<ToolsView>(host.events, 'live:tools', (v) => !v.round);
    assert.equal(after.round, null);
    assert.deepEqual(after.handsAfterRound, [fams[2]!.peerId]);
    const raised = await waitFor<{ peerId: string; handRaised: boolean }>(
      fams[0]!.events,
      'live:participantUpdated',
      (p) => p.peerId === fams[2]!.peerId && p.handRaised,
    );
    assert.ok(raised);
    // A shuffled round holds the same people.
    await must(host.socket, 'live:roundStart', { order: 'shuffled' });
    const shuffled = await waitFor<ToolsView>(fams[1]!.events, 'live:tools', (v) => !!v.round);
    assert.deepEqual([...shuffled.round!.order].sort(), [...seats, late.peerId].sort());
    assert.equal(shuffled.round!.speakerEndsAt, null);
  });

  it('[room-5] check-in results hide below three answers and no frame exposes one answer', async () => {
    const live: LiveGroup = await liveGroup(app.url, {
      families: 4,
      group: { observationAllowed: true },
    });
    const host = await enter(live.staff.facilitator, live.sessionId);
    const fams: Member[] = [];
    for (const f of live.families) fams.push(await enter(f, live.sessionId));
    const observer = await enter(live.staff.trainer, live.sessionId, { mode: 'observer' });
    const everyone = [host, ...fams, observer];
    const framesOk = () => {
      for (const m of everyone) {
        for (const e of m.events) {
          const text = JSON.stringify(e.payload);
          // No frame names an answer's chooser, or says what anyone chose.
          assert.ok(!/answeredBy|choice/.test(text), text);
          if (e.name !== 'live:tools') continue;
          const c = (e.payload as ToolsView).checkIn;
          if (c?.counts) assert.ok(c.closed && c.answered >= 3, text);
        }
      }
    };

    const refused = await ask(fams[0]!.socket, 'live:checkInAsk', { kind: 'mood' });
    assert.ok(!refused.ok && refused.error.code === 'forbidden');
    const bad = await ask(host.socket, 'live:checkInAsk', { kind: 'secret' });
    assert.ok(!bad.ok && bad.error.code === 'invalid');

    // Two answers only: closed, nothing shown, nothing kept for the report.
    await must(host.socket, 'live:checkInAsk', { kind: 'mood' });
    await must(fams[0]!.socket, 'live:checkInAnswer', { choice: 4 });
    const twice = await ask(fams[0]!.socket, 'live:checkInAnswer', { choice: 0 });
    assert.ok(!twice.ok && twice.error.code === 'live.alreadyAnswered');
    // Another device of the same family (it takes the place of the first) cannot answer again.
    const other = await enter(live.families[0]!, live.sessionId);
    const again = await ask(other.socket, 'live:checkInAnswer', { choice: 2 });
    assert.ok(!again.ok && again.error.code === 'live.alreadyAnswered');
    const replaced = fams[0]!;
    fams[0] = other;
    everyone.push(other);
    const outOfRange = await ask(fams[1]!.socket, 'live:checkInAnswer', { choice: 9 });
    assert.ok(!outOfRange.ok && outOfRange.error.code === 'invalid');
    const observed = await ask(observer.socket, 'live:checkInAnswer', { choice: 1 });
    assert.ok(!observed.ok && observed.error.code === 'live.observerCannot');
    await must(fams[1]!.socket, 'live:checkInAnswer', { choice: 1 });
    await must(host.socket, 'live:checkInClose', {});
    const hidden = await waitFor<ToolsView>(
      fams[2]!.events,
      'live:tools',
      (v) => !!v.checkIn?.closed,
    );
    assert.equal(hidden.checkIn!.counts, null);
    assert.equal(hidden.checkIn!.answered, 2);
    const kept = await ask(host.socket, 'live:checkInToReport', {});
    assert.ok(!kept.ok && kept.error.code === 'live.checkInTooFew');
    framesOk();

    // Four answers: once closed, the counts and nothing else.
    await must(host.socket, 'live:checkInAsk', { kind: 'pace' });
    for (const [i, choice] of [0, 1, 1, 2].entries())
      await must(fams[i]!.socket, 'live:checkInAnswer', { choice });
    const open = await waitFor<ToolsView>(
      host.events,
      'live:tools',
      (v) => v.checkIn?.kind === 'pace' && v.checkIn.answered === 4,
    );
    assert.equal(open.checkIn!.counts, null, 'nothing while it is open');
    await must(host.socket, 'live:checkInClose', {});
    for (const m of everyone.filter((x) => x !== replaced)) {
      const shown = await waitFor<ToolsView>(
        m.events,
        'live:tools',
        (v) => v.checkIn?.kind === 'pace' && v.checkIn.closed,
      );
      assert.deepEqual(shown.checkIn!.counts, [1, 2, 1]);
    }
    const mine = lastTools(fams[0]!.events)!.checkIn!;
    assert.equal(mine.mine, true);
    assert.equal(lastTools(observer.events)!.checkIn!.mine, false);
    await must(host.socket, 'live:checkInToReport', {});
    framesOk();
    const facilitator = await signedInClient(app.url, live.staff.facilitator);
    const draft = await facilitator.get<ReportDraft>(`/sessions/${live.sessionId}/report/draft`);
    assert.deepEqual(draft.body.checkIns, [{ kind: 'pace', counts: [1, 2, 1], total: 4 }]);
    assert.equal((host.joined.admitted as AdmittedState).tools.checkIn, null);
    // Filed, the report keeps the totals (and nothing else of the answers).
    const filed = await fileReport(facilitator, live.sessionId, draft.body);
    assert.deepEqual(filed.body.checkIns, draft.body.checkIns);
    const stored = await Report.findOne({ sessionId: live.sessionId }).lean();
    assert.deepEqual(
      stored?.checkIns.map((c) => ({ kind: c.kind, counts: [...c.counts] })),
      [{ kind: 'pace', counts: [1, 2, 1] }],
    );
  });
});
