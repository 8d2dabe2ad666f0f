// [scale-2] A process that died just after admitting someone, before it published whom it had
// admitted: that person's attendance row stayed open (joined, never left) — found by the soak.
// The next process to open the session closes it; coming back opens it again.
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../../test/support/app.ts';
import { liveGroup, liveSocket, must, type TestSocket } from '../../test/support/live.ts';
import { Attendance, attendanceKey, recordJoin } from '../sessions/attendance.model.ts';

describe('[scale-2] attendance left open by a process that died', function () {
  this.timeout(60_000);
  let app: TestApp;
  const sockets: TestSocket[] = [];
  before(async () => {
    app = await startTestApp({ label: 'openrows' });
  });
  after(async () => {
    for (const socket of sockets.splice(0)) socket.disconnect();
    await app?.close();
  });

  it('[scale-2] a row left open is closed when the session opens again; coming back opens it', async () => {
    const live = await liveGroup(app.url, { families: 2 });
    const [gone, other] = live.families as [(typeof live.families)[0], (typeof live.families)[0]];
    const row = (personId: string) =>
      Attendance.findById(attendanceKey(live.sessionId, personId)).lean();
    // As the dead process left it: joined, never left, and nobody told.
    const joinedAt = new Date(Date.now() - 60_000);
    await recordJoin(live.sessionId, live.group.id, gone.id, joinedAt);
    assert.equal((await row(gone.id))?.leftAt, null);

    const host = await liveSocket(app.url, live.staff.facilitator);
    sockets.push(host);
    await must(host, 'live:join', { sessionId: live.sessionId });
    const closed = await row(gone.id);
    assert.ok(closed?.leftAt, 'closed when the session opened here');
    assert.ok(closed.leftAt >= joinedAt && closed.present, JSON.stringify(closed));
    assert.equal(await row(other.id), null, 'nobody else got a row');
    assert.equal((await row(live.staff.facilitator.id))?.leftAt, null, 'the host is in');

    const back = await liveSocket(app.url, gone);
    sockets.push(back);
    await must(back, 'live:join', { sessionId: live.sessionId });
    assert.equal((await row(gone.id))?.leftAt, null, 'there again');
  });
});
