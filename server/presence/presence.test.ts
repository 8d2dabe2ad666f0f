// [presence] Who of a group is online, away or in a session — one process, in-memory store.
// Several tabs are one person; a live session's visible participants are "in a session"; an
// observing trainer is never shown to families; outsiders may not watch.
import assert from 'node:assert/strict';
import type { PresenceEntry, PresenceState } from '../protocol/chat.ts';
import type { JoinResult } from '../protocol/live.ts';
import { startTestApp, type TestApp } from '../../test/support/app.ts';
import {
  ask,
  liveGroup,
  liveSocket,
  must,
  recordEvents,
  type TestSocket,
} from '../../test/support/live.ts';
import { createPerson, type TestPerson } from '../../test/support/people.ts';
import { senderKey } from '../chat/message.model.ts';

interface Change {
  groupId: string;
  key: string;
  state: PresenceState;
}
type Events = ReturnType<typeof recordEvents>;

const changes = (events: Events, key: string) =>
  events
    .filter((e) => e.name === 'presence:changed')
    .map((e) => e.payload as Change)
    .filter((c) => c.key === key)
    .map((c) => c.state);

/** Polls until `check` passes, for at most `ms`; then fails with its last error. */
async function until(check: () => void, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      return check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

describe('[presence] presence in one process', function () {
  this.timeout(60_000);
  let app: TestApp;
  const sockets: TestSocket[] = [];
  const open = async (person: TestPerson) => {
    const socket = await liveSocket(app.url, person);
    sockets.push(socket);
    return socket;
  };
  const watch = (socket: TestSocket, groupId: string) =>
    must<{ groupId: string; members: PresenceEntry[] }>(socket, 'presence:watch', { groupId });
  const keyOf = (groupId: string, person: TestPerson) => senderKey(`group:${groupId}`, person.id);

  before(async () => {
    app = await startTestApp({ label: 'presence' });
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.disconnect();
  });
  after(() => app?.close());

  it('[presence] several tabs of one person are one entry: online wins, away, then offline', async () => {
    const live = await liveGroup(app.url, { families: 1 });
    const groupId = live.group.id;
    const family = live.families[0]!;
    const key = keyOf(groupId, family);
    const tabs = [await open(family), await open(family)];

    const watcher = await open(live.staff.facilitator);
    const events = recordEvents(watcher);
    const { members } = await watch(watcher, groupId);
    assert.deepEqual(
      members.filter((m) => m.key === key),
      [{ key, name: family.displayName, role: 'family', state: 'away' }],
      'two tabs, neither said online: one entry, away',
    );
    assert.deepEqual(
      members.find((m) => m.role === 'facilitator'),
      {
        key: keyOf(groupId, live.staff.facilitator),
        name: live.staff.facilitator.displayName,
        role: 'facilitator',
        state: 'away',
      },
    );

    await must(tabs[0]!, 'presence:set', { state: 'online' });
    await must(tabs[1]!, 'presence:set', { state: 'away' }); // the other tab is still online
    await must(tabs[0]!, 'presence:set', { state: 'away' });
    tabs[0]!.disconnect(); // one tab left, away
    await must(tabs[1]!, 'presence:set', { state: 'away' });
    tabs[1]!.disconnect();
    await until(() => assert.deepEqual(changes(events, key), ['online', 'away', 'offline']));
    const again = await watch(watcher, groupId);
    assert.equal(again.members.find((m) => m.key === key)?.state, 'offline');
  });

  it('[presence] in a session while admitted to its live session, back online after leaving', async () => {
    const live = await liveGroup(app.url, { families: 1 });
    const groupId = live.group.id;
    const family = live.families[0]!;
    const key = keyOf(groupId, family);
    const watcher = await open(live.staff.facilitator);
    const events = recordEvents(watcher);
    await watch(watcher, groupId);

    const socket = await open(family);
    await must(socket, 'presence:set', { state: 'online' });
    const joined = await must<JoinResult>(socket, 'live:join', { sessionId: live.sessionId });
    assert.equal(joined.state, 'admitted');
    await until(() => assert.deepEqual(changes(events, key), ['away', 'online', 'inSession']));
    const during = await watch(watcher, groupId);
    assert.equal(during.members.find((m) => m.key === key)?.state, 'inSession');

    await must(socket, 'live:leave', {});
    await until(() =>
      assert.deepEqual(changes(events, key), ['away', 'online', 'inSession', 'online']),
    );
  });

  it('[presence] an observing trainer is never visible to families, only to staff', async () => {
    const live = await liveGroup(app.url, { families: 2, group: { observationAllowed: true } });
    const groupId = live.group.id;
    const [first, second] = live.families as [TestPerson, TestPerson];
    const trainerKey = keyOf(groupId, live.staff.trainer);

    const family = await open(first);
    const familyEvents = recordEvents(family);
    const familyView = await watch(family, groupId);
    assert.ok(!familyView.members.some((m) => m.role === 'trainer' || m.key === trainerKey));
    assert.deepEqual(familyView.members.map((m) => m.role).sort(), [
      'facilitator',
      'family',
      'family',
    ]);

    const host = await open(live.staff.facilitator);
    const hostEvents = recordEvents(host);
    const hostView = await watch(host, groupId);
    assert.equal(hostView.members.find((m) => m.key === trainerKey)?.role, 'trainer');
    await must(host, 'live:join', { sessionId: live.sessionId });
    await must(family, 'live:join', { sessionId: live.sessionId });

    const trainer = await open(live.staff.trainer);
    await must(trainer, 'presence:set', { state: 'online' });
    const observing = await must<JoinResult>(trainer, 'live:join', {
      sessionId: live.sessionId,
      mode: 'observer',
    });
    assert.ok(observing.state === 'admitted' && observing.admitted.self.observer);
    // The trainer's own watch (staff) shows them online, not in the session, while observing.
    const trainerView = await watch(trainer, groupId);
    assert.equal(trainerView.members.find((m) => m.key === trainerKey)?.state, 'online');
    await must(trainer, 'live:stepIn', {});
    await until(() =>
      assert.deepEqual(changes(hostEvents, trainerKey), ['away', 'online', 'inSession']),
    );

    // A change families do see, made after the staff heard of the trainer: once it arrives,
    // anything about the trainer would have arrived before it.
    const other = await open(second);
    await must(other, 'presence:set', { state: 'online' });
    await until(() =>
      assert.deepEqual(changes(familyEvents, keyOf(groupId, second)).at(-1), 'online'),
    );
    assert.deepEqual(changes(familyEvents, trainerKey), []);
    assert.ok(!JSON.stringify(familyEvents).includes(trainerKey));
    const familyAgain = await watch(family, groupId);
    assert.ok(!familyAgain.members.some((m) => m.key === trainerKey));
  });

  it('[presence] outsiders may not watch a group, and a group that does not exist answers the same', async () => {
    const live = await liveGroup(app.url, { families: 1 });
    const outsider = await open(await createPerson({ roles: ['family'] }));
    const refused = await ask(outsider, 'presence:watch', { groupId: live.group.id });
    assert.ok(!refused.ok);
    assert.equal(refused.error.code, 'chat.notFound');
    const none = await ask(outsider, 'presence:watch', { groupId: '0123456789abcdef01234567' });
    assert.ok(!none.ok);
    assert.equal(none.error.code, 'chat.notFound');
    const coordinator = await open(await createPerson({ roles: ['coordinator'] }));
    const notMember = await ask(coordinator, 'presence:watch', { groupId: live.group.id });
    assert.ok(!notMember.ok && notMember.error.code === 'chat.notFound');
    // A partner (who may watch only their partnership tables) is any outsider here.
    const partner = await open(await createPerson({ roles: ['partner'] }));
    const gated = await ask(partner, 'presence:watch', { groupId: live.group.id });
    assert.ok(!gated.ok && gated.error.code === 'chat.notFound');
  });
});
