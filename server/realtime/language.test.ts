// A language chosen again in the UI follows into the open socket: texts the server makes for the
// socket afterwards come in it, without reconnecting.
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../../test/support/app.ts';
import { ask, liveGroup, liveSocket, must } from '../../test/support/live.ts';
import { translator } from '../i18n/index.ts';

describe('[reach-fix] the socket follows the UI language', function () {
  this.timeout(60_000);
  let app: TestApp;
  before(async () => {
    app = await startTestApp({ label: 'socketlang' });
  });
  after(async () => {
    await app?.close();
  });

  it('[reach-fix] after session:language, a live socket gets its texts in the new language', async () => {
    const live = await liveGroup(app.url, { families: 1, startsInMinutes: 24 * 60 });
    const socket = await liveSocket(app.url, live.families[0]!); // introduced itself in English
    try {
      const invalid = () =>
        ask<unknown>(socket, 'chat:send', { channelId: `group:${live.group.id}` });
      const before = await invalid();
      assert.ok(!before.ok);
      assert.equal(before.error.message, translator('en')('invalid'));

      assert.deepEqual(await must(socket, 'session:language', { lang: 'fi' }), { lang: 'fi' });
      const after = await invalid();
      assert.ok(!after.ok);
      assert.equal(after.error.message, translator('fi')('invalid'));
      assert.notEqual(after.error.message, before.error.message);

      // Only the languages Rinnalla has; the socket keeps its language otherwise.
      const unknown = await ask(socket, 'session:language', { lang: 'xx' });
      assert.ok(!unknown.ok);
      assert.equal(unknown.error.message, translator('fi')('invalid'));
    } finally {
      socket.disconnect();
    }
  });
});
