// [speed-keys] The requests people wait for reach their documents by `_id` alone. On FerretDB v1
// every other filter — another field beside `_id`, `$in`, a range — reads the whole collection
// (explain.test.ts), so such a request slows down as the organisation's data grows. Here the
// driver reports every command each request sends, and each filter must be exactly `{ _id }`.
// Found so: every signed-in request read all login sessions (`{ _id, expiresAt }`), every
// join and group page all removals, every enrolment all groups, every cancellation all places.
import assert from 'node:assert/strict';
import mongoose from 'mongoose';
import { audit } from '../audit/audit.model.ts';
import { migrate } from './migrations.ts';
import { EmailKey, emailKeyOf } from '../people/emailKey.model.ts';
import { Person } from '../people/person.model.ts';
import '../people/migrations.ts';
import { startTestApp, type TestApp } from '../../test/support/app.ts';
import { liveGroup, liveSocket, must, type LiveGroup } from '../../test/support/live.ts';
import { createPerson, signedInClient, type ApiClient } from '../../test/support/people.ts';
import { startTrace, traceCommands, type TracedCommand } from '../../test/support/queryTrace.ts';

/** Collections a path may search, and why that does not grow with the organisation. */
const SMALL: Record<string, string> = {
  training_modules: 'the published training modules: a handful, written by trainers',
  login_failures:
    "the failed guesses of the throttle's window: older ones are removed (auth/expiry.ts)",
};

function unkeyed(commands: TracedCommand[]): string[] {
  return commands
    .filter((c) => !c.keyed && !(c.collection in SMALL))
    .map((c) => `${c.name} ${c.collection} ${JSON.stringify(c.filters)}`);
}

