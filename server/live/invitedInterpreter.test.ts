// [room-6] An interpreter invited for one session (a professional, not in the group): only those
// who run the group invite, only people with an account; the invited one may join that session
// only, comes in as the interpreter into their language (a guest, listed as such), and an
// invitation taken back closes the door again. Bad input changes nothing.
import assert from 'node:assert/strict';
import type { InvitedInterpreter, JoinResult } from '../protocol/live.ts';
import { startTestApp, type TestApp } from '../../test/support/app.ts';
import { liveGroup, liveSocket, ask, must, type TestSocket } from '../../test/support/live.ts';
import { createPerson, signedInClient } from '../../test/support/people.ts';
import { SessionInterpreters } from './sessionInterpreters.model.ts';

describe('[room-6] an interpreter invited for one session', function () {
  this.timeout(60_000);
  let app: TestApp;
  const sockets: TestSocket[] = [];

  before(async () => {
    app = await startTestApp({ label: 'invited-interpreter' });
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.disconnect();
  });
  after(() => app?.close());

  it('[room-6] the facilitator invites by email; the guest joins that session only, as its interpreter; taken back, the door closes', async () => {
    const live = await liveGroup(app.url, { families: 1 });
    const other = await liveGroup(app.url, { families: 0 });
    const professional = await createPerson({ roles: ['family'], displayName: 'Tulkki Amal' });
    const path = `/sessions/${live.sessionId}/interpreters`;
    const facilitator = await signedInClient(app.url, live.staff.facilitator);
    const guest = await signedInClient(app.url, professional);

    // Not invited: the session does not exist for them.
    assert.equal((await guest.get(`/sessions/${live.sessionId}/entry`)).status, 404);

    // Refused, and nothing stored: a family, another group's facilitator, bad input, no account.
    const family = await signedInClient(app.url, live.families[0]!);
    const body = { email: professional.email, language: 'ar' };
    assert.equal((await family.post(path, body)).status, 403);
    const stranger = await signedInClient(app.url, other.staff.facilitator);
    assert.equal((await stranger.post(path, body)).status, 404);
    const bad = await facilitator.post<{ error: { fields: Record<string, string> } }>(path, {
      email: 'not an address',
      language: 'Arabic!',
    });
    assert.equal(bad.status, 400);
    assert.ok(bad.body.error.fields.email && bad.body.error.fields.language);
    const unknown = await facilitator.post<{ error: { code: string; message: string } }>(path, {
      email: 'nobody-here@test.rinnalla.fi',
      language: 'ar',
    });
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.error.code, 'live.noAccount');
    assert.match(unknown.body.error.message, /tiliä/, 'in the facilitator’s language');
    assert.equal(await SessionInterpreters.countDocuments(), 0);

    const invited = await facilitator.post<InvitedInterpreter[]>(path, body);
    assert.equal(invited.status, 200, JSON.stringify(invited.body));
    assert.deepEqual(invited.body, [
      { personId: professional.id, displayName: 'Tulkki Amal', language: 'ar' },
    ]);

    // The guest's entry and join: a guest, interpreting into Arabic, seen so by the family.
    const entry = await guest.get<{ role: string }>(`/sessions/${live.sessionId}/entry`);
    assert.equal(entry.body.role, 'guest');
    const host = await liveSocket(app.url, live.staff.facilitator);
    const listener = await liveSocket(app.url, live.families[0]!);
    const interpreter = await liveSocket(app.url, professional);
    sockets.push(host, listener, interpreter);
    await must(host, 'live:join', { sessionId: live.sessionId });
    await must(listener, 'live:join', { sessionId: live.sessionId });
    const joined = await must<JoinResult>(interpreter, 'live:join', { sessionId: live.sessionId });
    assert.ok(joined.state === 'admitted');
    assert.equal(joined.admitted.self.role, 'guest');
    const seen = joined.admitted.participants.find((p) => p.peerId === joined.admitted.self.peerId);
    assert.equal(seen?.interpreting, 'ar');
    // The family can listen to the Arabic channel at once.
    assert.deepEqual(await must(listener, 'live:channel', { language: 'ar' }), { channel: 'ar' });
    // Nothing else of the group opens to the guest: not another of its sessions.
    const next = live.group.nextSessions[1]!.id;
    assert.equal((await guest.get(`/sessions/${next}/entry`)).status, 404);

    // Taken back: the list is empty and the next join is refused.
    interpreter.disconnect();
    const removed = await facilitator.delete<InvitedInterpreter[]>(`${path}/${professional.id}`);
    assert.deepEqual(removed.body, []);
    const again = await liveSocket(app.url, professional);
    sockets.push(again);
    const refused = await ask(again, 'live:join', { sessionId: live.sessionId });
    assert.ok(!refused.ok && refused.error.code === 'live.notFound');
  });
});