describe('[speed-keys] the requests people wait for read by key only', function () {
  this.timeout(120_000);
  let app: TestApp;
  let live: LiveGroup;
  let family: ApiClient;
  let facilitator: ApiClient;
  const sockets: { disconnect(): void }[] = [];

  before(async () => {
    app = await startTestApp({ label: 'keyed' });
    live = await liveGroup(app.url, { families: 2 });
    family = await signedInClient(app.url, live.families[0]!);
    facilitator = await signedInClient(app.url, live.staff.facilitator);
    // The catalogue reads every group once (then every 10 minutes), and follows changes by key.
    await family.get('/groups?lang=ar');
  });
  after(async () => {
    for (const socket of sockets.splice(0)) socket.disconnect();
    await app?.close();
  });

  async function check(name: string, work: () => Promise<unknown>) {
    const { commands } = await traceCommands(work);
    assert.ok(commands.length > 0, `${name}: no database command seen`);
    assert.deepEqual(unkeyed(commands), [], `${name}: filters that read a whole collection`);
  }

  it('[speed-keys] pages: my groups, a group page, the bell, the catalogue, the roster, reports due, the dashboards', async () => {
    const trainer = await signedInClient(app.url, live.staff.trainer);
    const coordinator = live.staff.coordinator;
    await check('my groups (family)', () => family.get('/groups/mine'));
    await check('my groups (facilitator)', () => facilitator.get('/groups/mine'));
    await check('group page', () => family.get(`/groups/${live.group.id}`));
    await check('notifications', () => family.get('/notifications'));
    await check('catalogue', () => family.get('/groups?lang=ar'));
    await check('roster', () => facilitator.get(`/groups/${live.group.id}/enrolments`));
    await check('reports due', () => facilitator.get('/reports/due'));
    await check('trainer dashboard', () => trainer.get('/supervision/dashboard'));
    await check('coordinator: all groups', () => coordinator.get('/groups/all'));
    await check('coordinator: no contact', () => coordinator.get('/supervision/contact?weeks=4'));
    await check('session entry', () => family.get(`/sessions/${live.sessionId}/entry`));
    await check("a family's referrals", () => family.get('/me/referrals'));
    await check("a trainer's trainees", () => trainer.get('/training/trainees'));
    await audit('account.exported', null, null);
    await check('coordinator: audit log', () => coordinator.get('/audit'));
    const newest = (await coordinator.get<{ id: string }[]>('/audit')).body[0]!.id;
    await check('coordinator: audit log, older', () => coordinator.get(`/audit?before=${newest}`));
    await check('coordinator: people', () => coordinator.get('/people'));
    const newestPerson = (await coordinator.get<{ id: string }[]>('/people')).body[0]!.id;
    await check('coordinator: families, older', () =>
      coordinator.get(`/people?role=family&before=${newestPerson}`),
    );
    await check('coordinator: trainers', () => coordinator.get('/people?role=trainer'));
    await check("a trainer's facilitators", () => trainer.get('/people'));
    await check('colleagues for a meeting', () => facilitator.get('/meetings/colleagues'));
    await check('reflections to review (trainer)', () => trainer.get('/training/reflections'));
    await check('reflections to review (coordinator)', () =>
      coordinator.get('/training/reflections'),
    );
    await check('coordinator: trainees', () => coordinator.get('/training/trainees'));
  });

  it('[speed-keys] signing in finds the account by the key of its address', async () => {
    const person = await createPerson({ roles: ['family'] });
    const { commands } = await traceCommands(() => signedInClient(app.url, person));
    assert.ok(
      commands.some((c) => c.collection === 'email_keys'),
      'the key was read',
    );
    assert.deepEqual(unkeyed(commands), [], 'sign-in');
  });

  it('[speed-migrate] addresses from before keys: signing in works once migrated', async () => {
    const person = await createPerson({ roles: ['family'] });
    await EmailKey.deleteOne({ _id: emailKeyOf(person.email) }); // as an older version left it
    await assert.rejects(signedInClient(app.url, person), 'no key: not found');
    await mongoose.connection
      .collection<{ _id: string }>('migrations')
      .deleteOne({ _id: 'email keys' });
    await migrate(() => undefined);
    await signedInClient(app.url, person);
  });

  it('[speed-keys] an address changed by an update is found by its new key, the old one by none', async () => {
    const person = await createPerson({ roles: ['family'] });
    const old = person.email;
    person.email = `moved-${old}`;
    await Person.updateOne({ _id: person.id }, { email: person.email });
    await signedInClient(app.url, person);
    await assert.rejects(signedInClient(app.url, { ...person, email: old }), /401/);
  });

  it('[speed-keys] enrolling and cancelling', async () => {
    const newcomer = await signedInClient(app.url, await createPerson({ roles: ['family'] }));
    await check('enrol', async () => {
      const res = await newcomer.post(`/groups/${live.group.id}/enrolments`, {
        acceptRules: live.group.rulesVersion,
      });
      assert.equal(res.status, 201, JSON.stringify(res.body));
    });
    await check('cancel', async () => {
      const res = await newcomer.delete(`/groups/${live.group.id}/enrolments/me`);
      assert.ok(res.status < 300, JSON.stringify(res.body));
    });
  });

  it('[speed-keys] the socket: handshake, live join and leave, chat send, catch-up and history', async () => {
    let trace: ReturnType<typeof startTrace> | undefined;
    const socket = await liveSocket(app.url, live.families[1]!, async () => {
      trace = startTrace();
    });
    sockets.push(socket);
    const handshake = trace!.stop();
    assert.ok(handshake.length > 0, 'the handshake read the session');
    assert.deepEqual(unkeyed(handshake), [], 'handshake');
    const host = await liveSocket(app.url, live.staff.facilitator);
    sockets.push(host);
    await must(host, 'live:join', { sessionId: live.sessionId });
    const channelId = `group:${live.group.id}`;
    for (let round = 0; round < 2; round += 1) {
      await check('live join', () => must(socket, 'live:join', { sessionId: live.sessionId }));
      await check('live leave', () => must(socket, 'live:leave', {}));
    }
    await check('chat send', () =>
      must(socket, 'chat:send', { channelId, clientId: 'keyed-path-1', text: 'Hei!' }),
    );
    await check('chat catch-up', () => must(socket, 'chat:sync', { channelId, afterSeq: 0 }));
    // The session's own chat (its channel asks whether the sender was removed from it).
    await must(socket, 'live:join', { sessionId: live.sessionId });
    await check('session chat send', () =>
      must(socket, 'chat:send', {
        channelId: `session:${live.sessionId}`,
        clientId: 'keyed-path-2',
        text: 'Hei istunto!',
      }),
    );
    await check('chat history', () => must(socket, 'chat:history', { channelId, limit: 50 }));
  });

  it('[speed-keys] the messages page: conversations, subscribing, reading, a direct conversation, presence', async () => {
    const socket = await liveSocket(app.url, live.families[0]!);
    sockets.push(socket);
    const channelId = `group:${live.group.id}`;
    await check('conversations', () => must(socket, 'chat:conversations', {}));
    await check('subscribe', () => must(socket, 'chat:subscribe', { channelIds: [channelId] }));
    await check('read', () => must(socket, 'chat:read', { channelId, seq: 1 }));
    for (let round = 0; round < 2; round += 1)
      await check(`direct conversation (${round ? 'again' : 'new'})`, () =>
        must(socket, 'chat:openDirect', { groupId: live.group.id, with: 'facilitators' }),
      );
    await check('presence set', () => must(socket, 'presence:set', { state: 'online' }));
    await check('presence watch', () => must(socket, 'presence:watch', { groupId: live.group.id }));
  });
});
